import Foundation
import RuleEngine
import RuleLanguage
import Testing

@testable import CXDXCommandLine

/// The consultation's parts without the prompt: kinds of fact, answers replayed, the case text.
@Suite struct ConsultCaseTests {
  private static func ruleBase() -> LoadedRuleBase { RuleBaseLoader().loadRules(from: [InProcess.rules]) }

  @Test func kindsOfFactFollowFromTheVocabulary() {
    let kinds = FactKinds(vocabulary: Self.ruleBase().vocabulary)
    #expect(kinds.kind(of: "organization") == .single)
    #expect(kinds.kind(of: "leadership") == .single)
    #expect(kinds.kind(of: "review") == .single)
    #expect(kinds.kind(of: "group") == .named)
    #expect(kinds.kind(of: "metric") == .named)
    #expect(kinds.kind(of: "obstacle") == .list(slot: "name"))
    #expect(kinds.kind(of: "finding") == .list(slot: "cause"))
    #expect(kinds.kind(of: "stall") == .notAsked)
  }

  @Test func goingBackReplaysTheOtherAnswers() {
    var state = ConsultCase(stated: [])
    state.record(Answer(target: .newFact(template: "group", slot: "name"), response: .value(.string("g"))))
    state.record(Answer(target: .slot(fact: 0, slot: "support"), response: .value(.symbol("polite"))))
    state.record(Answer(target: .newFact(template: "group", slot: "name"), response: .noMore))
    #expect(state.closed == ["group"])
    #expect(state.undo()?.response == .noMore)
    #expect(state.closed.isEmpty)
    #expect(state.undo() != nil)
    #expect(state.facts.count == 1)
    #expect(state.facts[0].slots == ["name": .string("g")])
  }

  @Test func notesReadBackAsTheAnswersThatStateNoValue() throws {
    let ruleBase = Self.ruleBase()
    let kinds = FactKinds(vocabulary: ruleBase.vocabulary)
    let facts = [
      ConsultFact(template: "organization", original: 0, slots: ["name": .string("A")]),
      ConsultFact(template: "group", original: 1, slots: ["name": .string("front desk")]),
      ConsultFact(template: "group", original: 2, slots: ["name": .string("regional  managers")]),
    ]
    let text = """
      # consult: unknown group "front desk" view
      # consult: unknown all cx-team
        # consult: unknown all group "front desk"
      # consult: unknown further department
      # consult: none further obstacle
      # consult: unknown group "gone" view
      # consult: a comment in the same form that says nothing cxdx reads
      # consult: unknown group "regional  managers" workload\r
      """
    let prior = ConsultNotes.read(text, facts: facts, kinds: kinds)
    #expect(
      prior.skipped == [
        .slot(fact: 1, slot: "view"), .newFact(template: "department", slot: "name"),
        .slot(fact: 2, slot: "workload"),
      ])
    #expect(prior.exhausted == [.single("cx-team"), .position(1)])
    #expect(prior.closed == ["obstacle"])
    var state = ConsultCase(stated: facts, prior: prior)
    #expect(state.isSkipped(.single(template: "cx-team", slot: "passion")))
    #expect(state.isSkipped(.slot(fact: 1, slot: "level")))
    #expect(!state.isSkipped(.single(template: "leadership", slot: "attention")))
    state.record(Answer(target: .single(template: "leadership", slot: "attention"), response: .unknown))
    _ = state.undo()
    #expect(state.closed == ["obstacle"])
    #expect(state.isSkipped(.single(template: "cx-team", slot: "passion")))
  }

  @Test func aTrailingCommaTakesNoSecondSeparatorAndNoEmptyBlockIsWritten() throws {
    var ruleBase = Self.ruleBase()
    let original = "organization(name: \"A\", cx-stage: discovery,)\n"
    let loaded = RuleBaseLoader().loadCase(text: original, path: "a.facts", into: &ruleBase)
    let file = try #require(loaded.file)
    let syntax = try #require(loaded.syntax)
    let writer = CaseTextWriter(
      original: .init(bytes: file.bytes, syntax: syntax), vocabulary: ruleBase.vocabulary, date: "2026-01-02")
    var state = ConsultCase(stated: Consultation.statedFacts(syntax, vocabulary: ruleBase.vocabulary))
    state.record(
      Answer(
        target: .single(template: "organization", slot: "cx-appetite"), response: .value(.symbol("keen"))))
    #expect(writer.text(for: state) == "organization(name: \"A\", cx-stage: discovery, cx-appetite: keen)\n")
  }

  @Test func theWriterPatchesStatedFactsInPlaceAndAppendsNewOnes() throws {
    var ruleBase = Self.ruleBase()
    let original = """
      # head
      organization(name: "A", cx-stage: discovery)  # trailing
      group(name: "g",
            level: frontline)

      expect complacency

      """
    let loaded = RuleBaseLoader().loadCase(text: original, path: "a.facts", into: &ruleBase)
    let file = try #require(loaded.file)
    let syntax = try #require(loaded.syntax)
    let writer = CaseTextWriter(
      original: .init(bytes: file.bytes, syntax: syntax), vocabulary: ruleBase.vocabulary, date: "2026-01-02")
    var state = ConsultCase(stated: Consultation.statedFacts(syntax, vocabulary: ruleBase.vocabulary))
    #expect(writer.text(for: state) == original)
    state.record(
      Answer(
        target: .single(template: "organization", slot: "self-rating"), response: .value(.symbol("good"))))
    state.record(Answer(target: .slot(fact: 1, slot: "support"), response: .value(.symbol("polite"))))
    state.record(Answer(target: .newFact(template: "metric", slot: "name"), response: .value(.string("NPS"))))
    state.record(Answer(target: .slot(fact: 2, slot: "kind"), response: .value(.symbol("customer"))))
    state.record(Answer(target: .slot(fact: 1, slot: "view"), response: .unknown))
    #expect(
      writer.text(for: state) == """
        # head
        organization(name: "A", cx-stage: discovery, self-rating: good)  # trailing
        group(name: "g",
              level: frontline, support: polite)

        # Answers recorded by cxdx consult on 2026-01-02 (UTC).
        metric(name: "NPS", kind: customer)
        # consult: unknown group "g" view

        expect complacency

        """)
  }

  @Test func aNewCaseIsWrittenWholeAndWrappedUnderItsParenthesis() throws {
    let vocabulary = Self.ruleBase().vocabulary
    let writer = CaseTextWriter(original: nil, vocabulary: vocabulary, date: "2026-01-02", width: 60)
    var state = ConsultCase(stated: [])
    state.record(
      Answer(
        target: .newFact(template: "group", slot: "name"),
        response: .value(.string("call-center supervisors"))))
    for (slot, value) in [("level", "frontline"), ("support", "enthusiastic"), ("behaviour-change", "none")] {
      state.record(Answer(target: .slot(fact: 0, slot: slot), response: .value(.symbol(value))))
    }
    #expect(
      writer.text(for: state) == """
        # A case recorded by cxdx consult on 2026-01-02 (UTC).

        group(name: "call-center supervisors", level: frontline,
              support: enthusiastic, behaviour-change: none)

        """)
  }
}
