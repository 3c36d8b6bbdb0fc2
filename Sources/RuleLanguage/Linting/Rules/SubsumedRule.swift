import RuleEngine

/// A rule whose conditions include another rule's (it fires only when that one fires too)
/// and that suspects a diagnosis in the same direction.
///
/// Lint: L0201. With MYCIN's combination both rules fire and both contributions count, so
/// the evidence the two share is counted twice: the narrower rule's factor is not its own
/// weight but an increment on the broader one's (0.6 and 0.15 combine to 0.66). When that is
/// meant (extra weight for a stronger case) say so with `# cxdx:allow L0201`; otherwise fold
/// the rules together. Evidence in the opposite direction (an exception) is not reported.
struct SubsumedRule: LintRule {
  let code = DiagnosticCode.subsumedRule

  func findings(in context: LintContext) -> [Diagnostic] {
    var reported: Set<Int> = []
    var findings: [Diagnostic] = []
    for overlap in context.overlaps where !reported.contains(overlap.specific) {
      let general = context.rules[overlap.general]
      let specific = context.rules[overlap.specific]
      guard let (diagnosis, x, y) = overlap.sharedConclusion(in: context.rules, sameDirection: true) else {
        continue
      }
      reported.insert(overlap.specific)
      let message =
        overlap.equivalent
        ? "rule '\(specific.name)' has the same conditions as '\(general.name)' and also suspects '\(diagnosis)'"
        : "rule '\(specific.name)' fires only when '\(general.name)' fires, and both suspect '\(diagnosis)'"
      let combined = CertaintyFactor.combine(x, y)
      findings.append(
        Diagnostic.warning(
          code, message, at: specific.nameSpan, label: "subsumed",
          help: "if the narrower case deserves extra weight, keep it and say why in a '# cxdx:allow L0201' "
            + "comment above the rule; otherwise fold the two rules into one",
          notes: [
            "both contributions count: \(signedFactor(x)) and \(signedFactor(y)) combine to "
              + "\(signedFactor(combined)), so the evidence they share is counted twice"
          ]
        ).with(secondary: DiagnosticLabel(general.nameSpan, "'\(general.name)' is declared")))
    }
    return findings
  }
}
