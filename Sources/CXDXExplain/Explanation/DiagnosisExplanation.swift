import RuleEngine

/// Everything cxdx can say about one diagnosis of one case: how it was reached (each
/// contribution, the facts behind it and their own derivations, the MYCIN arithmetic) and,
/// below the threshold, why it was not (each rule's nearest miss). Built by
/// ``ExplanationBuilder`` from the engine's record, never by matching again.
public struct DiagnosisExplanation: Sendable {
  public let id: String
  public let title: String
  public let summary: String
  public let source: String
  public let remedy: String
  public let status: CaseReport.Status
  /// The engine's combined certainty (0 when no rule contributed).
  public let certainty: Double
  public let threshold: Double
  /// Current contributions, strongest first (by absolute certainty), then in firing order.
  public let contributions: [ExplainedContribution]
  /// How the contributions combine, in the order the engine combines them.
  public let combination: [CombinationStep]
  /// Contributions made and later withdrawn because their match disappeared.
  public let withdrawn: [WithdrawnContribution]
  /// Below the threshold: for each rule that could raise the certainty and does not match,
  /// its nearest miss, nearest first. Empty for a diagnosis found.
  public let misses: [RuleMiss]
  /// How many rules could raise the certainty (those whose factor is not a negative constant).
  public let supportingRules: Int
  /// For a diagnosis not assessed: the `template.slot`s its rules read that the case never states.
  public let missing: [String]
}

/// One rule firing's contribution, with the facts it matched.
public struct ExplainedContribution: Sendable {
  public let rule: String
  public let title: String
  /// `rules/complacency.rules:19`
  public let location: String
  public let source: String
  /// The rule's own factor, as written.
  public let factor: Double
  /// What it added: the factor times the weakest matched fact's certainty.
  public let certainty: Double
  public let because: String
  public let cycle: Int
  /// The facts the match held, in pattern order, each with its own derivation.
  public let facts: [ExplainedFact]
  /// The rule's conditions that hold no fact (`not`, `exists`, `count`, `test`), as written.
  public let otherConditions: [String]

  public var isNegative: Bool { certainty < 0 }
}

/// A fact behind a conclusion, and how it came to be.
public struct ExplainedFact: Sendable {
  public enum Origin: Sendable, Hashable {
    /// Stated by the case (or by a what-if `--set`).
    case stated
    /// Derived by a rule with logical support.
    case derived(rule: String)
    /// Asserted (or modified) by a rule.
    case asserted(rule: String)
  }

  /// Why a derived fact's derivation is not shown under it.
  public enum Omission: String, Sendable {
    /// Shown earlier in the same explanation.
    case shownAbove = "shown above"
    /// The derivation is deeper than the explanation's depth limit.
    case depthLimit = "depth limit reached"
    /// The run was not recorded (no firing is known for the fact).
    case unrecorded = "not recorded"
  }

  public let id: Int
  /// As written in a case file: `group(name: "x", support: polite)`.
  public let text: String
  public let certainty: Double
  /// `cases/harbor.facts:9` for a stated fact.
  public let location: String?
  public let origin: Origin
  public let derivation: FactDerivation?
  public let omission: Omission?

  public var derivingRule: String? {
    switch origin {
    case .stated: nil
    case .derived(let rule), .asserted(let rule): rule
    }
  }
}

/// The firing that made a fact, with the facts it matched.
public struct FactDerivation: Sendable {
  public let rule: String
  public let title: String
  public let location: String
  public let cycle: Int
  public let facts: [ExplainedFact]
}

/// One step of MYCIN's combination, as ``CertaintyFactor/steps(_:)`` takes it.
public struct CombinationStep: Sendable {
  public enum Operation: String, Sendable {
    /// The first contribution of its sign: the running total starts there.
    case start
    /// Two factors of the same sign: x + y(1 − x) for positives, x + y(1 + x) for negatives.
    case sameSign = "same-sign"
    /// The total for against the total against: (x + y) / (1 − min(|x|, |y|)).
    case mixed
  }

