/// How far one rule alternative matches working memory, read from the Rete network's own
/// memories: the deepest partial matches its chain of beta nodes holds, and why the next
/// condition holds for none of them. The raw material of "why not" explanations.
///
/// Built by ``InferenceSession/progress(ofRule:limit:)``; a value, so it stays valid after the
/// session changes.
public struct RuleProgress: Sendable {
  public let rule: String
  /// Which alternative of a rule split by `either` (0 for most rules), of how many.
  public let alternative: Int
  public let alternatives: Int
  /// The rule's conditions as the network runs them, one per level of the production's chain.
  public let conditions: [ConditionSummary]
  /// How many conditions, from the first, the deepest partial matches satisfy.
  public let satisfied: Int
  /// Some of the deepest partial matches (at most the limit asked for), each as the facts it
  /// holds, in pattern order. A rule stopped at its first condition has one, empty.
  public let partialMatches: [[FactID]]
  /// How many partial matches reach that depth.
  public let partialMatchCount: Int
  /// Why the condition after the satisfied ones holds for no partial match; nil when the rule
  /// matches completely.
  public let stop: ConditionStop?

  public var isComplete: Bool { stop == nil }
}

/// One condition of a rule as the network runs it.
public struct ConditionSummary: Sendable, Hashable {
  public enum Kind: String, Sendable, Hashable {
    /// A pattern, with the tests that directly follow it (they run at the same join).
    case pattern
    case negation = "not"
    case exists
    case count
    case test
    /// `not { … }` or `exists { … }` over several conditions.
    case negatedGroup = "not-group"
    case existsGroup = "exists-group"
  }

  public let kind: Kind
  /// The template a pattern, `not`, `exists` or `count` reads.
  public let template: String?
  /// Where the rule states it; nil for a rule built without source text.
  public let span: SourceSpan?
}

/// The condition that stopped a rule's deepest partial matches, and why.
public struct ConditionStop: Sendable {
  /// Index into ``RuleProgress/conditions``.
  public let condition: Int
  public let reason: MissReason
}

/// Why a condition holds for none of the partial matches that reach it.
public enum MissReason: Sendable {
  /// No fact of the template passes the pattern's own tests (its alpha memory is empty). Each
  /// fact of the template in working memory is a candidate, with the tests it fails (fewest
  /// first); `slots` are the slots the pattern reads, which a new fact would have to state.
  case noFactPasses(template: String, slots: [String], candidates: [CandidateFact])
  /// Facts pass the pattern's own tests, but none agrees with a partial match: the candidates
  /// with the join tests they fail, and the partial match each was compared with.
  case noFactJoins(template: String, candidates: [CandidateFact])
  /// A `not` is blocked by these facts (for a group, the facts of its matches).
  case blocked(by: [FactID])
  /// An `exists { … }` group has no match.
  case noGroupMatch
  /// A test is false for every partial match: the test as written, with the partial match's
  /// values put in for its variables (`2 >= 3`), one per partial match examined. For the
  /// test of a `count … where`, `uncounted` holds the facts of the counted template that the
  /// count's pattern does not accept, with the tests each fails (fewest first).
  case testFailed([String], uncounted: [CandidateFact])
}

/// A fact that could have satisfied a condition, with the tests it failed.
public struct CandidateFact: Sendable {
  public let fact: FactID
  public let failures: [FailedTest]
  /// For a join test: the facts of the partial match the fact was compared with.
  public let comparedWith: [FactID]
}

/// One test a candidate fact failed.
public struct FailedTest: Sendable, Hashable {
  /// The slot of the candidate the test reads, when it reads one.
  public let slot: String?
  /// The candidate's value there; nil when the fact does not state the slot.
  public let actual: Value?
  /// What the test needs, written as a constraint after `slot:` in a pattern (`enthusiastic`,
  /// `flat | slight-rise`, `>= 2`, `!= "NPS"`), or the whole test when it reads no one slot.
  public let requirement: String
  /// For a join test, the earlier fact whose value the test compared with.
  public let comparedWith: FactID?

  /// The test failed because the fact does not state the slot at all (unknown, not absent).
  public var isUnstated: Bool { slot != nil && actual == nil }
}
