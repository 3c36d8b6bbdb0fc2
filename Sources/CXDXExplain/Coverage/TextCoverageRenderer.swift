import RuleEngine
import RuleLanguage

/// `cxdx test --coverage` as text: each rule with the cases it fired in, a warning per rule no
/// case fired, and the conditions no case shows to be deciding. Columns are aligned and the
/// order is the rules' declaration order, so the same rules and cases print the same bytes.
public struct TextCoverageRenderer: Sendable {
  public init() {}

  public func render(_ coverage: RuleCoverage, sources: SourceFiles) -> String {
    let text = CoverageText(sources: sources)
    let rules = coverage.rules
    let fired = rules.count - coverage.neverFired.count
    var out =
      "RULE COVERAGE  \(coverage.cases.count) case\(coverage.cases.count == 1 ? "" : "s"), "
      + "\(rules.count) rules, \(fired) fired in at least one case\n"
    let places = rules.map { rule in
      let place = text.place(rule.span)
      return "\(place.file):\(place.line)"
    }
    let nameWidth = rules.map(\.name.count).max() ?? 0
    let placeWidth = places.map(\.count).max() ?? 0
    let countWidth = String(coverage.cases.count).count
    for (rule, place) in zip(rules, places) {
      let count = String(rule.firedIn.count)
      let names = rule.firedIn.map(CoverageText.caseName).joined(separator: ", ")
      out +=
        "  \(pad(rule.name, nameWidth))  \(pad(place, placeWidth))  "
        + String(repeating: " ", count: countWidth - count.count) + count
        + (names.isEmpty ? "" : "  \(names)") + "\n"
    }
    for (rule, place) in zip(rules, places) where rule.firedIn.isEmpty {
      out += "warning: rule '\(rule.name)' never fired in any case (\(place))\n"
    }
    let undecided = coverage.neverDeciding
    let total = rules.reduce(0) { $0 + $1.conditions.count }
    out += "\nCONDITIONS NEVER DECIDING  \(undecided.count) of \(total): no case shows the rule needs them\n"
    let rows = undecided.map { entry in
      let place = text.place(entry.condition.span)
      return (
        "\(place.file):\(place.line)", entry.rule.name,
        "\(entry.condition.index + 1) of \(entry.rule.conditions.count)", text.condition(entry.condition.span)
      )
    }
    let widths = (
      rows.map(\.0.count).max() ?? 0, rows.map(\.1.count).max() ?? 0, rows.map(\.2.count).max() ?? 0
    )
    for row in rows {
      out += "  \(pad(row.0, widths.0))  \(pad(row.1, widths.1))  \(pad(row.2, widths.2))  \(row.3)\n"
    }
    return out
  }

  private func pad(_ text: String, _ width: Int) -> String {
    text + String(repeating: " ", count: max(0, width - text.count))
  }
}
