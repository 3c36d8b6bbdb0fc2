import RuleEngine

/// Whether a rule could still match once more is answered, judged from the case's facts alone:
/// answers only add slot values and facts, so a pattern that every fact of its kind contradicts
/// with a stated value, and that no further fact can satisfy (the kind is closed by `none`, or it
/// is a single kind whose fact exists), never matches. The planner leaves such rules out, even
/// when the engine stopped them earlier, at a condition a question could still satisfy.
struct RuleFeasibility {
  let state: ConsultCase
  let kinds: FactKinds

  /// False only when some positive pattern of the rule can no longer match.
  func couldMatch(_ rule: Rule) -> Bool {
    rule.conditions.allSatisfy { condition in
      guard case .pattern(let pattern) = condition else { return true }
      return couldMatch(pattern)
    }
  }

  func couldMatch(_ pattern: Pattern) -> Bool {
    let kind = kinds.kind(of: pattern.template)
    if kind == .notAsked { return true }
    for (index, fact) in state.facts.enumerated() where fact.template == pattern.template {
      let target = { (slot: String) -> QuestionTarget in
        kind == .single ? .single(template: pattern.template, slot: slot) : .slot(fact: index, slot: slot)
      }
      if pattern.constraints.allSatisfy({ couldHold($0, fact: fact, target: target($0.slot)) }) {
        return true
      }
    }
    switch kind {
    case .single: return state.singleFact(pattern.template) == nil
    case .named, .list: return !state.closed.contains(pattern.template)
    case .notAsked: return true
    }
  }

  /// Whether a fact's slot holds, or could be answered to hold, a constraint.
  private func couldHold(_ constraint: SlotConstraint, fact: ConsultFact, target: QuestionTarget) -> Bool {
    let declared = kinds.vocabulary.template(named: fact.template)?.slot(named: constraint.slot)
    guard let value = fact.slots[constraint.slot] ?? declared?.defaultValue else {
      return kinds.vocabulary.question(template: fact.template, slot: constraint.slot) != nil
        && !state.isSkipped(target)
    }
    return Self.satisfiable(constraint.constraint, by: value)
  }

  /// Constant comparisons decided; anything reading a variable is taken to be satisfiable.
  static func satisfiable(_ constraint: Constraint, by value: Value) -> Bool {
    switch constraint {
    case .anyOf(let options): return options.contains { satisfiable($0, by: value) }
    case .allOf(let parts): return parts.allSatisfy { satisfiable($0, by: value) }
    case .compare(let comparison, .constant(let constant)):
      switch (comparison, value, constant) {
      case (.equal, _, _): return value == constant
      case (.notEqual, _, _): return value != constant
      case (.less, .number(let x), .number(let y)): return x < y
      case (.lessOrEqual, .number(let x), .number(let y)): return x <= y
      case (.greater, .number(let x), .number(let y)): return x > y
      case (.greaterOrEqual, .number(let x), .number(let y)): return x >= y
      default: return true
      }
    case .compare:
      return true
    }
  }
}
