import RuleEngine

/// A one-to-one renaming of one rule's variables into another's, built while comparing them.
struct VariableRenaming {
  private var forward: [String: String] = [:]
  private var taken: Set<String> = []

  /// Maps `general` to `specific`, or checks that it already is.
  mutating func unify(_ general: String, _ specific: String) -> Bool {
    if let mapped = forward[general] { return mapped == specific }
    guard !taken.contains(specific) else { return false }
    forward[general] = specific
    taken.insert(specific)
    return true
  }

  /// Maps `general` to `specific` even when another variable already maps there: in a
  /// positive pattern, two variables of the general rule may stand for one of the specific
  /// rule, which then demands more (equal values) than the general one.
  mutating func unifyAllowingShared(_ general: String, _ specific: String) -> Bool {
    if let mapped = forward[general] { return mapped == specific }
    forward[general] = specific
    taken.insert(specific)
    return true
  }
}

/// Decides, soundly but not completely, whether every match of one rule's conditions is a
/// match of another's: each condition of the general rule must be implied by a different
/// condition of the specific one, under one renaming of variables. A pattern implies another
/// on the same template when each slot the general one constrains is constrained at least as
/// strictly (`level: senior-management` implies `level: senior-management | headquarters`);
/// `not`, `exists`, `count`, `either` and tests must be equal up to renaming. When unsure it
/// answers no, so a finding built on it is never a guess.
enum ConditionImplication {
  /// Rules with more conditions are not compared (the search is exponential in the worst case).
  static let maximumConditions = 24
  /// Comparisons tried per pair of rules before giving up.
  static let maximumSteps = 20_000

  static func implies(_ specific: [Condition], _ general: [Condition]) -> Bool {
    guard specific.count <= maximumConditions, general.count <= specific.count else { return false }
    struct Frame {
      var renaming: VariableRenaming
      var used: Set<Int>
      var candidate: Int
    }
    // Depth-first over assignments of general conditions (in order) to specific ones, with an
    // explicit stack: no recursion, and a step budget.
    var frames = [Frame(renaming: VariableRenaming(), used: [], candidate: 0)]
    var steps = 0
    while let top = frames.last {
      let depth = frames.count - 1
      if depth == general.count { return true }
      var advanced = false
      var index = top.candidate
      while index < specific.count {
        steps += 1
        if steps > maximumSteps { return false }
        if !top.used.contains(index) {
          var renaming = top.renaming
          if implies(specific[index], general[depth], &renaming) {
            frames[depth].candidate = index + 1
            frames.append(Frame(renaming: renaming, used: top.used.union([index]), candidate: 0))
            advanced = true
            break
          }
        }
        index += 1
      }
      if !advanced { frames.removeLast() }
    }
    return false
  }

  private static func implies(_ specific: Condition, _ general: Condition, _ renaming: inout VariableRenaming)
    -> Bool
  {
    if case .pattern(let narrow) = specific, case .pattern(let wide) = general {
      return implies(narrow, wide, &renaming)
    }
    return equal(general, specific, &renaming)
  }

  private static func implies(_ specific: Pattern, _ general: Pattern, _ renaming: inout VariableRenaming)
    -> Bool
  {
    guard specific.template == general.template else { return false }
    if let filter = general.filter {
      guard let other = specific.filter, equal(filter, other, &renaming) else { return false }
    }
    let narrow = specific.requirements
    for (slot, wide) in general.requirements.sorted(by: { $0.key < $1.key }) {
      // A slot the general pattern constrains must be stated, so the specific one constrains it too.
      guard let strict = narrow[slot], strict.narrows(wide) else { return false }
      for variable in wide.variables {
        guard strict.variables.contains(where: { renaming.unifyAllowingShared(variable, $0) }) else {
          return false
        }
      }
      for part in wide.opaque {
        guard
          strict.opaque.contains(where: { candidate in
            var trial = renaming
            guard equal(part, candidate, &trial) else { return false }
            renaming = trial
            return true
          })
        else { return false }
      }
    }
    return true
  }

