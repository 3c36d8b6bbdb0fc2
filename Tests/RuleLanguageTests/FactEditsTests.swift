import RuleEngine
import Testing

@testable import RuleLanguage

/// What-if edits: `--set` facts replace what they name or are added, `--unset` patterns remove.
@Suite struct FactEditsTests {
  static let caseText = """
    organization(name: "Acme", cx-stage: discovery)
    leadership(sponsorship: private, results-window: one-year)
    metric(name: "NPS", kind: customer, trend: flat, years: 3)
    metric(name: "profit", kind: financial, trend: rising, years: 3)
    obstacle(name: budget)
    obstacle(name: silos)
    """

  private func edit(sets: [String] = [], unsets: [String] = []) -> Result<
    ([String], [FactChange]), FactEditError
  > {
    var ruleBase = RuleBaseLoader().loadRules(from: [Fixtures.repository.appendingPathComponent("rules").path]
    )
    let edits: FactEdits
    switch FactEdits.parse(sets: sets, unsets: unsets, into: &ruleBase) {
    case .failure(let error): return .failure(error)
    case .success(let parsed): edits = parsed
    }
    let loaded = RuleBaseLoader().loadCase(text: Self.caseText, path: "acme.facts", into: &ruleBase)
    guard let syntax = loaded.syntax else { return .failure(FactEditError("the case did not parse")) }
    let lowering = Lowering(vocabulary: ruleBase.vocabulary)
    return edits.apply(to: syntax, vocabulary: ruleBase.vocabulary, sources: ruleBase.sources).map {
      edited, changes in
      (
        edited.facts.map { fact in
          let lowered = lowering.fact(fact)
          return lowered.template + " "
            + lowered.slots.keys.sorted().map { "\($0)=\(lowered.slots[$0] ?? .boolean(false))" }
            .joined(separator: ",")
        }, changes
      )
    }
  }

  @Test func aSetFactReplacesTheFactOfTheSameNameAndKeepsItsOtherSlots() throws {
    let (facts, changes) = try edit(sets: ["metric(name: \"NPS\", trend: rising)"]).get()
    #expect(facts.count == 6)
    #expect(facts[2] == "metric kind=customer,name=\"NPS\",trend=rising,years=3")
    #expect(changes.count == 1)
    guard case .changed(let old, let new, _, _)? = changes.first else {
      Issue.record("expected a change")
      return
    }
    #expect(old == "metric(name: \"NPS\", kind: customer, trend: flat, years: 3)")
    #expect(new == "metric(name: \"NPS\", kind: customer, trend: rising, years: 3)")
  }

  @Test func aSetFactWithoutANameReplacesTheOnlyFactOfItsKind() throws {
    let (facts, _) = try edit(sets: ["leadership(results-window: quarters)"]).get()
    #expect(facts[1] == "leadership results-window=quarters,sponsorship=private")
  }

  @Test func otherwiseASetFactIsAdded() throws {
    let (facts, changes) = try edit(sets: ["obstacle(name: training)", "metric(trend: declining)"]).get()
    #expect(facts.count == 8)
    #expect(facts.suffix(2) == ["obstacle name=training", "metric trend=declining"])
    #expect(changes.allSatisfy { if case .added = $0 { true } else { false } })
  }

  @Test func anUnsetRemovesEveryFactItMatchesBeforeSetsApply() throws {
    let (facts, changes) = try edit(sets: ["obstacle(name: silos)"], unsets: ["obstacle()"]).get()
    #expect(facts.filter { $0.hasPrefix("obstacle") } == ["obstacle name=silos"])
    #expect(changes.count == 3)
  }

  @Test func anUnsetThatMatchesNothingNamesTheFactsOfItsKind() {
    guard case .failure(let error) = edit(unsets: ["obstacle(name: training)"]) else {
      Issue.record("expected a failure")
      return
    }
    #expect(error.message == "--unset 'obstacle(name: training)' matches no fact the case states")
    #expect(
      error.help?.contains("obstacle(name: budget) (acme.facts:5); obstacle(name: silos) (acme.facts:6)")
        == true)
  }

  @Test func eachTextHoldsExactlyOneCheckedFact() {
    guard case .failure(let two) = edit(sets: ["obstacle(name: budget) obstacle(name: silos)"]) else {
      Issue.record("two facts in one --set must fail")
      return
    }
    #expect(two.message.contains("--set takes one fact"))
    guard case .failure(let bad) = edit(unsets: ["metric(trend: sideways)"]) else {
      Issue.record("a value the vocabulary refuses must fail")
      return
    }
    #expect(bad.diagnostics.contains { $0.message.contains("sideways") })
    #expect(bad.sources.files.contains { $0.path == "--unset" })
  }
}
