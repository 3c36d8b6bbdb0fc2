import RuleEngine
import RuleLanguage

/// The outcome of one `expect` line of a case against its report.
public struct ExpectationResult: Sendable {
  /// The line as written, e.g. `expect not turf-wars`.
  public let text: String
  /// `cases/x.facts:12`
  public let location: String
  public let passed: Bool
  /// What actually happened, e.g. `found at 0.82`, `ruled out at 0.10`, `not assessed`.
  public let actual: String
}

extension CaseReport {
  /// Checks every expectation of a case file.
  public func check(_ syntax: FactFileSyntax, sources: SourceFiles) -> [ExpectationResult] {
    syntax.expectations.map { expectation in
      let id = expectation.diagnosis.text
      let status = status(of: id)
      let certainty = diagnosis(id)?.certainty ?? 0
      var passed: Bool
      switch expectation.outcome {
      case .present: passed = status == .found
      case .absent: passed = status == .ruledOut
      case .unassessed: passed = status == .unassessed
      }
      var text = "expect \(expectation.outcome == .present ? "" : expectation.outcome.rawValue + " ")\(id)"
      if let (comparison, literal) = expectation.bound, case .number(let bound) = literal.value {
        text += " \(comparison.rawValue) \(Value.format(bound))"
        passed = passed && compare(certainty, comparison, bound)
      }
      let actual: String =
        switch status {
        case .found: "found at \((certainty).fixed(2))"
        case .ruledOut: "ruled out at \((certainty).fixed(2))"
        case .unassessed: "not assessed (no rule for it has the facts it needs to judge)"
        }
      return ExpectationResult(
        text: text, location: sources.describeLine(expectation.span), passed: passed, actual: actual)
    }
  }

  private func compare(_ value: Double, _ comparison: ComparisonOperator, _ bound: Double) -> Bool {
    switch comparison {
    case .equal: abs(value - bound) < 1e-9
    case .notEqual: abs(value - bound) >= 1e-9
    case .less: value < bound
    case .lessOrEqual: value <= bound + 1e-9
    case .greater: value > bound
    case .greaterOrEqual: value >= bound - 1e-9
    }
  }
}
