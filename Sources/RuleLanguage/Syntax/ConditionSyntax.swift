import RuleEngine

/// One condition element of a rule's `when` block.
public indirect enum ConditionSyntax: Sendable, Hashable {
  /// `?f <- kind(slot: constraint, …) where test`
  case pattern(PatternSyntax)
  /// `not kind(…)` or `not { … }`: no facts match.
  case not([ConditionSyntax], SourceSpan)
  /// `exists kind(…)` or `exists { … }`: at least one match, counted once.
  case exists([ConditionSyntax], SourceSpan)
  /// `either { … } or { … }`: any of the alternatives.
  case either([[ConditionSyntax]], SourceSpan)
  /// `count kind(…) distinct ?v as ?n where ?n >= 3`
  case count(CountSyntax)
  /// `test ?a > ?b`: a test on variables bound earlier.
  case test(ExpressionSyntax, SourceSpan)

  public var span: SourceSpan {
    switch self {
    case .pattern(let pattern): pattern.span
    case .not(_, let span), .exists(_, let span), .either(_, let span), .test(_, let span): span
    case .count(let count): count.span
    }
  }
}

/// A pattern over facts of one kind.
public struct PatternSyntax: Sendable, Hashable {
  /// `?f` in `?f <- kind(…)`: binds the matched fact, for `retract` and `modify`.
  public let binding: VariableSyntax?
  public let kind: NameSyntax
  public let arguments: [SlotArgumentSyntax]
  /// The `where` test attached to the pattern.
  public let filter: ExpressionSyntax?
  public let span: SourceSpan
}

/// `slot: constraint`, or a positional constraint when ``label`` is nil.
public struct SlotArgumentSyntax: Sendable, Hashable {
  public let label: NameSyntax?
  public let constraint: ConstraintSyntax
  public let span: SourceSpan
}

/// What a slot's value must satisfy.
///
/// `?x` binds (or joins, if bound already); `flat | slight-rise` allows any listed value;
/// `>= 2` compares; `?v & != ?w` requires all parts.
public indirect enum ConstraintSyntax: Sendable, Hashable {
  case term(ComparisonOperator, ExpressionSyntax, SourceSpan)
  case anyOf([ConstraintSyntax], SourceSpan)
  case allOf([ConstraintSyntax], SourceSpan)

  public var span: SourceSpan {
    switch self {
    case .term(_, _, let span), .anyOf(_, let span), .allOf(_, let span): span
    }
  }
}

/// The comparison a constraint or expression makes.
public enum ComparisonOperator: String, Sendable, Hashable, CaseIterable {
  case equal = "="
  case notEqual = "!="
  case less = "<"
  case lessOrEqual = "<="
  case greater = ">"
  case greaterOrEqual = ">="
}

/// `count kind(…) distinct ?v as ?n where ?n >= 3`
public struct CountSyntax: Sendable, Hashable {
  public let pattern: PatternSyntax
  /// Variables whose distinct combinations are counted; empty counts matching facts.
  public let distinct: [VariableSyntax]
  public let result: VariableSyntax
  public let filter: ExpressionSyntax?
  public let span: SourceSpan
}
