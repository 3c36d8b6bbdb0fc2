import RuleEngine

/// What a slot constraint demands of a value, in a form the linter can compare and
/// intersect: the variables it binds or joins, the literal values allowed or excluded, numeric
/// bounds, and anything else (a comparison with an expression) kept as written.
struct SlotRequirement: Hashable {
  /// A numeric bound.
  struct Bound: Hashable {
    let value: Double
    let inclusive: Bool
  }

  /// `= ?v` parts, in order (`?_` left out).
  var variables: [String] = []
  /// nil: any value; otherwise the values allowed (`= a`, `a | b`).
  var allowed: Set<Value>?
  var excluded: Set<Value> = []
  var lower: Bound?
  var upper: Bound?
  /// Parts the linter does not interpret; they only ever make the requirement stricter.
  var opaque: [Constraint] = []

  init() {}

  init(_ constraint: Constraint) {
    add(constraint)
  }

  /// Whether the requirement tests the value (rather than only binding or joining it).
  var testsValue: Bool {
    allowed != nil || !excluded.isEmpty || lower != nil || upper != nil || !opaque.isEmpty
  }

  private mutating func add(_ constraint: Constraint) {
    switch constraint {
    case .allOf(let parts):
      for part in parts { add(part) }
    case .compare(.equal, .variable(let name)):
      if name != "_" { variables.append(name) }
    case .compare(.equal, .constant(let value)):
      restrict(to: [value])
    case .compare(.notEqual, .constant(let value)):
      excluded.insert(value)
    case .compare(let comparison, .constant(.number(let number))):
      bound(comparison, number)
    case .anyOf(let parts):
      var values: Set<Value> = []
      for part in parts {
        guard case .compare(.equal, .constant(let value)) = part else {
          opaque.append(constraint)
          return
        }
        values.insert(value)
      }
      restrict(to: values)
    default:
      opaque.append(constraint)
    }
  }

  mutating func restrict(to values: Set<Value>) {
    allowed = allowed.map { $0.intersection(values) } ?? values
  }

  /// Adds `value comparison number` (`?y >= 2`).
  mutating func bound(_ comparison: Comparison, _ number: Double) {
    switch comparison {
    case .less, .lessOrEqual:
      let bound = Bound(value: number, inclusive: comparison == .lessOrEqual)
      if let upper, upper.value < number || (upper.value == number && !upper.inclusive) { return }
      upper = bound
    case .greater, .greaterOrEqual:
      let bound = Bound(value: number, inclusive: comparison == .greaterOrEqual)
      if let lower, lower.value > number || (lower.value == number && !lower.inclusive) { return }
      lower = bound
    case .equal: restrict(to: [.number(number)])
    case .notEqual: excluded.insert(.number(number))
    }
  }

  /// Both requirements at once: what a value joined on two slots, or tested twice, must meet.
  func merged(with other: SlotRequirement) -> SlotRequirement {
    var result = self
    result.variables += other.variables
    if let values = other.allowed { result.restrict(to: values) }
    result.excluded.formUnion(other.excluded)
    if let lower = other.lower { result.bound(lower.inclusive ? .greaterOrEqual : .greater, lower.value) }
    if let upper = other.upper { result.bound(upper.inclusive ? .lessOrEqual : .less, upper.value) }
    result.opaque += other.opaque
    return result
  }

  /// Whether a literal value meets every interpreted part.
  func accepts(_ value: Value) -> Bool {
    if let allowed, !allowed.contains(value) { return false }
    if excluded.contains(value) { return false }
    guard lower != nil || upper != nil else { return true }
    guard case .number(let number) = value else { return false }
    if let lower, number < lower.value || (number == lower.value && !lower.inclusive) { return false }
    if let upper, number > upper.value || (number == upper.value && !upper.inclusive) { return false }
    return true
  }

  /// False when no value can meet the interpreted parts: an empty set of allowed values, or
  /// bounds that leave no number.
  var isSatisfiable: Bool {
    if let allowed { return allowed.contains(where: accepts) }
    guard let lower, let upper else { return true }
    if lower.value < upper.value { return true }
    return lower.value == upper.value && lower.inclusive && upper.inclusive
      && !excluded.contains(.number(lower.value))
  }

  /// Whether every value this requirement accepts, the other accepts too (ignoring variables
  /// and opaque parts, which the caller compares).
  func narrows(_ other: SlotRequirement) -> Bool {
    if let values = allowed {
      // A finite set: check each value the set lets through.
      return values.filter(accepts).allSatisfy(other.accepts)
    }
    if other.allowed != nil { return false }
    for value in other.excluded where !excluded.contains(value) {
      // Excluded here too when the bounds leave it out.
      if case .number(let number) = value, !within(number) { continue }
      return false
    }
    if let bound = other.lower {
      guard let lower,
        lower.value > bound.value || (lower.value == bound.value && (bound.inclusive || !lower.inclusive))
      else { return false }
    }
    if let bound = other.upper {
      guard let upper,
        upper.value < bound.value || (upper.value == bound.value && (bound.inclusive || !upper.inclusive))
      else { return false }
    }
    return true
  }

  /// Whether a number lies within the bounds, so that a bound excludes it when it does not.
  private func within(_ number: Double) -> Bool {
    if let lower, number < lower.value || (number == lower.value && !lower.inclusive) { return false }
    if let upper, number > upper.value || (number == upper.value && !upper.inclusive) { return false }
    return true
  }
}
