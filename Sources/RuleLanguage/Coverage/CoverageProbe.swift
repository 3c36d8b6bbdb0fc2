import RuleEngine

/// A rule with one of its top-level conditions taken out, added to a knowledge base beside
/// the real rules so that the engine itself says whether everything else matched: the probe
/// for "was this condition the deciding one?" (``RuleCoverage``).
///
/// Taking a condition out also takes out the later conditions that use a variable only it
/// binds (a `not group(name: ?who, …)` after the pattern that binds `?who`), since they mean
/// nothing without it. A probe has no actions, so running it changes nothing: the real
/// rules fire exactly as without probes.
struct CoverageProbe: Sendable {
  /// The probed rule's position in the knowledge base, and the condition taken out.
  let rule: Int
  let condition: Int
  /// The probe's name in the probing knowledge base; nil when nothing is left to match, so
  /// the condition decides whenever the rule does not fire.
  let name: String?

  /// The probes for every top-level condition of every rule.
  static func probes(for rules: [Rule]) -> (probes: [CoverageProbe], rules: [Rule]) {
    var probes: [CoverageProbe] = []
    var probeRules: [Rule] = []
    for (ruleIndex, rule) in rules.enumerated() {
      for conditionIndex in rule.conditions.indices {
        let remaining = without(conditionIndex, in: rule.conditions)
        guard !remaining.isEmpty else {
          probes.append(CoverageProbe(rule: ruleIndex, condition: conditionIndex, name: nil))
          continue
        }
        // '#' starts a comment in rule files, so no real rule can have this name.
        let name = "\(rule.name)#without-\(conditionIndex + 1)"
        probes.append(CoverageProbe(rule: ruleIndex, condition: conditionIndex, name: name))
        probeRules.append(Rule(name: name, conditions: remaining, actions: [], span: rule.span))
      }
    }
    return (probes, probeRules)
  }

  /// The conditions without the one at `index` and those that read a variable only it binds.
  static func without(_ index: Int, in conditions: [Condition]) -> [Condition] {
    var boundBefore: Set<String> = []
    for condition in conditions[..<index] { boundBefore.formUnion(bindings(of: condition)) }
    var removed = bindings(of: conditions[index]).subtracting(boundBefore)
    var remaining = Array(conditions[..<index])
    for condition in conditions[(index + 1)...] {
      if !reads(condition).isDisjoint(with: removed) {
        removed.formUnion(bindings(of: condition))
        continue
      }
      remaining.append(condition)
    }
    return remaining
  }

  /// The variables a top-level condition makes visible to those after it.
  static func bindings(of condition: Condition) -> Set<String> {
    switch condition {
    case .pattern(let pattern):
      var names = Set(pattern.constraints.flatMap { SlotRequirement($0.constraint).variables })
      if let variable = pattern.factVariable { names.insert(variable) }
      return names
    case .count(let count): return [count.result]
    case .either(let alternatives, _):
      return Set(alternatives.flatMap { $0.flatMap { bindings(of: $0) } })
    case .not, .exists, .test: return []
    }
  }

  /// Every variable a condition mentions.
  static func reads(_ condition: Condition) -> Set<String> {
    var names: Set<String> = []
    var stack = [condition]
    while let next = stack.popLast() {
      switch next {
      case .pattern(let pattern): names.formUnion(variables(in: pattern))
      case .not(let group, _), .exists(let group, _): stack += group
      case .either(let alternatives, _): stack += alternatives.flatMap { $0 }
      case .count(let count):
        names.formUnion(variables(in: count.pattern))
        names.formUnion(count.distinct)
        names.insert(count.result)
        names.formUnion(count.filter?.variables ?? [])
      case .test(let expression, _): names.formUnion(expression.variables)
      }
    }
    names.remove("_")
    return names
  }

  private static func variables(in pattern: Pattern) -> Set<String> {
    var names = Set(pattern.filter?.variables ?? [])
    if let variable = pattern.factVariable { names.insert(variable) }
    var constraints = pattern.constraints.map(\.constraint)
    while let next = constraints.popLast() {
      switch next {
      case .compare(_, let expression): names.formUnion(expression.variables)
      case .anyOf(let parts), .allOf(let parts): constraints += parts
      }
    }
    return names
  }
}
