import Testing

@testable import RuleEngine

/// One behaviour per test, on small rule bases built from the engine model (no parser).
@Suite struct EngineFeatureTests {
  static let vocabulary: Vocabulary = {
    var vocabulary = Vocabulary()
    _ = vocabulary.add(
      Template(
        name: "group", slots: [Slot(name: "name", type: .string), Slot(name: "support", type: .symbol)]))
    _ = vocabulary.add(
      Template(
        name: "metric", slots: [Slot(name: "trend", type: .symbol), Slot(name: "years", type: .number)]))
    _ = vocabulary.add(Template(name: "stall", slots: [Slot(name: "years", type: .number)]))
    _ = vocabulary.add(Template(name: "counter", slots: [Slot(name: "n", type: .number)]))
    _ = vocabulary.add(DiagnosisDefinition(id: "complacency", title: "We do it already", source: "000.txt"))
    return vocabulary
  }()

  private func session(_ rules: [Rule], strategy: ConflictStrategy = .depth) throws -> InferenceSession {
    let (compiled, diagnostics) = KnowledgeBase.compile(vocabulary: Self.vocabulary, rules: rules)
    let knowledgeBase = try #require(compiled, "\(diagnostics.map(\.message))")
    return InferenceSession(knowledgeBase: knowledgeBase, options: RunOptions(strategy: strategy))
  }

  private let enthusiasm = Condition.pattern(
    Pattern(
      template: "group",
      constraints: [
        SlotConstraint("name", .bind("who")), SlotConstraint("support", .equals(.symbol("enthusiastic"))),
      ]))
  private let flat = Condition.pattern(
    Pattern(
      template: "metric",
      constraints: [
        SlotConstraint("trend", .equals(.symbol("flat"))),
        SlotConstraint("years", .compare(.greaterOrEqual, .constant(.number(2)))),
      ]))

  private func suspect(_ factor: Double) -> Action {
    .suspect(diagnosis: "complacency", certainty: .constant(.number(factor)), because: nil, .synthetic)
  }

  @Test func retractingAPremiseWithdrawsTheContribution() throws {
    let session = try session([
      Rule(name: "loud", conditions: [enthusiasm, flat], actions: [suspect(0.5)]),
      Rule(name: "flat-alone", conditions: [flat], actions: [suspect(0.4)]),
    ])
    try session.assert("group", ["name": .string("supervisors"), "support": .symbol("enthusiastic")])
    let metric = try session.assert("metric", ["trend": .symbol("flat"), "years": .number(3)])
    session.run()
    let before = try #require(session.diagnoses.first)
    #expect(abs(before.certainty - 0.7) < 1e-12)  // 0.5 + 0.4 × (1 − 0.5)
    #expect(before.contributions.count == 2)
    session.retract(metric)
    #expect(session.diagnoses.isEmpty)
  }

  /// A join test the matcher compiles (comparisons under `or`) must answer as the evaluator
  /// does: an ordering between a symbol and a number fails the whole test, even when the
  /// other side of the `or` holds.
  @Test func compiledJoinTestsFailLikeTheEvaluator() throws {
    let metric = Condition.pattern(
      Pattern(
        template: "metric",
        constraints: [SlotConstraint("trend", .bind("trend")), SlotConstraint("years", .bind("years"))]))
    let stall = Condition.pattern(
      Pattern(template: "stall", constraints: [SlotConstraint("years", .bind("stalled"))]))
    func rule(_ name: String, _ test: Expression) -> Rule {
      Rule(name: name, conditions: [metric, stall, .test(test, .synthetic)], actions: [])
    }
    let orderingOnSymbol: Expression = .binary(
      .or, .binary(.less, .variable("trend"), .variable("stalled")),
      .binary(.equal, .variable("years"), .variable("stalled")))
    let plainOr: Expression = .binary(
      .or, .binary(.greater, .variable("years"), .variable("stalled")),
      .not(.binary(.notEqual, .variable("years"), .variable("stalled"))))
    let session = try session([rule("symbol-ordering", orderingOnSymbol), rule("plain-or", plainOr)])
    try session.assert("metric", ["trend": .symbol("flat"), "years": .number(3)])
    try session.assert("stall", ["years": .number(3)])
    #expect(session.pendingActivations.map(\.rule) == ["plain-or"])
  }

  /// Retracted facts stay readable for explanations, but only facts in working memory count
  /// towards assessing a diagnosis.
  @Test func retractedFactsNoLongerSatisfyAnAssessment() throws {
    let session = try session([Rule(name: "flat-alone", conditions: [flat], actions: [suspect(0.4)])])
    let requirement = try #require(session.knowledgeBase.assessmentRequirements(for: "complacency").first)
    let metric = try session.assert("metric", ["trend": .symbol("flat"), "years": .number(3)])
    #expect(session.satisfies(requirement))
    session.retract(metric)
    #expect(!session.satisfies(requirement))
    #expect(session.factEverAsserted(metric)?.value("trend") == .symbol("flat"))
  }

