import RuleEngine

/// Constraints no value can meet together, so the rule can never fire: one slot required to
/// be two different values (`trend: flat & rising`) or to lie in an empty range
/// (`years: > 5 & < 3`), or one variable given contradictory tests across patterns and
/// `test`s (`years: ?y & >= 5` and `test ?y < 3`).
///
/// Lint: L0102. Only patterns a match needs (top level, `exists`, `either` alternatives) are
/// examined; tests are read when they compare a variable with a number or a value (`?y < 3`,
/// `?t != flat`), alone or joined by `and`.
struct ContradictoryConstraints: LintRule {
  let code = DiagnosticCode.contradictoryConstraints

  func findings(in context: LintContext) -> [Diagnostic] {
    context.rules.flatMap { contradictions(in: $0) }
  }

  func contradictions(in linted: LintedRule) -> [Diagnostic] {
    var findings: [Diagnostic] = []
    for pattern in linted.rule.positivePatterns {
      for constraint in pattern.constraints where !SlotRequirement(constraint.constraint).isSatisfiable {
        findings.append(
          .warning(
            code, "no value of \(pattern.template).\(constraint.slot) meets these constraints together",
            at: constraint.span, label: "contradictory",
            help: "the rule '\(linted.name)' can never fire; "
              + "use '|' for alternatives, or correct the bound",
            notes: []))
      }
    }
    guard findings.isEmpty else { return findings }
    return variableContradictions(in: linted)
  }

  /// What the top-level conditions require of each variable, in order; reports the place
  /// where a variable's requirements first become impossible.
  private func variableContradictions(in linted: LintedRule) -> [Diagnostic] {
    var requirements: [String: SlotRequirement] = [:]
    var firstSpans: [String: SourceSpan] = [:]
    var findings: [Diagnostic] = []
    func add(_ name: String, _ requirement: SlotRequirement, at span: SourceSpan) {
      guard name != "_" else { return }
      let before = requirements[name] ?? SlotRequirement()
      let after = before.merged(with: requirement)
      requirements[name] = after
      guard let first = firstSpans[name] else {
        firstSpans[name] = span
        return
      }
      if before.isSatisfiable, !after.isSatisfiable {
        findings.append(
          Diagnostic.warning(
            code, "no value of '?\(name)' meets all the constraints on it", at: span,
            label: "contradicts an earlier constraint",
            help: "the rule '\(linted.name)' can never fire; correct one of the constraints"
          ).with(secondary: DiagnosticLabel(first, "'?\(name)' is first constrained")))
      }
    }
    for condition in linted.rule.conditions {
      switch condition {
      case .pattern(let pattern):
        for constraint in pattern.constraints {
          var requirement = SlotRequirement(constraint.constraint)
          let variables = requirement.variables
          requirement.variables = []
          requirement.opaque = []
          for variable in variables { add(variable, requirement, at: constraint.span) }
        }
        if let filter = pattern.filter { addTests(filter, at: pattern.span, add) }
      case .test(let expression, let span):
        addTests(expression, at: span, add)
      case .count(let count):
        if let filter = count.filter { addTests(filter, at: count.span, add) }
      default:
        break
      }
    }
    return findings
  }

  /// Reads `?v op constant` comparisons joined by `and`.
  private func addTests(
    _ expression: Expression, at span: SourceSpan, _ add: (String, SlotRequirement, SourceSpan) -> Void
  ) {
    var stack = [expression]
    while let next = stack.popLast() {
      guard case .binary(let operation, let left, let right) = next else { continue }
      if operation == .and {
        stack += [right, left]
        continue
      }
      guard let comparison = Comparison(rawValue: operation.rawValue) else { continue }
      var requirement = SlotRequirement()
      switch (left, right) {
      case (.variable(let name), .constant(let value)):
        requirement.apply(comparison, value)
        add(name, requirement, span)
      case (.constant(let value), .variable(let name)):
        requirement.apply(comparison.reversed, value)
        add(name, requirement, span)
      default:
        continue
      }
    }
  }
}

extension SlotRequirement {
  /// Adds `value comparison constant`.
  fileprivate mutating func apply(_ comparison: Comparison, _ value: Value) {
    switch (comparison, value) {
    case (_, .number(let number)): bound(comparison, number)
    case (.equal, _): restrict(to: [value])
    case (.notEqual, _): excluded.insert(value)
    default: break
    }
  }
}

extension Comparison {
  /// The comparison with its operands swapped: `3 < ?y` is `?y > 3`.
  fileprivate var reversed: Comparison {
    switch self {
    case .less: .greater
    case .lessOrEqual: .greaterOrEqual
    case .greater: .less
    case .greaterOrEqual: .lessOrEqual
    case .equal, .notEqual: self
    }
  }
}
