import RuleEngine

/// A variable first written inside a `not`, `exists` or `count` and bound again by a later
/// condition. Conditions are matched in order, so the group does not join on the later
/// binding: its variable is a new one, matching anything. Legal, and almost never meant.
///
/// Lint: L0403. The "used but never bound" of a condition group; a variable read before any
/// binding at all is already an error (E0309).
struct VariableBoundTooLate: LintRule {
  let code = DiagnosticCode.variableBoundTooLate

  func findings(in context: LintContext) -> [Diagnostic] {
    var findings: [Diagnostic] = []
    for linted in context.rules {
      let conditions = linted.syntax.conditions
      let bindsOutside = conditions.map(Self.bindingsOutside)
      var boundBefore: Set<String> = []
      for (index, condition) in conditions.enumerated() {
        defer { boundBefore.formUnion(bindsOutside[index].map(\.name)) }
        guard let keyword = Self.groupKeyword(condition) else { continue }
        var later: [String: VariableSyntax] = [:]
        for bindings in bindsOutside[(index + 1)...] {
          for variable in bindings where later[variable.name] == nil { later[variable.name] = variable }
        }
        var reported: Set<String> = []
        for occurrence in Self.groupOccurrences(condition) {
          let name = occurrence.variable.name
          guard !occurrence.variable.isWildcard, !boundBefore.contains(name), let binding = later[name],
            reported.insert(name).inserted
          else { continue }
          findings.append(
            Diagnostic.warning(
              code, "'?\(name)' in this '\(keyword)' is not the '?\(name)' bound later",
              at: occurrence.variable.span, label: "a new variable, matching anything",
              help: "move the '\(keyword)' after the condition that binds '?\(name)', so that it joins on it"
            ).with(secondary: DiagnosticLabel(binding.span, "'?\(name)' is bound")))
        }
      }
    }
    return findings
  }

  private static func groupKeyword(_ condition: ConditionSyntax) -> String? {
    switch condition {
    case .not: "not"
    case .exists: "exists"
    case .count: "count"
    default: nil
    }
  }

  /// The variables a group matches on (a count's result is bound outside it).
  private static func groupOccurrences(_ condition: ConditionSyntax) -> [VariableOccurrence] {
    if case .count(let count) = condition { return VariableOccurrences.inPattern(count.pattern) }
    return VariableOccurrences.inCondition(condition)
  }

  /// The variables a top-level condition makes visible to the conditions after it.
  private static func bindingsOutside(_ condition: ConditionSyntax) -> [VariableSyntax] {
    switch condition {
    case .pattern, .either:
      VariableOccurrences.inCondition(condition).filter { $0.role != .use }.map(\.variable)
    case .count(let count): [count.result]
    case .not, .exists, .test: []
    }
  }
}
