import RuleEngine
import RuleLanguage

/// `cxdx test --coverage --format json`: the `cxdx.coverage/1` document of docs/json.md.
public struct JSONCoverageRenderer: Sendable {
  /// How one case's expectations came out.
  public enum Outcome: String, Sendable {
    case pass
    case fail
    case error
  }

  public init() {}

  public func json(
    _ coverage: RuleCoverage, outcomes: [(path: String, outcome: Outcome)], sources: SourceFiles
  ) -> JSONValue {
    let text = CoverageText(sources: sources)
    let firedByCase = Dictionary(
      grouping: coverage.rules.flatMap { rule in rule.firedIn.map { ($0, rule.name) } }
    ) {
      $0.0
    }
    let cases = outcomes.map { entry in
      // A case given twice has its firings recorded twice under one path: list each rule once.
      var seen = Set<String>()
      let fired = (firedByCase[entry.path] ?? []).map(\.1).filter { seen.insert($0).inserted }
      return JSONValue.object([
        ("case", .string(entry.path)),
        ("outcome", .string(entry.outcome.rawValue)),
        ("fired", .array(fired.map(JSONValue.string))),
      ])
    }
    let rules = coverage.rules.map { rule in
      let place = text.place(rule.span)
      return JSONValue.object([
        ("rule", .string(rule.name)),
        ("file", .string(place.file)),
        ("line", .number(Double(place.line))),
        ("firedIn", .array(rule.firedIn.map(JSONValue.string))),
        (
          "conditions",
          .array(
            rule.conditions.map { condition in
              let place = text.place(condition.span)
              return .object([
                ("index", .number(Double(condition.index + 1))),
                ("file", .string(place.file)),
                ("line", .number(Double(place.line))),
                ("column", .number(Double(place.column))),
                ("text", .string(text.condition(condition.span, limit: 1000))),
                ("decidingIn", .array(condition.decidingIn.map(JSONValue.string))),
              ])
            })
        ),
      ])
    }
    let conditionCount = coverage.rules.reduce(0) { $0 + $1.conditions.count }
    let summary = JSONValue.object([
      ("cases", .number(Double(outcomes.count))),
      ("passed", .number(Double(outcomes.count { $0.outcome == .pass }))),
      ("failed", .number(Double(outcomes.count { $0.outcome != .pass }))),
      ("rules", .number(Double(coverage.rules.count))),
      ("fired", .number(Double(coverage.rules.count - coverage.neverFired.count))),
      ("neverFired", .array(coverage.neverFired.map { .string($0.name) })),
      ("conditions", .number(Double(conditionCount))),
      ("neverDeciding", .number(Double(coverage.neverDeciding.count))),
    ])
    return .object([
      ("schema", .string("cxdx.coverage/1")),
      ("cases", .array(cases)),
      ("rules", .array(rules)),
      ("summary", summary),
    ])
  }
}
