import RuleEngine

/// One rule a question could help match, for a diagnosis not yet settled: the raw material of
/// `why`, read from the engine's partial matches (``InferenceSession/progress(ofRule:limit:)``).
struct QuestionReason: Sendable {
  let rule: String
  let diagnosis: String
  /// The rule's factor for the diagnosis (±1 when the rule computes it).
  let factor: Double
  /// How many of the rule's conditions its deepest partial match satisfies, of how many.
  let satisfied: Int
  let conditions: Int
  /// The facts of that partial match, in pattern order.
  let matched: [FactID]
  /// The condition the rule waits on.
  let waitsOn: ConditionSummary?
  /// When the rule waits on a fact that rules make (a derived situation), the rule that makes
  /// it, whose own unmatched condition the question serves.
  let through: String?
  /// What the rule adds to the question's score.
  let weight: Double
}

/// The question a consultation asks next, and why.
struct PlannedQuestion: Sendable {
  let target: QuestionTarget
  let score: Double
  /// Strongest first.
  let reasons: [QuestionReason]
  /// A slot with a default, asked right after a new fact is named so that the case states it
  /// rather than inherit the default unseen (a metric's `kind`).
  let isFollowUp: Bool
}

/// Where one diagnosis stands, and whether any answer could still move it across the threshold.
struct DiagnosisOutlook: Sendable {
  let id: String
  let certainty: Double
  let found: Bool
  /// Unfinished rules that answers could complete, pulling in the direction that would move
  /// the diagnosis across the threshold (up when below, down when found).
  let openRules: Int
  /// The certainty if every one of those rules fired once: the stop rule's bound.
  let bound: Double

  /// No answer can move it across the threshold.
  var settled: Bool { openRules == 0 || (found ? bound >= threshold : bound < threshold) }
  let threshold: Double
}

/// What the consultation does next: a question, or nothing (every diagnosis settled).
struct QuestionPlan: Sendable {
  let next: PlannedQuestion?
  /// Every declared diagnosis, in the vocabulary's order.
  let outlook: [DiagnosisOutlook]
}
