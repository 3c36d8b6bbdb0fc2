import RuleEngine

/// A fact a rule's actions make or change: `assert`, `derive`, or `modify` of a bound fact.
struct FactProduction {
  let kind: String
  /// The slots given, with their expressions.
  let values: [(slot: String, value: Expression)]
  let isModify: Bool
  let span: SourceSpan

  /// A value that can differ from every value already in working memory: arithmetic, a
  /// call, an interpolated string. A literal or a copied variable cannot.
  var computesValues: Bool {
    values.contains { value in
      switch value.value {
      case .constant, .variable: false
      default: true
      }
    }
  }
}

/// Questions the linter asks of a lowered rule's conditions and actions.
extension Rule {
  /// Every pattern in the rule, in `not`, `exists`, `count` and `either` too.
  var allPatterns: [Pattern] { Rule.patterns(in: conditions) }

  static func patterns(in conditions: [Condition]) -> [Pattern] {
    var result: [Pattern] = []
    var pending = conditions[...]
    // A work list rather than recursion: nesting is bounded by the parser, but this costs nothing.
    var stack: [[Condition]] = []
    while true {
      guard let condition = pending.popFirst() else {
        guard let next = stack.popLast() else { break }
        pending = next[...]
        continue
      }
      switch condition {
      case .pattern(let pattern): result.append(pattern)
      case .not(let group, _), .exists(let group, _): stack.append(group)
      case .either(let alternatives, _): stack += alternatives
      case .count(let count): result.append(count.pattern)
      case .test: break
      }
    }
    return result
  }

  /// The patterns a match needs facts for: top-level ones, those of `exists`, and of each
  /// `either` alternative (all alternatives together).
  var positivePatterns: [Pattern] {
    var result: [Pattern] = []
    var stack = [conditions]
    while let list = stack.popLast() {
      for condition in list {
        switch condition {
        case .pattern(let pattern): result.append(pattern)
        case .exists(let group, _): stack.append(group)
        case .either(let alternatives, _): stack += alternatives
        case .count(let count): result.append(count.pattern)
        case .not, .test: break
        }
      }
    }
    return result
  }

  /// The templates of the `not` conditions at the top level of the rule.
  var negatedTemplates: Set<String> {
    var result: Set<String> = []
    for condition in conditions {
      if case .not(let group, _) = condition {
        for pattern in Rule.patterns(in: group) { result.insert(pattern.template) }
      }
    }
    return result
  }

  /// The template each fact variable (`?f <- kind(…)`) is bound to; several when `either`
  /// alternatives bind it to different kinds.
  var factVariableKinds: [String: Set<String>] {
    var result: [String: Set<String>] = [:]
    var stack = [conditions]
    while let list = stack.popLast() {
      for condition in list {
        switch condition {
        case .pattern(let pattern):
          if let variable = pattern.factVariable { result[variable, default: []].insert(pattern.template) }
        case .either(let alternatives, _): stack += alternatives
        default: break
        }
      }
    }
    return result
  }

  /// Every action, with those inside `if` branches.
  var allActions: [Action] {
    var result: [Action] = []
    var stack = [actions]
    while let list = stack.popLast() {
      for action in list {
        result.append(action)
        if case .conditional(_, let then, let otherwise, _) = action {
          stack.append(then)
          stack.append(otherwise)
        }
      }
    }
    return result
  }

  /// The facts the rule's actions make or change.
  var productions: [FactProduction] {
    let kinds = factVariableKinds
    var result: [FactProduction] = []
    for action in allActions {
      switch action {
      case .assert(let fact, let span), .derive(let fact, let span):
        result.append(
          FactProduction(
            kind: fact.template, values: fact.values.map { ($0.slot, $0.value) }, isModify: false, span: span)
        )
      case .modify(let variable, let values, let span):
        for kind in (kinds[variable] ?? []).sorted() {
          result.append(FactProduction(kind: kind, values: values, isModify: true, span: span))
        }
      default: break
      }
    }
    return result
  }

  /// The kinds of the facts the rule retracts.
  var retractedKinds: Set<String> {
    let kinds = factVariableKinds
    var result: Set<String> = []
    for action in allActions {
      if case .retract(let variables, _) = action {
        for variable in variables { result.formUnion(kinds[variable] ?? []) }
      }
    }
    return result
  }

  /// Each `suspect` action: the diagnosis and the factor when it is written as a number.
  var suspicions: [(diagnosis: String, factor: Double?, span: SourceSpan)] {
    allActions.compactMap { action in
      guard case .suspect(let diagnosis, let certainty, _, let span) = action else { return nil }
      return (diagnosis, Rule.literalNumber(certainty), span)
    }
  }

  static func literalNumber(_ expression: Expression) -> Double? {
    switch expression {
    case .constant(.number(let value)): value
    case .negate(let operand): literalNumber(operand).map { -$0 }
    default: nil
    }
  }
}

extension Pattern {
  /// The requirement of each constrained slot, by slot name.
  var requirements: [String: SlotRequirement] {
    var result: [String: SlotRequirement] = [:]
    for constraint in constraints {
      let requirement = SlotRequirement(constraint.constraint)
      result[constraint.slot] = result[constraint.slot].map { $0.merged(with: requirement) } ?? requirement
    }
    return result
  }
}
