import RuleEngine

/// One action of a rule's `then` block.
public enum ActionSyntax: Sendable, Hashable {
  /// `assert kind(slot: value, …)`: a fact that stays until retracted.
  case assert(FactTemplateSyntax)
  /// `derive kind(…)`: a fact that holds only while the rule's match holds (logical support).
  case derive(FactTemplateSyntax)
  /// `retract ?f, ?g`
  case retract([VariableSyntax], SourceSpan)
  /// `modify ?f(slot: value, …)`
  case modify(VariableSyntax, [SlotValueSyntax], SourceSpan)
  /// `suspect complacency 0.5 "because …"`: a contribution to a diagnosis.
  case suspect(SuspectSyntax)
  /// `print a, b` (ends the line) or `write a, b` (does not).
  case print([ExpressionSyntax], newline: Bool, SourceSpan)
  /// `let ?x = expression`
  case bind(VariableSyntax, ExpressionSyntax, SourceSpan)
  /// `if test { … } else if test { … } else { … }`: the actions of the first branch whose
  /// test is true.
  case conditional(ConditionalSyntax)
  /// `halt`: stop the run after this rule.
  case halt(SourceSpan)

  public var span: SourceSpan {
    switch self {
    case .assert(let fact), .derive(let fact): fact.span
    case .retract(_, let span), .modify(_, _, let span), .print(_, _, let span), .bind(_, _, let span),
      .halt(let span):
      span
    case .suspect(let suspect): suspect.span
    case .conditional(let conditional): conditional.span
    }
  }
}

/// A fact to build in an action: a kind and slot values computed from expressions.
public struct FactTemplateSyntax: Sendable, Hashable {
  public let kind: NameSyntax
  public let values: [SlotValueSyntax]
  public let span: SourceSpan
}

/// `slot: expression`, or a positional expression when ``label`` is nil.
public struct SlotValueSyntax: Sendable, Hashable {
  public let label: NameSyntax?
  public let value: ExpressionSyntax
  public let span: SourceSpan
}

public struct SuspectSyntax: Sendable, Hashable {
  public let diagnosis: NameSyntax
  public let certainty: ExpressionSyntax
  public let because: StringLiteralSyntax?
  public let span: SourceSpan
}

/// `if test { … } else if test { … } else { … }`, kept as written: one branch per `if`, in
/// order, and the final `else` block if there is one. Lowering nests each `else if` inside the
/// `else` of the branch before it, as the engine runs it.
public struct ConditionalSyntax: Sendable, Hashable {
  /// `if test { actions }`, the first one, or one after `else`.
  public struct Branch: Sendable, Hashable {
    public let test: ExpressionSyntax
    public let actions: [ActionSyntax]
    /// From the `if` to the branch's closing brace.
    public let span: SourceSpan
  }
  /// At least one.
  public let branches: [Branch]
  /// The actions of the final `else { … }`; nil when there is none.
  public let otherwise: [ActionSyntax]?
  public let span: SourceSpan
}
