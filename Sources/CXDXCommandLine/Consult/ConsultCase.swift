import RuleEngine

/// What a question asks for.
enum QuestionTarget: Hashable, Sendable {
  /// A slot of a fact of a named or list kind, by its position in ``ConsultCase/facts``.
  case slot(fact: Int, slot: String)
  /// A slot of the case's one fact of a single kind; the first answer creates the fact.
  case single(template: String, slot: String)
  /// A further fact of a named or list kind, introduced by its `name` (or its one slot).
  case newFact(template: String, slot: String)

  var slot: String {
    switch self {
    case .slot(_, let slot), .single(_, let slot), .newFact(_, let slot): slot
    }
  }
}

/// What the user said to a question.
enum Response: Equatable, Sendable {
  case value(Value)
  /// `unknown`: the slot stays unstated and is not asked again.
  case unknown
  /// `none` to "another one?": no further fact of the kind.
  case noMore
}

struct Answer: Equatable, Sendable {
  let target: QuestionTarget
  let response: Response
}

/// One fact of the case being built: stated in the case file, or introduced by an answer.
struct ConsultFact: Equatable, Sendable {
  let template: String
  /// Its position among the case file's facts; nil for a fact the consultation added.
  let original: Int?
  /// Every slot known, stated or answered.
  var slots: [String: Value]
  /// The slots answered in this consultation.
  var answered: Set<String> = []
}

/// The case as the consultation stands: the case file's facts and the answers so far, replayed
/// in order. Going `back` drops the last answer and replays the rest, so everything that rested
/// on it goes with it.
struct ConsultCase: Sendable {
  let stated: [ConsultFact]
  private(set) var answers: [Answer] = []
  private(set) var facts: [ConsultFact]
  /// Questions answered `unknown`.
  private(set) var skipped: Set<QuestionTarget> = []
  /// Kinds answered `none` to "another one?".
  private(set) var closed: Set<String> = []

  init(stated: [ConsultFact]) {
    self.stated = stated
    facts = stated
  }

  mutating func record(_ answer: Answer) {
    answers.append(answer)
    apply(answer)
  }

  /// Drops the last answer; nil when there is none.
  mutating func undo() -> Answer? {
    guard let last = answers.popLast() else { return nil }
    facts = stated
    skipped = []
    closed = []
    for answer in answers { apply(answer) }
    return last
  }

  /// The position of the case's fact of a single kind, if it has one.
  func singleFact(_ template: String) -> Int? { facts.firstIndex { $0.template == template } }

  private mutating func apply(_ answer: Answer) {
    switch (answer.target, answer.response) {
    case (_, .unknown):
      skipped.insert(answer.target)
    case (.newFact(let template, _), .noMore):
      closed.insert(template)
    case (.slot(let index, let slot), .value(let value)):
      guard facts.indices.contains(index) else { return }
      facts[index].slots[slot] = value
      facts[index].answered.insert(slot)
    case (.single(let template, let slot), .value(let value)):
      if let index = singleFact(template) {
        facts[index].slots[slot] = value
        facts[index].answered.insert(slot)
      } else {
        facts.append(ConsultFact(template: template, original: nil, slots: [slot: value], answered: [slot]))
      }
    case (.newFact(let template, let slot), .value(let value)):
      facts.append(ConsultFact(template: template, original: nil, slots: [slot: value], answered: [slot]))
    case (.slot, .noMore), (.single, .noMore):
      break
    }
  }
}
