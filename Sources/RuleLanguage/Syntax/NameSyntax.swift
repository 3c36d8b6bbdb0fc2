import RuleEngine

/// A name as written: a template, slot, rule, diagnosis or symbol, with its place.
public struct NameSyntax: Sendable, Hashable {
  public let text: String
  public let span: SourceSpan
  public init(_ text: String, span: SourceSpan) {
    self.text = text
    self.span = span
  }
}

/// A variable as written (`?who`), without the question mark in ``name``.
public struct VariableSyntax: Sendable, Hashable {
  public let name: String
  public let span: SourceSpan
  public init(_ name: String, span: SourceSpan) {
    self.name = name
    self.span = span
  }
  /// `?_` matches anything and binds nothing.
  public var isWildcard: Bool { name == "_" }
}

/// A literal value in source.
public enum LiteralValue: Sendable, Hashable {
  case symbol(String)
  case string(String)
  case number(Double)
  case boolean(Bool)
}

public struct LiteralSyntax: Sendable, Hashable {
  public let value: LiteralValue
  public let span: SourceSpan
  public init(_ value: LiteralValue, span: SourceSpan) {
    self.value = value
    self.span = span
  }
}

/// How the parser reads a string's `{`.
public enum StringReading: Sendable, Hashable {
  /// Declarations and case files: `{` is an ordinary character.
  case plain
  /// Actions: `{?var}` is filled in with the variable's value; any other `{` is an error.
  case interpolated
  /// Conditions: matched as written, `{` included; `{?var}` is an error, since it looks like
  /// an interpolation that would not happen.
  case matched
}

/// A string literal, possibly joined from adjacent pieces, with its `{?var}` interpolations.
public struct StringLiteralSyntax: Sendable, Hashable {
  public enum Part: Sendable, Hashable {
    case text(String)
    case variable(VariableSyntax)
  }
  public let parts: [Part]
  public let span: SourceSpan

  public init(parts: [Part], span: SourceSpan) {
    self.parts = parts
    self.span = span
  }

  /// The text with interpolations written back as `{?name}`.
  public var template: String {
    parts.map { part in
      switch part {
      case .text(let text): text
      case .variable(let variable): "{?\(variable.name)}"
      }
    }.joined()
  }

  /// The plain text when the string has no interpolation.
  public var plainText: String? {
    var text = ""
    for part in parts {
      guard case .text(let piece) = part else { return nil }
      text += piece
    }
    return text
  }
}
