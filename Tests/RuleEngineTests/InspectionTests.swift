import Testing

@testable import RuleEngine

/// `InferenceSession.progress(ofRule:)`: how far a rule matches, read from the network.
@Suite struct InspectionTests {
  static let vocabulary: Vocabulary = {
    var vocabulary = Vocabulary()
    _ = vocabulary.add(
      Template(
        name: "group",
        slots: [
          Slot(name: "name", type: .string), Slot(name: "support", type: .symbol),
          Slot(name: "view", type: .symbol),
        ]))
    _ = vocabulary.add(
      Template(
        name: "metric",
        slots: [
          Slot(name: "name", type: .string), Slot(name: "trend", type: .symbol),
          Slot(name: "years", type: .number),
        ]))
    _ = vocabulary.add(DiagnosisDefinition(id: "complacency", title: "We do it already", source: "000.txt"))
    return vocabulary
  }()

  private func session(_ rules: [Rule]) throws -> InferenceSession {
    let (compiled, diagnostics) = KnowledgeBase.compile(vocabulary: Self.vocabulary, rules: rules)
    let knowledgeBase = try #require(compiled, "\(diagnostics.map(\.message))")
    return InferenceSession(knowledgeBase: knowledgeBase)
  }

  private func pattern(_ template: String, _ constraints: [(String, Constraint)]) -> Condition {
    .pattern(Pattern(template: template, constraints: constraints.map { SlotConstraint($0.0, $0.1) }))
  }

  private let suspect = Action.suspect(
    diagnosis: "complacency", certainty: .constant(.number(0.5)), because: nil, .synthetic)

  private var enthusiastic: Condition {
    pattern("group", [("name", .bind("who")), ("support", .equals(.symbol("enthusiastic")))])
  }
  private var flatForYears: Condition {
    pattern(
      "metric",
      [("trend", .equals(.symbol("flat"))), ("years", .compare(.greaterOrEqual, .constant(.number(2))))])
  }

  @Test func aCompleteMatchHasNoStop() throws {
    let session = try session([Rule(name: "r", conditions: [enthusiastic], actions: [suspect])])
    try session.assert("group", ["name": .string("a"), "support": .symbol("enthusiastic")])
    let progress = try #require(session.progress(ofRule: "r").first)
    #expect(progress.isComplete)
    #expect(progress.satisfied == 1)
    #expect(progress.partialMatches == [[FactID(1)]])
  }

