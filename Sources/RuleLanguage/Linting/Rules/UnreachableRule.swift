import RuleEngine

/// A rule that needs a fact of a kind nothing can supply: no case states one, no `ask`
/// question asks about it, and no rule that can fire asserts or derives one. Follows chains:
/// a kind made only by rules that can never fire is not supplied either.
///
/// Lint: L0101. Judged from the cases checked with the rules; with no case file, a kind no
/// question asks about may still come from a case, and is not reported. Rules that can never
/// fire because of contradictory constraints are reported as L0102, and count here as rules
/// that make nothing.
struct UnreachableRule: LintRule {
  let code = DiagnosticCode.ruleNeverFires

  func findings(in context: LintContext) -> [Diagnostic] {
    let asked = Set(context.vocabulary.questions.map(\.template))
    let stated = Set(context.cases.flatMap { $0.facts.map(\.kind.text) })
    var makers: [String: [Int]] = [:]
    for (index, linted) in context.rules.enumerated() {
      for production in linted.rule.productions where !production.isModify {
        makers[production.kind, default: []].append(index)
      }
    }
    let contradictions = ContradictoryConstraints()
    var dead = Set(
      context.rules.indices.filter { !contradictions.contradictions(in: context.rules[$0]).isEmpty })
    var blocked: [Int: Pattern] = [:]
    func supplied(_ kind: String) -> Bool {
      if asked.contains(kind) || stated.contains(kind) { return true }
      if (makers[kind] ?? []).contains(where: { !dead.contains($0) }) { return true }
      // Without cases, a kind no rule makes may still be stated by one.
      return !context.hasCases && makers[kind] == nil
    }
    // A fixpoint: each pass can only add dead rules, so it ends within one pass per rule.
    var changed = true
    while changed {
      changed = false
      for index in context.rules.indices where !dead.contains(index) {
        if let pattern = Self.unsupplied(context.rules[index].rule.conditions, supplied) {
          dead.insert(index)
          blocked[index] = pattern
          changed = true
        }
      }
    }
    return blocked.keys.sorted().compactMap { index in
      guard let pattern = blocked[index] else { return nil }
      let linted = context.rules[index]
      let kind = pattern.template
      let livingMakers = (makers[kind] ?? []).map { context.rules[$0].name }
      let note =
        livingMakers.isEmpty
        ? "no case states a '\(kind)' fact, no 'ask' question asks about one, and no rule asserts or derives one"
        : "'\(kind)' facts are made only by \(livingMakers.map { "'\($0)'" }.joined(separator: ", ")), which can never fire"
      return .warning(
        code, "rule '\(linted.name)' can never fire: nothing supplies '\(kind)' facts", at: pattern.span,
        label: "never matched",
        help: "state '\(kind)' facts in a case, declare an 'ask' question for them, or remove the rule",
        notes: [note])
    }
  }

  /// The first pattern a match needs whose kind is not supplied, if any.
  private static func unsupplied(_ conditions: [Condition], _ supplied: (String) -> Bool) -> Pattern? {
    for condition in conditions {
      switch condition {
      case .pattern(let pattern) where !supplied(pattern.template):
        return pattern
      case .exists(let group, _):
        if let pattern = unsupplied(group, supplied) { return pattern }
      case .either(let alternatives, _):
        // Blocked only when every alternative is.
        let blocked = alternatives.map { unsupplied($0, supplied) }
        if let first = blocked.first, let pattern = first, blocked.allSatisfy({ $0 != nil }) {
          return pattern
        }
      default:
        continue
      }
    }
    return nil
  }
}
