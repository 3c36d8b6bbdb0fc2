import RuleEngine

/// The symbols written in a rule's expressions: `where` and `test` conditions, and the
/// expressions of actions (not the values `assert`, `derive` and `modify` write to slots). Recursion follows the syntax tree, whose
/// nesting the parser bounds.
enum SymbolsInExpressions {
  static func symbols(in rule: RuleDeclSyntax) -> [String] {
    rule.conditions.flatMap(symbols(in:)) + rule.actions.flatMap(symbols(in:))
  }

  private static func symbols(in condition: ConditionSyntax) -> [String] {
    switch condition {
    case .pattern(let pattern): symbols(in: pattern)
    case .not(let group, _), .exists(let group, _): group.flatMap(symbols(in:))
    case .either(let alternatives, _): alternatives.joined().flatMap(symbols(in:))
    case .count(let count): symbols(in: count.pattern) + symbols(in: count.filter)
    case .test(let expression, _): symbols(in: expression)
    }
  }

  private static func symbols(in pattern: PatternSyntax) -> [String] {
    symbols(in: pattern.filter)
  }

  private static func symbols(in action: ActionSyntax) -> [String] {
    switch action {
    case .assert, .derive, .retract, .modify, .halt: []
    case .suspect(let suspect): symbols(in: suspect.certainty)
    case .print(let arguments, _, _): arguments.flatMap { symbols(in: $0) }
    case .bind(_, let value, _): symbols(in: value)
    case .conditional(let conditional):
      conditional.branches.flatMap { symbols(in: $0.test) + $0.actions.flatMap(symbols(in:)) }
        + (conditional.otherwise ?? []).flatMap(symbols(in:))
    }
  }

  private static func symbols(in expression: ExpressionSyntax?) -> [String] {
    guard let expression else { return [] }
    switch expression {
    case .literal(let literal):
      if case .symbol(let name) = literal.value { return [name] }
      return []
    case .string, .variable: return []
    case .unary(_, let operand, _): return symbols(in: operand)
    case .binary(_, let left, let right, _): return symbols(in: left) + symbols(in: right)
    case .call(_, let arguments, _): return arguments.flatMap { symbols(in: $0) }
    }
  }
}
