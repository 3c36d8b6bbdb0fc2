import RuleEngine

/// One place a variable is written in a rule, and what that place does with it.
struct VariableOccurrence {
  enum Role {
    /// In a slot of a pattern: binds at the first occurrence, joins after.
    case slot
    /// `?f <- pattern`
    case factBinding
    /// `count … as ?n`
    case countResult
    /// `let ?x = …`
    case letBinding
    /// Read by a test, an expression or an action.
    case use
  }

  let variable: VariableSyntax
  let role: Role
}

/// Lists the variables written in a rule's syntax, in source order. Recursion follows the
/// syntax tree, whose nesting the parser bounds (`Parser.maximumNesting`).
enum VariableOccurrences {
  static func inRule(_ rule: RuleDeclSyntax) -> [VariableOccurrence] {
    inConditions(rule.conditions) + inActions(rule.actions)
  }

  static func inConditions(_ conditions: [ConditionSyntax]) -> [VariableOccurrence] {
    conditions.flatMap(inCondition)
  }

  static func inCondition(_ condition: ConditionSyntax) -> [VariableOccurrence] {
    switch condition {
    case .pattern(let pattern): inPattern(pattern)
    case .not(let group, _), .exists(let group, _): inConditions(group)
    case .either(let alternatives, _): alternatives.flatMap(inConditions)
    case .count(let count):
      inPattern(count.pattern) + count.distinct.map { VariableOccurrence(variable: $0, role: .use) }
        + [VariableOccurrence(variable: count.result, role: .countResult)] + uses(count.filter)
    case .test(let expression, _): uses(expression)
    }
  }

  static func inPattern(_ pattern: PatternSyntax) -> [VariableOccurrence] {
    var result: [VariableOccurrence] = []
    if let binding = pattern.binding {
      result.append(VariableOccurrence(variable: binding, role: .factBinding))
    }
    for argument in pattern.arguments { result += inConstraint(argument.constraint) }
    return result + uses(pattern.filter)
  }

  private static func inConstraint(_ constraint: ConstraintSyntax) -> [VariableOccurrence] {
    switch constraint {
    case .allOf(let parts, _), .anyOf(let parts, _): parts.flatMap(inConstraint)
    case .term(.equal, .variable(let variable), _): [VariableOccurrence(variable: variable, role: .slot)]
    case .term(_, let expression, _): uses(expression)
    }
  }

  static func inActions(_ actions: [ActionSyntax]) -> [VariableOccurrence] {
    actions.flatMap(inAction)
  }

  private static func inAction(_ action: ActionSyntax) -> [VariableOccurrence] {
    switch action {
    case .assert(let fact), .derive(let fact): fact.values.flatMap { uses($0.value) }
    case .retract(let variables, _): variables.map { VariableOccurrence(variable: $0, role: .use) }
    case .modify(let variable, let values, _):
      [VariableOccurrence(variable: variable, role: .use)] + values.flatMap { uses($0.value) }
    case .suspect(let suspect): uses(suspect.certainty) + uses(suspect.because.map(ExpressionSyntax.string))
    case .print(let arguments, _, _): arguments.flatMap { uses($0) }
    case .bind(let variable, let value, _):
      uses(value) + [VariableOccurrence(variable: variable, role: .letBinding)]
    case .conditional(let conditional):
      conditional.branches.flatMap { uses($0.test) + inActions($0.actions) }
        + inActions(conditional.otherwise ?? [])
    case .halt: []
    }
  }

  private static func uses(_ expression: ExpressionSyntax?) -> [VariableOccurrence] {
    (expression?.variables ?? []).map { VariableOccurrence(variable: $0, role: .use) }
  }
}
