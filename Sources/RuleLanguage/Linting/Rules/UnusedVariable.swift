import RuleEngine

/// A variable written once in its rule: bound, and never read by a join, a test or an
/// action. (A variable read but never bound is already an error, E0309.)
///
/// Lint: L0402. Counted by name over the whole rule; `?_` is never reported.
struct UnusedVariable: LintRule {
  let code = DiagnosticCode.variableNeverUsed

  func findings(in context: LintContext) -> [Diagnostic] {
    var findings: [Diagnostic] = []
    for linted in context.rules {
      let occurrences = VariableOccurrences.inRule(linted.syntax).filter { !$0.variable.isWildcard }
      var counts: [String: Int] = [:]
      for occurrence in occurrences { counts[occurrence.variable.name, default: 0] += 1 }
      for occurrence in occurrences where counts[occurrence.variable.name] == 1 && occurrence.role != .use {
        let name = "?\(occurrence.variable.name)"
        findings.append(
          .warning(
            code, "variable '\(name)' is bound but never used", at: occurrence.variable.span,
            label: "never used", help: help(occurrence.role, name)))
      }
    }
    return findings
  }

  private func help(_ role: VariableOccurrence.Role, _ name: String) -> String {
    switch role {
    case .slot: "write '?_' to require the slot without binding it, or use \(name) in a test or action"
    case .factBinding: "remove '\(name) <-', or retract or modify the fact"
    case .countResult: "test it ('where \(name) >= 2'); a count with no test always holds"
    case .letBinding, .use: "remove the 'let', or use \(name)"
    }
  }
}
