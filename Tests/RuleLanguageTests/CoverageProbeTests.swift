import RuleEngine
import Testing

@testable import RuleLanguage

/// The probe rules of `cxdx test --coverage`: a condition taken out with the conditions that
/// need its variables, nothing else.
@Suite struct CoverageProbeTests {
  static let conditions: [Condition] = [
    .pattern(Pattern(template: "group", constraints: [SlotConstraint("name", .bind("w"))])),
    .pattern(Pattern(template: "metric", constraints: [SlotConstraint("years", .bind("y"))])),
    .not(
      [.pattern(Pattern(template: "group", constraints: [SlotConstraint("name", .bind("w"))]))], .synthetic),
    .test(.binary(.greater, .variable("y"), .constant(.number(2))), .synthetic),
  ]

  @Test func takingOutABindingPatternTakesOutWhatUsesItsVariables() {
    let withoutGroup = CoverageProbe.without(0, in: Self.conditions)
    #expect(withoutGroup == [Self.conditions[1], Self.conditions[3]])
    let withoutMetric = CoverageProbe.without(1, in: Self.conditions)
    #expect(withoutMetric == [Self.conditions[0], Self.conditions[2]])
    #expect(
      CoverageProbe.without(2, in: Self.conditions) == [
        Self.conditions[0], Self.conditions[1], Self.conditions[3],
      ])
  }

  @Test func aVariableBoundEarlierStaysBound() {
    // The second pattern joins on ?w, bound by the first: taking it out leaves the 'not'.
    let conditions = [Self.conditions[0], Self.conditions[0], Self.conditions[2]]
    #expect(CoverageProbe.without(1, in: conditions) == [Self.conditions[0], Self.conditions[2]])
  }

  @Test func aRuleWithOneConditionHasNoProbeRule() {
    let rules = [
      Rule(name: "one", conditions: [Self.conditions[0]], actions: []),
      Rule(name: "two", conditions: Array(Self.conditions[0...1]), actions: []),
    ]
    let (probes, probeRules) = CoverageProbe.probes(for: rules)
    #expect(probes.map(\.name) == [nil, "two#without-1", "two#without-2"])
    #expect(probeRules.map(\.name) == ["two#without-1", "two#without-2"])
    #expect(probeRules.allSatisfy { $0.actions.isEmpty })
  }
}
