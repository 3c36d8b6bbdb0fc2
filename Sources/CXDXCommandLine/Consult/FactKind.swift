import RuleEngine

/// How a consultation asks about one kind of fact (docs/consult.md, "Kinds of fact"), read from
/// the vocabulary's templates and `ask` declarations.
enum FactKind: Equatable, Sendable {
  /// One fact per case (organization, leadership, cx-team, review): its slots are asked directly,
  /// and the first answer creates the fact.
  case single
  /// Any number of facts told apart by their `name` (group, metric, program…), asked for one at
  /// a time as MYCIN asked for contexts: "another group? name it, or none", then its slots.
  case named
  /// Any number of one-slot facts, one per value (finding, obstacle): "name one, or none".
  /// Recognised by the words "one fact per" in the slot's question, as the vocabulary writes it.
  case list(slot: String)
  /// No `ask` declaration: rules make these facts (a derived `stall`), the user never states them.
  case notAsked
}

/// The kind of every template of a vocabulary.
struct FactKinds: Sendable {
  let vocabulary: Vocabulary

  /// The template a case is about: it has a `name` slot, yet a case holds one of it.
  static let caseSubject = "organization"

  func kind(of template: String) -> FactKind {
    guard let declaration = vocabulary.template(named: template) else { return .notAsked }
    let asked = vocabulary.questions.filter { $0.template == template }
    guard !asked.isEmpty else { return .notAsked }
    // The vocabulary marks list kinds in their question: "(one fact per cause)".
    if declaration.slots.count == 1, let only = declaration.slots.first,
      asked.contains(where: { $0.text.contains("one fact per") })
    {
      return .list(slot: only.name)
    }
    if template != Self.caseSubject, asked.contains(where: { $0.slot == "name" }) { return .named }
    return .single
  }

  /// The slot a new fact of a kind is introduced by: `name`, or a list kind's one slot.
  func introducingSlot(of template: String) -> String? {
    switch kind(of: template) {
    case .named: "name"
    case .list(let slot): slot
    case .single, .notAsked: nil
    }
  }

  /// Where the vocabulary declares the question for a slot, for a stable question order.
  func questionOrder(_ template: String, _ slot: String) -> Int {
    vocabulary.questions.firstIndex { $0.template == template && $0.slot == slot } ?? Int.max
  }
}
