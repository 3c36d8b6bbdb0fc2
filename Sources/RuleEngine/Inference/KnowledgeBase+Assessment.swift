/// Which facts a diagnosis depends on, so that "not found" can be told apart from
/// "cannot be assessed": missing facts mean *unknown*, never *absent*.
extension KnowledgeBase {
  /// A slot of a template that some rule reads.
  public struct SlotReference: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let template: String
    public let slot: String
    public static func < (lhs: Self, rhs: Self) -> Bool {
      (lhs.template, lhs.slot) < (rhs.template, rhs.slot)
    }
    public var description: String { "\(template).\(slot)" }
  }

  /// What one rule needs stated before it can judge: for each of its patterns, a fact of the
  /// template stating every slot the pattern constrains.
  public struct RuleRequirement: Hashable, Sendable {
    public let rule: String
    public let patterns: [PatternRequirement]
  }

  public struct PatternRequirement: Hashable, Sendable {
    public let template: String
    public let slots: [String]
  }

  /// The slots constrained by the positive conditions of every rule that suspects a
  /// diagnosis (for or against it), sorted: what a case should state to assess it.
  public func assessmentSlots(for diagnosis: String) -> [SlotReference] {
    let requirements = assessmentIndex[diagnosis] ?? []
    var slots: Set<SlotReference> = []
    for requirement in requirements {
      for pattern in requirement.patterns {
        for slot in pattern.slots { slots.insert(SlotReference(template: pattern.template, slot: slot)) }
      }
    }
    return slots.sorted()
  }

  /// One requirement per rule alternative (an `either` makes several) of every rule that
  /// suspects the diagnosis.
  public func assessmentRequirements(for diagnosis: String) -> [RuleRequirement] {
    assessmentIndex[diagnosis] ?? []
  }

  /// Patterns under `not` are left out (an absence is not a statement about the
  /// organization), and so are slots only bound to a variable, such as a group's name: they
  /// label evidence without being evidence.
  static func assessmentRequirements(for diagnosis: String, in rules: [Rule]) -> [RuleRequirement] {
    var requirements: [RuleRequirement] = []
    for rule in rules
    where rule.actions.contains(where: { action in
      if case .suspect(let target, _, _, _) = action { return target == diagnosis }
      return false
    }) {
      // A rule that constrains nothing (only counts or tests) needs nothing stated, so it
      // cannot tell whether the case says enough: it does not count.
      for alternative in alternatives(rule.conditions) where !alternative.isEmpty {
        requirements.append(RuleRequirement(rule: rule.name, patterns: alternative))
      }
    }
    return requirements
  }

  private static func alternatives(_ conditions: [Condition]) -> [[PatternRequirement]] {
    var results: [[PatternRequirement]] = [[]]
    for condition in conditions {
      switch condition {
      case .pattern(let pattern):
        results = results.map { $0 + requirement(pattern) }
      case .exists(let group, _):
        let inner = alternatives(group)
        results = results.flatMap { prefix in inner.map { prefix + $0 } }
      case .either(let options, _):
        let inner = options.flatMap(alternatives)
        results = results.flatMap { prefix in inner.map { prefix + $0 } }
      case .count(let count):
        results = results.map { $0 + requirement(count.pattern) }
      case .not, .test:
        break
      }
    }
    return results
  }

  private static func requirement(_ pattern: Pattern) -> [PatternRequirement] {
    let slots = pattern.constraints.compactMap { constraint -> String? in
      if case .compare(.equal, .variable) = constraint.constraint { return nil }
      return constraint.slot
    }
    return slots.isEmpty ? [] : [PatternRequirement(template: pattern.template, slots: slots)]
  }
}

extension InferenceSession {
  /// Whether working memory holds enough for a rule to judge: for each pattern it needs, a
  /// fact of the template stating all the slots the pattern constrains.
  public func satisfies(_ requirement: KnowledgeBase.RuleRequirement) -> Bool {
    requirement.patterns.allSatisfy { pattern in
      guard
        let template = knowledgeBase.vocabulary.templates.firstIndex(where: { $0.name == pattern.template })
      else { return false }
      let declaration = knowledgeBase.vocabulary.templates[template]
      let slots = pattern.slots.compactMap { declaration.slotIndex(named: $0) }
      return facts.indices.contains { index in
        guard let stored = liveFact(Int32(index)), stored.template == template else { return false }
        let base = Int(slotBase[index])
        return slots.allSatisfy { !slotStore[base + $0].isMissing }
      }
    }
  }

  /// Where a fact came from in the source, if it was stated in a file.
  public func statedSpan(of id: FactID) -> SourceSpan? {
    guard case .stated(let span)? = factEverAsserted(id)?.origin, !span.isSynthetic else { return nil }
    return span
  }
}

extension InferenceSession {
  /// Whether some fact in working memory states the slot.
  public func states(_ reference: KnowledgeBase.SlotReference) -> Bool {
    satisfies(
      KnowledgeBase.RuleRequirement(
        rule: "",
        patterns: [KnowledgeBase.PatternRequirement(template: reference.template, slots: [reference.slot])]))
  }
}
