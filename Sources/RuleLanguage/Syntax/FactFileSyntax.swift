import RuleEngine

/// A parsed `.facts` file: facts and expectations in order, and comments.
public struct FactFileSyntax: Sendable, Hashable {
  public let file: SourceFileID
  public var facts: [FactSyntax]
  public var expectations: [ExpectationSyntax]
  public var comments: [Comment]
}

/// `group(name: "supervisors", support: enthusiastic) certainty 0.8`
public struct FactSyntax: Sendable, Hashable {
  public let kind: NameSyntax
  public let values: [FactValueSyntax]
  /// Defaults to 1 when absent.
  public let certainty: LiteralSyntax?
  public let span: SourceSpan
}

/// `slot: literal`, or a positional literal when ``label`` is nil.
public struct FactValueSyntax: Sendable, Hashable {
  public let label: NameSyntax?
  public let value: LiteralSyntax
  public let span: SourceSpan
}

/// `expect complacency`, `expect not turf-wars`, `expect unassessed data-hoarding`,
/// optionally with a bound: `expect complacency >= 0.5`.
public struct ExpectationSyntax: Sendable, Hashable {
  public enum Outcome: String, Sendable, Hashable {
    /// Concluded at or above the reporting threshold.
    case present
    /// Below the threshold.
    case absent = "not"
    /// No rule for it could be assessed: the case lacks the facts.
    case unassessed
  }
  public let outcome: Outcome
  public let diagnosis: NameSyntax
  public let bound: (ComparisonOperator, LiteralSyntax)?
  public let span: SourceSpan

  public static func == (lhs: Self, rhs: Self) -> Bool {
    lhs.outcome == rhs.outcome && lhs.diagnosis == rhs.diagnosis && lhs.span == rhs.span
      && lhs.bound?.0 == rhs.bound?.0 && lhs.bound?.1 == rhs.bound?.1
  }
  public func hash(into hasher: inout Hasher) {
    hasher.combine(outcome)
    hasher.combine(diagnosis)
    hasher.combine(span)
    hasher.combine(bound?.0)
    hasher.combine(bound?.1)
  }
}