  @Test func aValueMismatchNamesTheSlotTheValueAndTheRequirement() throws {
    let session = try session([Rule(name: "r", conditions: [enthusiastic, flatForYears], actions: [suspect])])
    try session.assert("group", ["name": .string("a"), "support": .symbol("enthusiastic")])
    try session.assert("metric", ["trend": .symbol("rising"), "years": .number(1)])
    let progress = try #require(session.progress(ofRule: "r").first)
    #expect(progress.satisfied == 1)
    #expect(progress.conditions.map(\.kind) == [.pattern, .pattern])
    let stop = try #require(progress.stop)
    #expect(stop.condition == 1)
    guard case .noFactPasses(let template, let slots, let candidates) = stop.reason else {
      Issue.record("expected noFactPasses, got \(stop.reason)")
      return
    }
    #expect(template == "metric")
    #expect(slots == ["trend", "years"])
    let failures = try #require(candidates.first).failures
    #expect(
      failures.contains(
        FailedTest(slot: "trend", actual: .symbol("rising"), requirement: "flat", comparedWith: nil)))
    #expect(
      failures.contains(FailedTest(slot: "years", actual: .number(1), requirement: ">= 2", comparedWith: nil))
    )
  }

  @Test func anUnstatedSlotIsReportedOnceAsUnknown() throws {
    let session = try session([Rule(name: "r", conditions: [enthusiastic], actions: [suspect])])
    try session.assert("group", ["name": .string("regional managers")])
    let progress = try #require(session.progress(ofRule: "r").first)
    guard case .noFactPasses(_, _, let candidates)? = progress.stop?.reason else {
      Issue.record("expected noFactPasses")
      return
    }
    let failures = try #require(candidates.first).failures
    #expect(failures.count == 1)
    #expect(failures.first?.slot == "support")
    #expect(failures.first?.isUnstated == true)
  }

  @Test func aBlockedNegationNamesTheBlockingFact() throws {
    let noGaps = Condition.not(
      [pattern("group", [("name", .bind("who")), ("view", .equals(.symbol("sees-gaps")))])], .synthetic)
    let session = try session([Rule(name: "r", conditions: [enthusiastic, noGaps], actions: [suspect])])
    try session.assert("group", ["name": .string("a"), "support": .symbol("enthusiastic")])
    let blocker = try session.assert("group", ["name": .string("a"), "view": .symbol("sees-gaps")])
    try session.assert("group", ["name": .string("b"), "view": .symbol("sees-gaps")])
    let progress = try #require(session.progress(ofRule: "r").first)
    #expect(progress.satisfied == 1)
    #expect(progress.conditions.map(\.kind) == [.pattern, .negation])
    guard case .blocked(let facts)? = progress.stop?.reason else {
      Issue.record("expected blocked")
      return
    }
    #expect(facts == [blocker])
  }

  @Test func aJoinFailureNamesThePartialMatchItComparedWith() throws {
    let sameName = pattern("metric", [("name", .bind("who"))])
    let session = try session([Rule(name: "r", conditions: [enthusiastic, sameName], actions: [suspect])])
    let group = try session.assert("group", ["name": .string("a"), "support": .symbol("enthusiastic")])
    let metric = try session.assert("metric", ["name": .string("b")])
    let progress = try #require(session.progress(ofRule: "r").first)
    guard case .noFactJoins(_, let candidates)? = progress.stop?.reason else {
      Issue.record("expected noFactJoins")
      return
    }
    let candidate = try #require(candidates.first)
    #expect(candidate.fact == metric)
    #expect(candidate.comparedWith == [group])
    #expect(
      candidate.failures == [
        FailedTest(slot: "name", actual: .string("b"), requirement: "\"a\"", comparedWith: group)
      ])
  }

  @Test func aFailedCountTestShowsTheCount() throws {
    let count = Condition.count(
      CountCondition(
        pattern: Pattern(template: "group"), result: "n",
        filter: .binary(.greaterOrEqual, .variable("n"), .constant(.number(3)))))
    let session = try session([Rule(name: "r", conditions: [count], actions: [suspect])])
    try session.assert("group", ["name": .string("a")])
    let progress = try #require(session.progress(ofRule: "r").first)
    #expect(progress.conditions.map(\.kind) == [.count, .test])
    #expect(progress.satisfied == 1)
    guard case .testFailed(let tests, _)? = progress.stop?.reason else {
      Issue.record("expected testFailed")
      return
    }
    #expect(tests == ["1 >= 3"])
  }

  @Test func eachAlternativeOfEitherIsReportedApart() throws {
    let either = Condition.either([[enthusiastic], [flatForYears]], .synthetic)
    let session = try session([Rule(name: "r", conditions: [either], actions: [suspect])])
    try session.assert("metric", ["trend": .symbol("flat"), "years": .number(3)])
    let progress = session.progress(ofRule: "r")
    #expect(progress.map(\.alternatives) == [2, 2])
    #expect(progress.map(\.isComplete) == [false, true])
  }

  @Test func aBlockedGroupNamesTheFactsOfItsMatch() throws {
    let group = Condition.not(
      [
        pattern("group", [("name", .bind("who")), ("view", .equals(.symbol("sees-gaps")))]),
        pattern("metric", [("name", .bind("who"))]),
      ], .synthetic)
    let session = try session([Rule(name: "r", conditions: [enthusiastic, group], actions: [suspect])])
    try session.assert("group", ["name": .string("a"), "support": .symbol("enthusiastic")])
    let gaps = try session.assert("group", ["name": .string("a"), "view": .symbol("sees-gaps")])
    let metric = try session.assert("metric", ["name": .string("a")])
    let progress = try #require(session.progress(ofRule: "r").first)
    #expect(progress.conditions.map(\.kind) == [.pattern, .negatedGroup])
    guard case .blocked(let facts)? = progress.stop?.reason else {
      Issue.record("expected blocked")
      return
    }
    #expect(facts == [gaps, metric])
  }

  @Test func theFirstConditionFailingLeavesOneEmptyPartialMatch() throws {
    let session = try session([Rule(name: "r", conditions: [enthusiastic], actions: [suspect])])
    let progress = try #require(session.progress(ofRule: "r").first)
    #expect(progress.satisfied == 0)
    #expect(progress.partialMatches == [[]])
    guard case .noFactPasses(let template, _, let candidates)? = progress.stop?.reason else {
      Issue.record("expected noFactPasses")
      return
    }
    #expect(template == "group")
    #expect(candidates.isEmpty)
    #expect(session.progress(ofRule: "no-such-rule").isEmpty)
  }
}
