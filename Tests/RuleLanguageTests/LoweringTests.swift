import RuleEngine
import Testing

@testable import RuleLanguage

/// Syntax lowered into the engine's model, and run where the shape alone does not say enough.
@Suite struct LoweringTests {
  private func compile(_ text: String) throws -> (LoadedRuleBase, KnowledgeBase) {
    let ruleBase = RuleBaseLoader().loadRules(text: text, path: "t.rules")
    #expect(ruleBase.diagnostics.isEmpty, "\(ruleBase.diagnostics.map(\.message))")
    let (compiled, diagnostics) = ruleBase.compile()
    return (ruleBase, try #require(compiled, "\(diagnostics.map(\.message))"))
  }

  private static let sizes = """
    template size { n: number }
    rule classify {
      when { size(n: ?n) }
      then {
        if ?n > 10 { write "big " } else if ?n > 5 { write "medium " }
        else if ?n > 2 { write "small " } else { let ?w = "tiny " write ?w }
        if ?n = 3 { write "three " }
      }
    }
    """

  @Test func elseIfNestsInTheElseOfTheBranchBefore() throws {
    let (ruleBase, _) = try compile(Self.sizes)
    let rule = Lowering(vocabulary: ruleBase.vocabulary).rule(try #require(ruleBase.rules.first))
    guard case .conditional(_, let big, let afterBig, let outer) = rule.actions[0],
      case .conditional(_, let medium, let afterMedium, let middle) = afterBig.first,
      case .conditional(_, let small, let otherwise, let inner) = afterMedium.first
    else {
      Issue.record("not a chain of nested conditionals: \(rule.actions[0])")
      return
    }
    #expect(afterBig.count == 1 && afterMedium.count == 1)
    #expect(big.count == 1 && medium.count == 1 && small.count == 1 && otherwise.count == 2)
    // Each nested `if` spans from its own `if` to the end of the chain.
    #expect(outer.start < middle.start && middle.start < inner.start)
    #expect(outer.end == middle.end && middle.end == inner.end)
    guard case .conditional(_, _, let none, _) = rule.actions[1] else {
      Issue.record("second action is not a conditional")
      return
    }
    #expect(none.isEmpty)
  }

  @Test func theFirstBranchWhoseTestHoldsRuns() throws {
    let (_, knowledgeBase) = try compile(Self.sizes)
    for (n, expected) in [(20.0, "big "), (7, "medium "), (3, "small three "), (1, "tiny ")] {
      let session = InferenceSession(knowledgeBase: knowledgeBase)
      _ = try session.assert("size", ["n": .number(n)])
      session.run()
      #expect(session.transcript == expected, "n = \(n)")
    }
  }

  @Test func aFactVariableBoundInEveryAlternativeRetractsThatAlternativesFact() throws {
    let (_, knowledgeBase) = try compile(
      """
      template group { support: polite | keen }
      template department { turf: defends | shares }
      rule drop {
        when { either { ?f <- group(support: polite) } or { ?f <- department(turf: defends) } }
        then { retract ?f }
      }
      """)
    let session = InferenceSession(knowledgeBase: knowledgeBase)
    _ = try session.assert("group", ["support": .symbol("polite")])
    _ = try session.assert("group", ["support": .symbol("keen")])
    _ = try session.assert("department", ["turf": .symbol("defends")])
    session.run()
    #expect(
      session.allFacts.map { "\($0.template) \($0.value("support") ?? .symbol("-"))" } == ["group keen"])
  }
}