  public let operation: Operation
  /// The running total before the step; nil for a start.
  public let total: Double?
  /// The factor combined in.
  public let next: Double
  public let result: Double
  /// The contribution combined in, by rule and cycle; nil for the mixed step.
  public let rule: String?
  public let cycle: Int?
}

/// A contribution that was made, then withdrawn when its match disappeared.
public struct WithdrawnContribution: Sendable {
  public let rule: String
  public let certainty: Double
  /// The cycle that made it and the cycle during which it lost its match.
  public let cycle: Int
  public let withdrawnAt: Int
}

/// Why one rule that could conclude a diagnosis does not match: how far it got and what
/// stopped it, from the engine's own partial matches (``InferenceSession/progress(ofRule:limit:)``).
public struct RuleMiss: Sendable {
  public enum Kind: String, Sendable {
    /// The case states no fact of the kind the condition needs.
    case noFact = "no-fact"
    /// Facts of the kind exist but do not state a slot the condition reads.
    case unstated
    /// Facts of the kind state values the condition does not accept.
    case mismatch
    /// Facts pass the condition alone but do not agree with the facts matched before it.
    case noJoin = "no-join"
    /// A `not` is blocked by facts that match it.
    case blocked
    /// An `exists { … }` group has no match.
    case noGroupMatch = "no-group-match"
    /// A test on the values matched so far is false.
    case testFailed = "test-failed"
    /// The rule matches, but its actions did not conclude the diagnosis (an `if` branch).
    case matchedWithoutConcluding = "matched-without-concluding"
  }

  public let rule: String
  public let title: String
  public let location: String
  /// The factor the rule gives the diagnosis, when it is a number written in the rule.
  public let factor: Double?
  /// For a rule split by `either`: the alternative that came nearest (0-based), of how many.
  public let alternative: Int
  public let alternatives: Int
  public let satisfied: Int
  public let conditionCount: Int
  /// The facts of the deepest partial match (the oldest, when there are several).
  public let matchedFacts: [ExplainedFact]
  public let partialMatchCount: Int
  /// The condition that stopped it, as written, and where; nil for a complete match.
  public let stoppedAt: String?
  public let stoppedAtLocation: String?
  public let kind: Kind
  /// The template the stopping condition reads, if any.
  public let template: String?
  /// Facts that could have satisfied the condition, with the tests each failed (fewest first).
  public let candidates: [MissCandidate]
  /// Facts that block a `not`.
  public let blockers: [ExplainedFact]
  /// Failed tests, with the partial match's values put in (`2 >= 3`).
  public let tests: [String]
  /// What to state in the case so that the rule can be assessed.
  public let hints: [CaseHint]
  /// When the missing fact is one rules make (a `derive`d situation), why those rules did not
  /// make it: their own nearest misses, one level deep.
  public let upstream: [RuleMiss]

  /// How close the rule came, for sorting: the share of conditions satisfied.
  public var closeness: Double { conditionCount == 0 ? 1 : Double(satisfied) / Double(conditionCount) }
}

/// A fact that could have satisfied a condition, and the tests it failed.
public struct MissCandidate: Sendable {
  public let fact: ExplainedFact
  public let failures: [FailedTest]
}

/// Something a case does not say that a rule needs, and the fact to add to say it:
/// "the case does not state support of group "regional managers" (How do the people in this
/// group respond to the CX program?): add `group(name: "regional managers", support: …)`".
public struct CaseHint: Sendable, Hashable {
  /// What is unknown: `support of group "regional managers"`, `any review fact`.
  public let missing: String
  /// The vocabulary's question for the first missing slot, if it declares one.
  public let question: String?
  /// The fact to add, with `…` for the values to fill in.
  public let addition: String

  /// The hint as one sentence, with the fact to add between backticks.
  public var sentence: String {
    "the case does not state \(missing)" + (question.map { " (\($0))" } ?? "")
      + ": add `\(addition)` to assess this rule"
  }
}
