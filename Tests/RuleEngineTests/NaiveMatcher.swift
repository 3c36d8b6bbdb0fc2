import RuleEngine

/// A brute-force reference matcher: finds every match of every rule by trying every
/// combination of facts. Slow and obviously right; the Rete network must agree with it.
struct NaiveMatcher {
  let rules: [Rule]

  typealias Bindings = [String: Value]

  /// Every complete match, as "rule|f-1,f-2" keys with multiplicities.
  func activations(facts: [Fact]) -> [String: Int] {
    var result: [String: Int] = [:]
    for rule in rules {
      for conditions in expand(rule.conditions) {
        for (_, matched) in match(conditions, [:], [], facts) {
          result["\(rule.name)|\(matched.map(\.description).joined(separator: ","))", default: 0] += 1
        }
      }
    }
    return result
  }

  func expand(_ conditions: [Condition]) -> [[Condition]] {
    var results: [[Condition]] = [[]]
    for condition in conditions {
      if case .either(let alternatives, _) = condition {
        results = results.flatMap { prefix in alternatives.flatMap { expand($0).map { prefix + $0 } } }
      } else {
        results = results.map { $0 + [condition] }
      }
    }
    return results
  }

  func match(_ conditions: [Condition], _ bindings: Bindings, _ matched: [FactID], _ facts: [Fact])
    -> [(Bindings, [FactID])]
  {
    guard let first = conditions.first else { return [(bindings, matched)] }
    let rest = Array(conditions.dropFirst())
    switch first {
    case .pattern(let pattern):
      return facts.flatMap { fact -> [(Bindings, [FactID])] in
        guard let extended = self.match(pattern, fact, bindings) else { return [] }
        return match(rest, extended, matched + [fact.id], facts)
      }
    case .not(let group, _):
      return match(group, bindings, [], facts).isEmpty ? match(rest, bindings, matched, facts) : []
    case .exists(let group, _):
      return match(group, bindings, [], facts).isEmpty ? [] : match(rest, bindings, matched, facts)
    case .count(let count):
      let found = facts.compactMap { self.match(count.pattern, $0, bindings) }
      let total =
        count.distinct.isEmpty
        ? found.count : Set(found.map { found in count.distinct.map { found[$0] } }).count
      var extended = bindings
      extended[count.result] = .number(Double(total))
      if let filter = count.filter, evaluate(filter, extended) != .boolean(true) { return [] }
      return match(rest, extended, matched, facts)
    case .test(let expression, _):
      return evaluate(expression, bindings) == .boolean(true) ? match(rest, bindings, matched, facts) : []
    case .either:
      return []
    }
  }

  func match(_ pattern: Pattern, _ fact: Fact, _ bindings: Bindings) -> Bindings? {
    guard fact.template == pattern.template else { return nil }
    var extended = bindings
    for constraint in pattern.constraints {
      guard let value = fact.value(constraint.slot), satisfy(constraint.constraint, value, &extended) else {
        return nil
      }
    }
    if let variable = pattern.factVariable { extended[variable] = .number(Double(fact.id.rawValue)) }
    if let filter = pattern.filter, evaluate(filter, extended) != .boolean(true) { return nil }
    return extended
  }

  private func satisfy(_ constraint: Constraint, _ value: Value, _ bindings: inout Bindings) -> Bool {
    switch constraint {
    case .compare(.equal, .variable(let name)) where bindings[name] == nil:
      if name != "_" { bindings[name] = value }
      return true
    case .compare(let comparison, let operand):
      guard let other = evaluate(operand, bindings) else { return false }
      return compare(value, comparison, other)
    case .anyOf(let parts):
      return parts.contains { part in
        var scratch = bindings
        return satisfy(part, value, &scratch)
      }
    case .allOf(let parts):
      for part in parts where !satisfy(part, value, &bindings) { return false }
      return true
    }
  }

  private func compare(_ a: Value, _ comparison: Comparison, _ b: Value) -> Bool {
    switch comparison {
    case .equal: return a == b
    case .notEqual: return a != b
    default:
      guard case .number(let x) = a, case .number(let y) = b else { return false }
      switch comparison {
      case .less: return x < y
      case .lessOrEqual: return x <= y
      case .greater: return x > y
      default: return x >= y
      }
    }
  }

  func evaluate(_ expression: Expression, _ bindings: Bindings) -> Value? {
    switch expression {
    case .constant(let value): return value
    case .variable(let name): return bindings[name]
    case .negate(let operand):
      guard case .number(let x)? = evaluate(operand, bindings) else { return nil }
      return .number(-x)
    case .not(let operand):
      guard case .boolean(let flag)? = evaluate(operand, bindings) else { return nil }
      return .boolean(!flag)
    case .binary(let operation, let left, let right):
      guard let a = evaluate(left, bindings), let b = evaluate(right, bindings) else { return nil }
      switch operation {
      case .and, .or:
        guard case .boolean(let x) = a, case .boolean(let y) = b else { return nil }
        return .boolean(operation == .and ? x && y : x || y)
      case .equal: return .boolean(a == b)
      case .notEqual: return .boolean(a != b)
      case .less, .lessOrEqual, .greater, .greaterOrEqual:
        let comparison = Comparison(rawValue: operation.rawValue) ?? .equal
        guard case .number = a, case .number = b else { return nil }
        return .boolean(compare(a, comparison, b))
      case .add, .subtract, .multiply:
        guard case .number(let x) = a, case .number(let y) = b else { return nil }
        return .number(operation == .add ? x + y : operation == .subtract ? x - y : x * y)
      default: return nil
      }
    default: return nil
    }
  }
}
