/// The declared order of each template's slots, used to put a case fact's named values in the
/// order its template declares them.
public struct SlotOrder: Sendable, Hashable {
  private var slotsByTemplate: [String: [String]]

  /// No template known: facts keep their values as written.
  public static let asWritten = SlotOrder(slotsByTemplate: [:])

  public init(slotsByTemplate: [String: [String]]) {
    self.slotsByTemplate = slotsByTemplate
  }

  /// The templates declared in these rule files. A template declared twice is left out, since
  /// which order is meant is unclear.
  public init(ruleFiles: [RuleFileSyntax]) {
    var slots: [String: [String]] = [:]
    var declaredTwice: Set<String> = []
    for file in ruleFiles {
      for case .template(let template) in file.declarations {
        if slots[template.name.text] != nil { declaredTwice.insert(template.name.text) }
        slots[template.name.text] = template.slots.map(\.name.text)
      }
    }
    for name in declaredTwice { slots[name] = nil }
    self.slotsByTemplate = slots
  }

  /// The position of each value of a fact of `kind` with these labels (nil for a positional
  /// value) in canonical order: positional values first, as written, then named ones in the
  /// template's order. Nil when the template is unknown or a label is not one of its slots, so
  /// that a fact the checker would reject is not reordered.
  func canonicalOrder(kind: String, labels: [String?]) -> [Int]? {
    guard let declared = slotsByTemplate[kind] else { return nil }
    var rank: [String: Int] = [:]
    for (index, slot) in declared.enumerated() where rank[slot] == nil { rank[slot] = index }
    var positional: [Int] = []
    var named: [(index: Int, rank: Int)] = []
    for (index, label) in labels.enumerated() {
      guard let label else {
        positional.append(index)
        continue
      }
      guard let slotRank = rank[label] else { return nil }
      named.append((index, slotRank))
    }
    // A stable order: two values for one slot (an error the checker reports) keep their order.
    let sorted = named.enumerated().sorted { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }
    return positional + sorted.map(\.element.index)
  }
}
