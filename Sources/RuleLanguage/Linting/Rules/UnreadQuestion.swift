import RuleEngine

/// An `ask template.slot` question for a slot no rule's pattern reads: a consultation would
/// never ask it, and an answer would change nothing.
///
/// Lint: L0302. Patterns inside `not`, `exists`, `count` and `either` count as reading. A
/// question on a `name` slot counts as read when some rule reads the template at all: the
/// consultation asks it to introduce a fact of that kind (docs/consult.md).
struct UnreadQuestion: LintRule {
  let code = DiagnosticCode.questionNeverRead

  func findings(in context: LintContext) -> [Diagnostic] {
    var read: Set<String> = []
    for linted in context.rules {
      for pattern in linted.rule.allPatterns {
        read.insert("\(pattern.template).name")
        for constraint in pattern.constraints { read.insert("\(pattern.template).\(constraint.slot)") }
      }
    }
    return context.askDeclarations.compactMap { ask in
      let key = "\(ask.template.text).\(ask.slot.text)"
      guard !read.contains(key) else { return nil }
      return .warning(
        code, "no rule reads \(key), so the question is never asked",
        at: ask.template.span.union(ask.slot.span),
        label: "never read",
        help: "write a rule that tests \(key), or remove the question")
    }
  }
}
