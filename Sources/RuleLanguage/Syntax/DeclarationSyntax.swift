import RuleEngine

/// A parsed `.rules` file: its declarations in order, and its comments.
public struct RuleFileSyntax: Sendable, Hashable {
  public let file: SourceFileID
  public var declarations: [DeclarationSyntax]
  public var comments: [Comment]
}

/// One top-level declaration of a rule file.
public enum DeclarationSyntax: Sendable, Hashable {
  case template(TemplateDeclSyntax)
  case diagnosis(DiagnosisDeclSyntax)
  case ask(AskDeclSyntax)
  case rule(RuleDeclSyntax)

  public var span: SourceSpan {
    switch self {
    case .template(let decl): decl.span
    case .diagnosis(let decl): decl.span
    case .ask(let decl): decl.span
    case .rule(let decl): decl.span
    }
  }
}

/// `template group { support: enthusiastic | polite  years: number = 0 }`
public struct TemplateDeclSyntax: Sendable, Hashable {
  public let name: NameSyntax
  public let slots: [SlotDeclSyntax]
  public let span: SourceSpan
}

/// One slot of a template: a name, a type and an optional default.
public struct SlotDeclSyntax: Sendable, Hashable {
  public let name: NameSyntax
  public let type: SlotTypeSyntax
  public let defaultValue: LiteralSyntax?
  public let span: SourceSpan
}

/// The declared type of a slot.
public enum SlotTypeSyntax: Sendable, Hashable {
  /// `string`, `number`, `symbol`, `boolean` or `any`.
  case basic(BasicType, SourceSpan)
  /// A closed set of symbols: `rising | flat | declining`.
  case enumeration([NameSyntax])

  public enum BasicType: String, Sendable, Hashable, CaseIterable {
    case string
    case number
    case symbol
    case boolean
    case any
  }
}

/// A `key "value"` or `key 10` line inside a declaration, such as `source "000.txt"`.
public struct PropertySyntax: Sendable, Hashable {
  public enum Value: Sendable, Hashable {
    case string(StringLiteralSyntax)
    case number(LiteralSyntax)
  }
  public let name: NameSyntax
  public let value: Value
  public let span: SourceSpan

  public var stringValue: String? {
    if case .string(let literal) = value { return literal.plainText ?? literal.template }
    return nil
  }
  /// Where the value is written, for errors about the value rather than the property.
  public var valueSpan: SourceSpan {
    switch value {
    case .string(let literal): literal.span
    case .number(let literal): literal.span
    }
  }
  public var numberValue: Double? {
    if case .number(let literal) = value, case .number(let number) = literal.value { return number }
    return nil
  }
}

/// `diagnosis complacency { title "…" summary "…" source "…" remedy "…" }`
public struct DiagnosisDeclSyntax: Sendable, Hashable {
  public let name: NameSyntax
  public let properties: [PropertySyntax]
  public let span: SourceSpan
  /// True when a property could not be read (an unknown key such as `titel`, or a bad value);
  /// it may be the required one, so missing properties are not reported.
  public var hasUnreadProperty = false

  public func property(_ key: String) -> PropertySyntax? { properties.first { $0.name.text == key } }
}

/// `ask group.support "How do the people in this group respond?"`
public struct AskDeclSyntax: Sendable, Hashable {
  public let template: NameSyntax
  public let slot: NameSyntax
  public let question: StringLiteralSyntax
  public let span: SourceSpan
}

/// `rule id "title" { source "…" salience 10 when { … } then { … } }`
public struct RuleDeclSyntax: Sendable, Hashable {
  public let name: NameSyntax
  public let title: StringLiteralSyntax?
  public let properties: [PropertySyntax]
  public let conditions: [ConditionSyntax]
  public let actions: [ActionSyntax]
  public let span: SourceSpan
  /// True when the parser had to skip part of the rule after a syntax error: some pattern,
  /// test or action is missing from ``conditions`` or ``actions``, with the variables it bound.
  public var hasSyntaxErrors = false

  public func property(_ key: String) -> PropertySyntax? { properties.first { $0.name.text == key } }
}
