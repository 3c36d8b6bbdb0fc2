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
  /// `unknown all`: this slot and every other slot of the same fact not stated yet stay
  /// unstated, and none of them is asked.
  case unknownAll
  /// `none` to "another one?": no further fact of the kind.
  case noMore
}

/// A fact of the case as `unknown all` names it.
enum FactReference: Hashable, Sendable {
  case single(String)
  case position(Int)
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
  /// Facts answered `unknown all`: a single kind's template, or a fact's position.
  private(set) var exhausted: Set<FactReference> = []
  /// Kinds answered `none` to "another one?".
  private(set) var closed: Set<String> = []

  /// What earlier consultations of the case answered without a value, read from its notes
  /// (``ConsultNotes``): kept through `back`, never asked again.
  struct Prior: Equatable, Sendable {
    var skipped: Set<QuestionTarget> = []
    var exhausted: Set<FactReference> = []
    var closed: Set<String> = []
  }

  let prior: Prior

  init(stated: [ConsultFact], prior: Prior = Prior()) {
    self.stated = stated
    self.prior = prior
    facts = stated
    skipped = prior.skipped
    exhausted = prior.exhausted
    closed = prior.closed
  }

  mutating func record(_ answer: Answer) {
    answers.append(answer)
    apply(answer)
  }

  /// Drops the last answer; nil when there is none.
  mutating func undo() -> Answer? {
    guard let last = answers.popLast() else { return nil }
    facts = stated
    skipped = prior.skipped
    exhausted = prior.exhausted
    closed = prior.closed
    for answer in answers { apply(answer) }
    return last
  }

  /// Whether a question is not to be put: answered `unknown`, or its fact `unknown all`.
  func isSkipped(_ target: QuestionTarget) -> Bool {
    if skipped.contains(target) { return true }
    switch target {
    case .slot(let fact, _): return exhausted.contains(.position(fact))
    case .single(let template, _): return exhausted.contains(.single(template))
    case .newFact: return false
    }
  }

  /// A fact as questions name it: `group "call-center supervisors"`, or its kind.
  func subject(ofFact index: Int) -> String {
    facts.indices.contains(index) ? Self.subject(of: facts[index]) : "fact \(index)"
  }

  static func subject(of fact: ConsultFact) -> String {
    fact.slots["name"].map { "\(fact.template) \($0)" } ?? fact.template
  }

  /// The position of the case's fact of a single kind, if it has one.
  func singleFact(_ template: String) -> Int? { facts.firstIndex { $0.template == template } }

  private mutating func apply(_ answer: Answer) {
    switch (answer.target, answer.response) {
    case (_, .unknown):
      skipped.insert(answer.target)
    case (.slot(let index, _), .unknownAll):
      exhausted.insert(.position(index))
    case (.single(let template, _), .unknownAll):
      exhausted.insert(.single(template))
    case (.newFact, .unknownAll):
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