  // MARK: - Equality up to renaming (general first, specific second)

  private static func equal(_ general: Condition, _ specific: Condition, _ renaming: inout VariableRenaming)
    -> Bool
  {
    switch (general, specific) {
    case (.pattern(let a), .pattern(let b)): return equal(a, b, &renaming)
    case (.not(let a, _), .not(let b, _)), (.exists(let a, _), .exists(let b, _)):
      return equal(a, b, &renaming)
    case (.either(let a, _), .either(let b, _)):
      guard a.count == b.count else { return false }
      return zip(a, b).allSatisfy { equal($0, $1, &renaming) }
    case (.count(let a), .count(let b)):
      guard equal(a.pattern, b.pattern, &renaming), a.distinct.count == b.distinct.count,
        zip(a.distinct, b.distinct).allSatisfy({ renaming.unify($0, $1) }),
        renaming.unify(a.result, b.result)
      else { return false }
      return equal(a.filter, b.filter, &renaming)
    case (.test(let a, _), .test(let b, _)): return equal(a, b, &renaming)
    default: return false
    }
  }

  private static func equal(
    _ general: [Condition], _ specific: [Condition], _ renaming: inout VariableRenaming
  )
    -> Bool
  {
    general.count == specific.count && zip(general, specific).allSatisfy { equal($0, $1, &renaming) }
  }

  private static func equal(_ general: Pattern, _ specific: Pattern, _ renaming: inout VariableRenaming)
    -> Bool
  {
    guard general.template == specific.template, general.constraints.count == specific.constraints.count,
      (general.factVariable == nil) == (specific.factVariable == nil)
    else { return false }
    if let a = general.factVariable, let b = specific.factVariable, !renaming.unify(a, b) { return false }
    let left = general.constraints.sorted { $0.slot < $1.slot }
    let right = specific.constraints.sorted { $0.slot < $1.slot }
    for (a, b) in zip(left, right) {
      guard a.slot == b.slot, equal(a.constraint, b.constraint, &renaming) else { return false }
    }
    return equal(general.filter, specific.filter, &renaming)
  }

  private static func equal(_ general: Constraint, _ specific: Constraint, _ renaming: inout VariableRenaming)
    -> Bool
  {
    switch (general, specific) {
    case (.compare(let c, let a), .compare(let d, let b)): return c == d && equal(a, b, &renaming)
    case (.anyOf(let a), .anyOf(let b)), (.allOf(let a), .allOf(let b)):
      return a.count == b.count && zip(a, b).allSatisfy { equal($0, $1, &renaming) }
    default: return false
    }
  }

  private static func equal(
    _ general: Expression?, _ specific: Expression?, _ renaming: inout VariableRenaming
  )
    -> Bool
  {
    switch (general, specific) {
    case (nil, nil): return true
    case (let a?, let b?): return equal(a, b, &renaming)
    default: return false
    }
  }

  private static func equal(_ general: Expression, _ specific: Expression, _ renaming: inout VariableRenaming)
    -> Bool
  {
    switch (general, specific) {
    case (.constant(let a), .constant(let b)): return a == b
    case (.variable(let a), .variable(let b)): return renaming.unify(a, b)
    case (.negate(let a), .negate(let b)), (.not(let a), .not(let b)): return equal(a, b, &renaming)
    case (.binary(let op, let a, let b), .binary(let other, let c, let d)):
      return op == other && equal(a, c, &renaming) && equal(b, d, &renaming)
    case (.call(let f, let a), .call(let g, let b)):
      return f == g && a.count == b.count && zip(a, b).allSatisfy { equal($0, $1, &renaming) }
    case (.interpolation(let a), .interpolation(let b)):
      guard a.count == b.count else { return false }
      for (x, y) in zip(a, b) {
        switch (x, y) {
        case (.text(let s), .text(let t)) where s == t: continue
        case (.variable(let s), .variable(let t)) where renaming.unify(s, t): continue
        default: return false
        }
      }
      return true
    default: return false
    }
  }
}
