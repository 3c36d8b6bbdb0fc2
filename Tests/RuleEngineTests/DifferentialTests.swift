import Foundation
import Testing

@testable import RuleEngine

/// The Rete network against the brute-force ``NaiveMatcher`` on thousands of generated rule
/// sets and fact sequences. Seeded and reproducible: a failure prints its seed.
///
/// `CXDX_LONG_TESTS=1` runs ten times as many cases.
@Suite struct DifferentialTests {
  static var caseCount: Int { ProcessInfo.processInfo.environment["CXDX_LONG_TESTS"] == "1" ? 50_000 : 5_000 }

  private func activations(_ session: InferenceSession) -> [String: Int] {
    var result: [String: Int] = [:]
    for activation in session.pendingActivations {
      result[
        "\(activation.rule)|\(activation.facts.map(\.description).joined(separator: ","))", default: 0] += 1
    }
    return result
  }

  @Test func agendaEqualsNaiveMatchesAfterEveryChange() throws {
    for seed in 0..<UInt64(Self.caseCount) {
      var generator = RandomRuleBase(seed: seed)
      let rules = generator.rules(count: Int.random(in: 1...3, using: &generator.random), deriving: false)
      let (compiled, diagnostics) = KnowledgeBase.compile(vocabulary: RandomRuleBase.vocabulary, rules: rules)
      guard let knowledgeBase = compiled else {
        Issue.record("seed \(seed): \(diagnostics.map(\.message))")
        return
      }
      let session = InferenceSession(knowledgeBase: knowledgeBase)
      let reference = NaiveMatcher(rules: rules)
      for step in 0..<16 {
        let live = session.allFacts
        let choice = Int.random(in: 0..<10, using: &generator.random)
        let values = [
          "a": Value.number(Double(Int.random(in: 0...2, using: &generator.random))),
          "b": Value.number(Double(Int.random(in: 0...2, using: &generator.random))),
        ]
        if choice < 6 || live.isEmpty {
          try session.assert(RandomRuleBase.templates.randomElement(using: &generator.random) ?? "p", values)
        } else if choice < 8, let victim = live.randomElement(using: &generator.random) {
          session.retract(victim.id)
        } else if let victim = live.randomElement(using: &generator.random) {
          try session.modify(victim.id, ["a": values["a"] ?? .number(0)])
        }
        let expected = reference.activations(facts: session.allFacts)
        let actual = activations(session)
        if expected != actual {
          Issue.record(
            """
            seed \(seed), step \(step): the agenda differs from the naive matcher
            rules: \(rules)
            facts: \(session.allFacts.map(\.description))
            expected: \(expected.sorted { $0.key < $1.key })
            actual:   \(actual.sorted { $0.key < $1.key })
            """)
          return
        }
      }
    }
  }

  @Test(arguments: ConflictStrategy.allCases)
  func runsReachTheNaiveFixpointUnderEveryStrategy(_ strategy: ConflictStrategy) throws {
    for seed in 0..<UInt64(Self.caseCount / 10) {
      var generator = RandomRuleBase(seed: seed &+ 1_000_000)
      let rules = generator.rules(count: 3, deriving: true)
      guard
        case (let knowledgeBase?, _) = KnowledgeBase.compile(
          vocabulary: RandomRuleBase.vocabulary, rules: rules)
      else { continue }
      let session = InferenceSession(knowledgeBase: knowledgeBase, options: RunOptions(strategy: strategy))
      for _ in 0..<8 {
        try session.assert(
          RandomRuleBase.templates.randomElement(using: &generator.random) ?? "p",
          [
            "a": .number(Double(Int.random(in: 0...2, using: &generator.random))),
            "b": .number(Double(Int.random(in: 0...2, using: &generator.random))),
          ])
      }
      let result = session.run(RunOptions(strategy: strategy, maximumFirings: 10_000))
      #expect(result.stopReason == .finished, "seed \(seed)")
      // Rules only add `derived` facts, so the end state is the naive fixpoint whatever the order.
      let stated = session.allFacts.filter { $0.template != "derived" }
      let expected = naiveFixpoint(rules: rules, facts: stated, reference: NaiveMatcher(rules: rules))
      #expect(Set(session.allFacts.map(\.description)) == expected, "seed \(seed), strategy \(strategy)")
    }
  }

  /// Applies every rule's `assert derived(x: ?v, y: 1)` until nothing new appears.
  private func naiveFixpoint(rules: [Rule], facts: [Fact], reference: NaiveMatcher) -> Set<String> {
    var all = facts
    var known = Set(facts.map(\.description))
    var nextID: Int32 = 1_000_000
    var changed = true
    while changed {
      changed = false
      for rule in rules {
        guard case .assert(let template, _)? = rule.actions.first,
          case .variable(let variable)? = template.values.first?.value
        else { continue }
        for conditions in reference.expand(rule.conditions) {
          for (bindings, _) in reference.match(conditions, [:], [], all) {
            guard let value = bindings[variable] else { continue }
            let fact = Fact(
              id: FactID(nextID), template: "derived", slots: [("x", value), ("y", .number(1))], certainty: 1,
              origin: .stated(.synthetic))
            if known.insert(fact.description).inserted {
              nextID += 1
              all.append(fact)
              changed = true
            }
          }
        }
      }
    }
    return known
  }
}