  /// Asserting by template position gives the same fact as by names, and rejects what the
  /// named form rejects.
  @Test func assertingByPositionMatchesAssertingByName() throws {
    let session = try session([])
    let index = try #require(Self.vocabulary.index(ofTemplate: "metric"))
    let byPosition = try session.assert(templateAt: index, [.symbol("flat"), .number(3)])
    let byName = try session.assert("metric", ["years": .number(3), "trend": .symbol("flat")])
    #expect(byPosition == byName)  // working memory is a set
    #expect(throws: EngineError.self) { try session.assert(templateAt: index, [.number(3), .number(3)]) }
    #expect(throws: EngineError.self) { try session.assert(templateAt: index, [.symbol("flat")]) }
    #expect(throws: EngineError.self) { try session.assert(templateAt: 99, []) }
  }

  @Test func contributionsCombineAsInMycinWhateverTheirOrder() {
    #expect(abs(CertaintyFactor.combine(0.6, 0.5) - 0.8) < 1e-12)
    #expect(abs(CertaintyFactor.combine(-0.6, -0.5) - -0.8) < 1e-12)
    #expect(abs(CertaintyFactor.combine(0.6, -0.3) - (0.3 / 0.7)) < 1e-12)
    let factors = [0.5, -0.3, 0.2, 0.7, -0.1]
    let reference = CertaintyFactor.combine(factors)
    for permutation in [[0.7, 0.2, -0.1, 0.5, -0.3], [-0.1, -0.3, 0.2, 0.5, 0.7]] {
      #expect(CertaintyFactor.combine(permutation) == reference)
    }
  }

  @Test func factCertaintyScalesTheContribution() throws {
    let session = try session([Rule(name: "flat", conditions: [flat], actions: [suspect(0.5)])])
    try session.assert("metric", ["trend": .symbol("flat"), "years": .number(3)], certainty: 0.6)
    session.run()
    #expect(abs((session.diagnoses.first?.certainty ?? 0) - 0.3) < 1e-12)
  }

  @Test func derivedFactsGoWhenTheirSupportGoes() throws {
    let derive = Rule(
      name: "derive-stall",
      conditions: [
        .pattern(
          Pattern(
            template: "metric",
            constraints: [
              SlotConstraint("trend", .equals(.symbol("flat"))), SlotConstraint("years", .bind("y")),
            ]))
      ],
      actions: [
        .derive(FactTemplate(template: "stall", values: [SlotValue("years", .variable("y"))]), .synthetic)
      ])
    let session = try session([derive])
    let metric = try session.assert("metric", ["trend": .symbol("flat"), "years": .number(4)])
    session.run()
    #expect(session.allFacts.map(\.template) == ["metric", "stall"])
    session.retract(metric)
    #expect(session.allFacts.isEmpty)
  }

  @Test func negationBlocksAndReleases() throws {
    let rule = Rule(
      name: "no-stall", conditions: [flat, .not([.pattern(Pattern(template: "stall"))], .synthetic)],
      actions: [])
    let session = try session([rule])
    try session.assert("metric", ["trend": .symbol("flat"), "years": .number(2)])
    #expect(session.pendingActivations.count == 1)
    let stall = try session.assert("stall", ["years": .number(2)])
    #expect(session.pendingActivations.isEmpty)
    session.retract(stall)
    #expect(session.pendingActivations.count == 1)
  }

  @Test func existsMatchesOnceAndCountCounts() throws {
    let exists = Rule(name: "any-group", conditions: [.exists([enthusiasm], .synthetic)], actions: [])
    let count = Rule(
      name: "groups",
      conditions: [
        .count(
          CountCondition(
            pattern: Pattern(template: "group"), result: "n",
            filter: .binary(.greaterOrEqual, .variable("n"), .constant(.number(2)))))
      ],
      actions: [])
    let session = try session([exists, count])
    for name in ["a", "b", "c"] {
      try session.assert("group", ["name": .string(name), "support": .symbol("enthusiastic")])
    }
    #expect(session.pendingActivations.map(\.rule).sorted() == ["any-group", "groups"])
  }

  @Test func refractionFiresEachMatchOnce() throws {
    let session = try session([Rule(name: "flat", conditions: [flat], actions: [])])
    try session.assert("metric", ["trend": .symbol("flat"), "years": .number(3)])
    #expect(session.run().firings == 1)
    #expect(session.run().firings == 0)
  }

  @Test func strategiesOrderEqualSalience() throws {
    let rule = Rule(
      name: "each",
      conditions: [.pattern(Pattern(template: "counter", constraints: [SlotConstraint("n", .bind("n"))]))],
      actions: [.print([.variable("n")], newline: false, .synthetic)])
    for (strategy, expected) in [
      (ConflictStrategy.depth, "321"), (.breadth, "123"), (.lex, "321"), (.mea, "321"),
    ] {
      let session = try session([rule], strategy: strategy)
      for n in 1...3 { try session.assert("counter", ["n": .number(Double(n))]) }
      session.run()
      #expect(session.transcript == expected, "\(strategy)")
    }
  }

