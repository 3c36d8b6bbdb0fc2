/// Something the engine did, in order: the record that tracing and explanations are built
/// from. Events are delivered to ``InferenceSession/observer`` as they happen.
public enum InferenceEvent: Sendable {
  case factAsserted(Fact, byRule: String?)
  case factRetracted(Fact, byRule: String?)
  case activationAdded(rule: String, facts: [FactID])
  case activationRemoved(rule: String, facts: [FactID])
  /// A rule fired; `cycle` counts firings from 1.
  case ruleFired(rule: String, facts: [FactID], cycle: Int)
  case contributionAdded(Contribution)
  case contributionWithdrawn(Contribution)
}

/// One rule firing's contribution to a diagnosis.
public struct Contribution: Hashable, Sendable {
  public let diagnosis: String
  public let rule: String
  public let ruleSpan: SourceSpan
  /// The rule's own factor, as written.
  public let factor: Double
  /// What it adds: the factor times the weakest premise's certainty.
  public let certainty: Double
  public let because: String
  /// The facts the rule matched, in pattern order.
  public let facts: [FactID]
  /// The firing that made it, counted from 1.
  public let cycle: Int
}

/// A diagnosis concluded by a run: its combined certainty and the contributions behind it.
public struct Diagnosis: Hashable, Sendable {
  public let id: String
  public let certainty: Double
  /// In the order the rules fired.
  public let contributions: [Contribution]
}
