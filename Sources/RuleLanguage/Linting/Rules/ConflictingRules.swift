import RuleEngine

/// Two rules with the same conditions (up to order and variable names) that suspect one
/// diagnosis in opposite directions: they always fire together and cancel out, in part.
///
/// Lint: L0202. Usually one of them misses the condition that tells the cases apart.
struct ConflictingRules: LintRule {
  let code = DiagnosticCode.conflictingRules

  func findings(in context: LintContext) -> [Diagnostic] {
    var findings: [Diagnostic] = []
    for overlap in context.overlaps where overlap.equivalent {
      let first = context.rules[overlap.general]
      let second = context.rules[overlap.specific]
      guard let (diagnosis, x, y) = overlap.sharedConclusion(in: context.rules, sameDirection: false) else {
        continue
      }
      findings.append(
        Diagnostic.warning(
          code,
          "rules '\(first.name)' and '\(second.name)' have the same conditions but opposite conclusions about '\(diagnosis)'",
          at: second.nameSpan, label: "contradicts '\(first.name)'",
          help: "add the condition that tells the two situations apart to one of them, or remove one",
          notes: [
            "they always fire together: \(signedFactor(x)) and \(signedFactor(y)) combine to \(signedFactor(CertaintyFactor.combine(x, y)))"
          ]
        ).with(secondary: DiagnosticLabel(first.nameSpan, "'\(first.name)' is declared")))
    }
    return findings
  }
}