  @Test func salienceComesFirst() throws {
    let low = Rule(
      name: "low", salience: -5, conditions: [flat],
      actions: [.print([.constant(.string("low "))], newline: false, .synthetic)])
    let high = Rule(
      name: "high", salience: 5, conditions: [flat],
      actions: [.print([.constant(.string("high "))], newline: false, .synthetic)])
    let session = try session([low, high])
    try session.assert("metric", ["trend": .symbol("flat"), "years": .number(3)])
    session.run()
    #expect(session.transcript == "high low ")
  }

  @Test func aRunawayRuleStopsAtTheFiringLimitNamingIt() throws {
    let counter = Condition.pattern(
      Pattern(template: "counter", factVariable: "c", constraints: [SlotConstraint("n", .bind("n"))]))
    let forever = Rule(
      name: "forever", conditions: [counter],
      actions: [
        .modify("c", [(slot: "n", value: .binary(.add, .variable("n"), .constant(.number(1))))], .synthetic)
      ])
    let session = try session([forever])
    try session.assert("counter", ["n": .number(0)])
    let result = session.run(RunOptions(maximumFirings: 500))
    #expect(result.firings == 500)
    #expect(result.stopReason == .firingLimit([RuleCount(rule: "forever", firings: 500)]))
  }

  @Test func nodesAreSharedBetweenRulesWithACommonPrefix() throws {
    let a = Rule(name: "a", conditions: [enthusiasm, flat], actions: [])
    let b = Rule(
      name: "b", conditions: [enthusiasm, flat, .not([.pattern(Pattern(template: "stall"))], .synthetic)],
      actions: [])
    let (knowledgeBase, _) = KnowledgeBase.compile(vocabulary: Self.vocabulary, rules: [a, b])
    let summary = try #require(knowledgeBase).networkSummary
    // root, group join, metric join (shared), negation, two productions.
    #expect(summary.betaNodes == 6)
    #expect(summary.alphaMemories == 3)
  }

  @Test func identicalFactsAreNotAssertedTwice() throws {
    let session = try session([])
    let first = try session.assert("stall", ["years": .number(2)])
    let second = try session.assert("stall", ["years": .number(2)])
    #expect(first == second)
    #expect(session.allFacts.count == 1)
  }

  @Test func observerSeesEventsInOrder() throws {
    let session = try session([Rule(name: "flat", conditions: [flat], actions: [suspect(0.5)])])
    var log: [String] = []
    session.observer = { event in
      switch event {
      case .factAsserted: log.append("assert")
      case .activationAdded: log.append("activate")
      case .ruleFired: log.append("fire")
      case .contributionAdded: log.append("contribute")
      default: log.append("other")
      }
    }
    try session.assert("metric", ["trend": .symbol("flat"), "years": .number(3)])
    session.run()
    #expect(log == ["assert", "activate", "fire", "contribute"])
  }
}

@Suite struct EngineRegressionTests {
  @Test func modifyRebindsTheFactVariableButNotThePatternValues() throws {
    var vocabulary = Vocabulary()
    _ = vocabulary.add(Template(name: "box", slots: [Slot(name: "contents", type: .symbol)]))
    let rule = Rule(
      name: "empty",
      conditions: [
        .pattern(
          Pattern(
            template: "box", factVariable: "b",
            constraints: [
              SlotConstraint("contents", .compare(.notEqual, .constant(.symbol("nothing")))),
              SlotConstraint("contents", .bind("c")),
            ]))
      ],
      actions: [
        .modify("b", [(slot: "contents", value: .constant(.symbol("nothing")))], .synthetic),
        .print([.variable("c")], newline: false, .synthetic),
        .retract(["b"], .synthetic),
      ])
    let (compiled, _) = KnowledgeBase.compile(vocabulary: vocabulary, rules: [rule])
    let session = InferenceSession(knowledgeBase: try #require(compiled))
    try session.assert("box", ["contents": .symbol("ladder")])
    session.run()
    #expect(session.transcript == "ladder")
    #expect(session.allFacts.isEmpty, "retract after modify removes the new fact")
  }

  @Test func equalityTestsRouteFactsByHashing() throws {
    var vocabulary = Vocabulary()
    _ = vocabulary.add(
      Template(name: "avh", slots: [Slot(name: "a", type: .symbol), Slot(name: "h", type: .number)]))
    let rule = Rule(
      name: "r",
      conditions: [
        .pattern(
          Pattern(
            template: "avh",
            constraints: [SlotConstraint("h", .bind("h")), SlotConstraint("a", .equals(.symbol("color")))]))
      ],
      actions: [])
    let (compiled, _) = KnowledgeBase.compile(vocabulary: vocabulary, rules: [rule])
    let knowledgeBase = try #require(compiled)
    #expect(knowledgeBase.plan.alphaRoutes[0].scanned.isEmpty)
    #expect(knowledgeBase.plan.alphaRoutes[0].hashed.count == 1)
  }
}
