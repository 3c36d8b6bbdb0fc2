import RuleEngine

/// Rules that can re-trigger each other (or one itself) without end.
///
/// Lint: L0501. The criterion, on the graph of ``RuleGraph`` (A → B when A makes or changes a
/// fact B matches): a cycle is reported when
/// 1. some edge in it *renews without a guard*: a `modify` (a new fact every time, even with
///    the same values) or an `assert`/`derive` with computed values (arithmetic, calls,
///    interpolated strings) feeding a pattern with no test on a slot it computes; or some rule
///    in it retracts a kind the cycle makes, so the same fact can come back; and
/// 2. no rule in it has a `not` on a kind a rule of the cycle makes (the usual guard: "only
///    if not done").
///
/// Monotone derivations (asserting facts built from literals and matched values) are never
/// reported: working memory holds no duplicate facts, so they end. The check cannot prove
/// that a loop ends through arithmetic (`count-down` with `?v & > 0`), so a test on the
/// changed slot counts as a guard.
struct CyclicDependency: LintRule {
  let code = DiagnosticCode.endlessCycle

  func findings(in context: LintContext) -> [Diagnostic] {
    let rules = context.rules.map(\.rule)
    let graph = RuleGraph(rules: rules)
    var findings: [Diagnostic] = []
    for cycle in graph.cycles() {
      let members = Set(cycle)
      let inside = graph.edges.filter { members.contains($0.from) && members.contains($0.to) }
      let made = Set(cycle.flatMap { rules[$0].productions.map(\.kind) })
      let guardedByNot = cycle.contains { !rules[$0].negatedTemplates.isDisjoint(with: made) }
      guard !guardedByNot else { continue }
      let renewing = inside.first(where: \.renewsWithoutGuard)
      let retracting = cycle.first { !rules[$0].retractedKinds.isDisjoint(with: made) }
      guard renewing != nil || retracting != nil else { continue }
      let first = context.rules[cycle[0]]
      let names = cycle.map { "'\(context.rules[$0].name)'" }
      let message =
        cycle.count == 1
        ? "rule \(names[0]) can re-trigger itself without end"
        : "rules \(names.joined(separator: ", ")) can re-trigger each other without end"
      var note = ""
      if let edge = renewing {
        let verb = edge.production.isModify ? "modifies" : "makes new"
        note =
          "'\(context.rules[edge.from].name)' \(verb) a '\(edge.production.kind)' fact that "
          + "'\(context.rules[edge.to].name)' matches again, and no test on the changed slots can stop it"
      } else if let index = retracting {
        note = "'\(context.rules[index].name)' retracts facts the cycle makes again, so they can come back"
      }
      var diagnostic = Diagnostic.warning(
        code, message, at: first.nameSpan, label: "in a cycle",
        help:
          "guard a rule of the cycle with 'not' on the fact it makes, or test the changed slot so the loop ends",
        notes: [note])
      for index in cycle.dropFirst() {
        diagnostic = diagnostic.with(
          secondary: DiagnosticLabel(
            context.rules[index].nameSpan, "'\(context.rules[index].name)' is declared"))
      }
      findings.append(diagnostic)
    }
    return findings
  }
}
