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
        for slot in template.slots {
          if let value = slot.defaultValue { add(value) }
        }
      case .diagnosis(let diagnosis):
        for property in diagnosis.properties { add(property) }
      case .ask: break
      case .rule(let rule):
        for property in rule.properties { add(property) }
        for condition in rule.conditions { add(condition) }
        for action in rule.actions { add(action) }
      }
    }
  }

  mutating func add(_ file: FactFileSyntax) {
    for fact in file.facts {
      for value in fact.values { add(value.value) }
      if let certainty = fact.certainty { add(certainty) }
    }
    for expectation in file.expectations {
      if let (_, value) = expectation.bound { add(value) }
    }
  }

  private mutating func add(_ literal: LiteralSyntax) {
    if case .number = literal.value, literal.span.start < bytes.count,
      bytes[literal.span.start] == UInt8(ascii: "-")
    {
      offsets.insert(literal.span.start)
    }
  }

  private mutating func add(_ property: PropertySyntax) {
    if case .number(let literal) = property.value { add(literal) }
  }

  private mutating func add(_ condition: ConditionSyntax) {
    switch condition {
    case .pattern(let pattern): add(pattern)
    case .not(let inner, _), .exists(let inner, _):
      for condition in inner { add(condition) }
    case .either(let alternatives, _):
      for condition in alternatives.joined() { add(condition) }
    case .count(let count):
      add(count.pattern)
      if let filter = count.filter { add(filter) }
    case .test(let expression, _): add(expression)
    }
  }

  private mutating func add(_ pattern: PatternSyntax) {
    for argument in pattern.arguments { add(argument.constraint) }
    if let filter = pattern.filter { add(filter) }
  }

  private mutating func add(_ constraint: ConstraintSyntax) {
    switch constraint {
    case .term(_, let expression, _): add(expression)
    case .anyOf(let parts, _), .allOf(let parts, _):
      for part in parts { add(part) }
    }
  }

  private mutating func add(_ action: ActionSyntax) {
    switch action {
    case .assert(let fact), .derive(let fact):
      for value in fact.values { add(value.value) }
    case .retract, .halt: break
    case .modify(_, let values, _):
      for value in values { add(value.value) }
    case .suspect(let suspect): add(suspect.certainty)
    case .print(let expressions, _, _):
      for expression in expressions { add(expression) }
    case .bind(_, let expression, _): add(expression)
    case .conditional(let conditional):
      for branch in conditional.branches {
        add(branch.test)
        for action in branch.actions { add(action) }
      }
      for action in conditional.otherwise ?? [] { add(action) }
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
    case .call(_, let arguments, _):
      for argument in arguments { add(argument) }
    }
  }
}
