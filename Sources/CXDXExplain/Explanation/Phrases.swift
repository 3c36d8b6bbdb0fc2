import RuleEngine

/// The wording shared by every format, so that text, Markdown and HTML say the same thing.
enum Phrases {
  /// `+0.60`, `−0.40` (a true minus sign, as the text report prints).
  static func signed(_ value: Double, decimals: Int = 2) -> String {
    (value < 0 ? "−" : "+") + abs(value).fixed(decimals)
  }

  /// `0.60`, `−0.40`: unsigned when positive.
  static func number(_ value: Double, decimals: Int = 2) -> String {
    (value < 0 ? "−" : "") + abs(value).fixed(decimals)
  }

  static func status(_ explanation: DiagnosisExplanation) -> String {
    switch explanation.status {
    case .found: "found"
    case .ruledOut: "ruled out"
    case .unassessed: "not assessed"
    }
  }

  /// The arithmetic of one combination step, with three decimals.
  static func formula(_ step: CombinationStep) -> String {
    let y = number(step.next, decimals: 3)
    guard let x = step.total else { return signed(step.next, decimals: 3) }
    let total = number(x, decimals: 3)
    let result = number(step.result, decimals: 3)
    switch step.operation {
    case .start:
      return signed(step.next, decimals: 3)
    case .sameSign:
      let factor = "(1 − \(abs(x).fixed(3)))"
      return step.next < 0
        ? "\(total) + (\(y)) × \(factor) = \(result)" : "\(total) + \(y) × \(factor) = \(result)"
    case .mixed:
      let y = step.next < 0 ? "(\(y))" : y
      return "(\(total) + \(y)) / (1 − min(\(abs(x).fixed(3)), \(abs(step.next).fixed(3)))) = \(result)"
    }
  }

  /// Where a fact comes from: `cases/a.facts:9`, `derived by derive-stall`, `--set:1`.
  static func origin(_ fact: ExplainedFact) -> String {
    switch fact.origin {
    case .stated: fact.location ?? "stated"
    case .derived(let rule): "derived by \(rule)"
    case .asserted(let rule): "asserted by \(rule)"
    }
  }

  /// `f-7 group(name: "x", support: polite)`, with its certainty when below 1.
  static func fact(_ fact: ExplainedFact) -> String {
    "f-\(fact.id) \(fact.text)" + (fact.certainty < 1 ? " certainty \(Value.format(fact.certainty))" : "")
  }

  /// One failed test in words: `support is polite; the rule needs enthusiastic`.
  static func failure(_ test: FailedTest) -> String {
    guard let slot = test.slot else { return "the test \(test.requirement) is false" }
    guard let actual = test.actual else { return "\(slot) is not stated" }
    let source = test.comparedWith.map { " (from \($0))" } ?? ""
    return "\(slot) is \(actual); the rule needs \(test.requirement)\(source)"
  }

  /// The headline of a miss: how far the rule got.
  static func progress(_ miss: RuleMiss) -> String {
    if miss.kind == .matchedWithoutConcluding { return "matches all \(miss.conditionCount) conditions" }
    let alternative =
      miss.alternatives > 1 ? " (alternative \(miss.alternative + 1) of \(miss.alternatives))" : ""
    let noun = miss.conditionCount == 1 ? "condition" : "conditions"
    return "matched \(miss.satisfied) of \(miss.conditionCount) \(noun)\(alternative)"
  }

  /// Why the stopping condition failed, in one sentence.
  static func reason(_ miss: RuleMiss, diagnosis: String) -> String {
    let template = miss.template ?? "such"
    switch miss.kind {
    case .noFact:
      return miss.upstream.isEmpty ? "the case states no \(template) fact" : "no rule made a \(template) fact"
    case .unstated: return "no \(template) fact states what the condition reads"
    case .mismatch: return "no \(template) fact has the values the condition needs"
    case .noJoin: return "no \(template) fact agrees with the facts matched before it"
    case .blocked: return "blocked: a fact matches the `not`"
    case .noGroupMatch: return "no combination of facts matches the group"
    case .testFailed: return "a test on what matched so far is false"
    case .matchedWithoutConcluding:
      return "its actions did not conclude \(diagnosis) (an `if` took another branch)"
    }
  }

  /// Explains how the arithmetic is ordered.
  static let combinationNote =
    "MYCIN's rule: positives from the strongest, then negatives from the strongest, then the two totals"
}
