import RuleEngine

/// A declared diagnosis that no rule gives evidence for: no `suspect` of it at all, or only
/// with negative factors, so it can never be found.
///
/// Lint: L0301. A factor written as an expression counts as possible evidence for.
struct UnconcludedDiagnosis: LintRule {
  let code = DiagnosticCode.diagnosisNeverConcluded

  func findings(in context: LintContext) -> [Diagnostic] {
    var suspected: Set<String> = []
    var supported: Set<String> = []
    for linted in context.rules {
      for suspicion in linted.rule.suspicions {
        suspected.insert(suspicion.diagnosis)
        if (suspicion.factor ?? 1) > 0 { supported.insert(suspicion.diagnosis) }
      }
    }
    return context.diagnosisDeclarations.compactMap { declaration in
      let id = declaration.name.text
      guard !supported.contains(id) else { return nil }
      let message =
        suspected.contains(id)
        ? "rules only give evidence against diagnosis '\(id)'; it can never be found"
        : "no rule concludes diagnosis '\(id)'"
      return .warning(
        code, message, at: declaration.name.span, label: "never concluded",
        help: "write a rule with 'suspect \(id) 0.6 \"…\"', or remove the diagnosis")
    }
  }
}
