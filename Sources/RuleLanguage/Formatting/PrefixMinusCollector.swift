import RuleEngine

/// Finds every `-` the parser read as a prefix (a negative number, a negation), so that the
/// printer writes `-3` and `?a - 3` and never confuses the two.
///
/// The walk recurses as deeply as the tree, which the parser bounds (``Parser/maximumNesting``
/// and ``Parser/maximumOperators``).
struct PrefixMinusCollector {
  private(set) var offsets: Set<Int> = []
  private let bytes: [UInt8]

  init(file: SourceFile) { self.bytes = file.bytes }

  mutating func add(_ file: RuleFileSyntax) {
    for declaration in file.declarations {
      switch declaration {
      case .template(let template):
        for slot in template.slots { slot.defaultValue.map { add($0) } }
      case .diagnosis(let diagnosis): diagnosis.properties.forEach { add($0) }
      case .ask: break
      case .rule(let rule):
        rule.properties.forEach { add($0) }
        rule.conditions.forEach { add($0) }
        rule.actions.forEach { add($0) }
      }
    }
  }

  mutating func add(_ file: FactFileSyntax) {
    for fact in file.facts {
      fact.values.forEach { add($0.value) }
      fact.certainty.map { add($0) }
    }
    for expectation in file.expectations { expectation.bound.map { add($0.1) } }
  }

  private mutating func add(_ literal: LiteralSyntax) {
    if case .number = literal.value, literal.span.start < bytes.count, bytes[literal.span.start] == UInt8(ascii: "-") {
      offsets.insert(literal.span.start)
    }
  }

  private mutating func add(_ property: PropertySyntax) {
    if case .number(let literal) = property.value { add(literal) }
  }

  private mutating func add(_ condition: ConditionSyntax) {
    switch condition {
    case .pattern(let pattern): add(pattern)
    case .not(let inner, _), .exists(let inner, _): inner.forEach { add($0) }
    case .either(let alternatives, _): alternatives.joined().forEach { add($0) }
    case .count(let count):
      add(count.pattern)
      count.filter.map { add($0) }
    case .test(let expression, _): add(expression)
    }
  }

  private mutating func add(_ pattern: PatternSyntax) {
    pattern.arguments.forEach { add($0.constraint) }
    pattern.filter.map { add($0) }
  }

  private mutating func add(_ constraint: ConstraintSyntax) {
    switch constraint {
    case .term(_, let expression, _): add(expression)
    case .anyOf(let parts, _), .allOf(let parts, _): parts.forEach { add($0) }
    }
  }

  private mutating func add(_ action: ActionSyntax) {
    switch action {
    case .assert(let fact), .derive(let fact): fact.values.forEach { add($0.value) }
    case .retract, .halt: break
    case .modify(_, let values, _): values.forEach { add($0.value) }
    case .suspect(let suspect): add(suspect.certainty)
    case .print(let expressions, _, _): expressions.forEach { add($0) }
    case .bind(_, let expression, _): add(expression)
    case .conditional(let conditional):
      for branch in conditional.branches {
        add(branch.test)
        branch.actions.forEach { add($0) }
      }
      conditional.otherwise?.forEach { add($0) }
    }
  }

  private mutating func add(_ expression: ExpressionSyntax) {
    switch expression {
    case .literal(let literal): add(literal)
    case .string, .variable: break
    case .unary(let op, let operand, let span):
      if op == .negate { offsets.insert(span.start) }
      add(operand)
    case .binary(_, let left, let right, _):
      add(left)
      add(right)
    case .call(_, let arguments, _): arguments.forEach { add($0) }
    }
  }
}
