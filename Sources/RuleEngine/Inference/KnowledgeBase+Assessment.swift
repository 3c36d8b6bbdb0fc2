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

  /// The slots constrained by the positive conditions of every rule that suspects a
  /// diagnosis (for or against it), sorted. Slots under `not` are left out (an absence is not
  /// a statement about the organization), and so are slots only bound to a variable, such
  /// as a group's name: they label evidence without being evidence.
  public func assessmentSlots(for diagnosis: String) -> [SlotReference] {
    assessmentIndex[diagnosis] ?? []
  }

  static func assessmentSlots(for diagnosis: String, in rules: [Rule]) -> [SlotReference] {
    var slots: Set<SlotReference> = []
    for rule in rules
    where rule.actions.contains(where: { action in
      if case .suspect(let target, _, _, _) = action { return target == diagnosis }
      return false
    }) {
      collect(rule.conditions, into: &slots)
    }
    return slots.sorted()
  }

  private static func collect(_ conditions: [Condition], into slots: inout Set<SlotReference>) {
    for condition in conditions {
      switch condition {
      case .pattern(let pattern):
        insert(pattern, into: &slots)
      case .exists(let group, _): collect(group, into: &slots)
      case .either(let alternatives, _):
        for alternative in alternatives { collect(alternative, into: &slots) }
      case .count(let count): insert(count.pattern, into: &slots)
      case .not, .test: break
      }
    }
  }

  private static func insert(_ pattern: Pattern, into slots: inout Set<SlotReference>) {
    for constraint in pattern.constraints {
      if case .compare(.equal, .variable) = constraint.constraint { continue }
      slots.insert(SlotReference(template: pattern.template, slot: constraint.slot))
    }
  }
}

extension InferenceSession {
  /// Whether some fact in working memory states the slot.
  public func states(_ reference: KnowledgeBase.SlotReference) -> Bool {
    guard
      let template = knowledgeBase.vocabulary.templates.firstIndex(where: { $0.name == reference.template }),
      let slot = knowledgeBase.vocabulary.templates[template].slotIndex(named: reference.slot)
    else { return false }
    return facts.contains { stored in
      guard let stored, stored.template == template else { return false }
      return !stored.slots[slot].isMissing
    }
  }

  /// Where a fact came from in the source, if it was stated in a file.
  public func statedSpan(of id: FactID) -> SourceSpan? {
    guard case .stated(let span)? = factEverAsserted(id)?.origin, !span.isSynthetic else { return nil }
    return span
  }
}
