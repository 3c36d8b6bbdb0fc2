import RuleEngine

/// A rule with no `source`, or an empty one.
///
/// Lint: L0401. Explanations cite each rule's article; a rule without one cannot be traced
/// back to what it encodes.
struct RuleWithoutSource: LintRule {
  let code = DiagnosticCode.ruleWithoutSource

  func findings(in context: LintContext) -> [Diagnostic] {
    context.rules.compactMap { linted in
      let source = linted.syntax.property("source")?.stringValue ?? ""
      guard source.allSatisfy(\.isWhitespace) else { return nil }
      return .warning(
        code, "rule '\(linted.name)' cites no source", at: linted.nameSpan, label: "no 'source'",
        help: "add the article it encodes: source \"000_3ab02d59b8e5a976.txt\"")
    }
  }
}
