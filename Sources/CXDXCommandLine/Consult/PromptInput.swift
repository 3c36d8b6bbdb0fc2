import RuleEngine

/// One line typed at the consultation's prompt: a command, or an answer.
enum PromptInput: Equatable, Sendable {
  case why
  /// `how D`; nil when no diagnosis is named.
  case how(String?)
  case back
  case status
  case quit
  case help
  case answer(Response)
  /// Not an answer the question accepts, with the reason to show.
  case invalid(String)
}

/// Reads a line typed at the prompt against the question it answers: a value by number or as
/// written for a closed list, free text for a `string` slot, a number for a `number` slot.
struct AnswerParser: Sendable {
  let state: ConsultCase
  let kinds: FactKinds

  /// The commands, which take precedence over values (a value spelt like one is answered by
  /// its number).
  static let commands = ["why", "how", "unknown", "back", "status", "quit", "help"]

  func parse(_ line: String, for target: QuestionTarget) -> PromptInput {
    let text = line.trimmingWhitespace()
    let words = text.split(separator: " ", maxSplits: 1).map(String.init)
    switch words.first?.lowercased() {
    case nil: return .invalid("type an answer, or 'help' for the commands")
    case "why" where words.count == 1: return .why
    case "how" where words.count == 1: return .how(nil)
    // `how D` names one diagnosis (a one-word id); longer text starting with "how" or "why"
    // ("How we sell") is an answer.
    case "how" where !words[1].trimmingWhitespace().contains(where: \.isWhitespace):
      return .how(words[1].trimmingWhitespace())
    case "unknown" where words.count == 1: return .answer(.unknown)
    case "unknown" where words.count == 2 && words[1].trimmingWhitespace().lowercased() == "all":
      return .answer(.unknownAll)
    case "back" where words.count == 1: return .back
    case "status" where words.count == 1: return .status
    case "quit" where words.count == 1: return .quit
    case "help" where words.count == 1, "?": return .help
    default: break
    }
    if case .newFact = target, text.lowercased() == "none" { return .answer(.noMore) }
    guard let type = slotType(target) else { return .invalid("this question takes no answer") }
    switch value(text, type: type, choices: choices(for: target)) {
    case .failure(let rejection): return .invalid(rejection.message)
    case .success(let value):
      if case .newFact(let template, let slot) = target,
        state.facts.contains(where: { $0.template == template && $0.slots[slot] == value })
      {
        return .invalid("the case already has the \(template) \(value); name another, or answer none")
      }
      return .answer(.value(value))
    }
  }

  /// The numbered values a question offers: a closed list's values (for a list kind, those not
  /// stated yet), or true and false; nil for free answers.
  func choices(for target: QuestionTarget) -> [String]? {
    switch slotType(target) {
    case .oneOf(let values)?:
      guard case .newFact(let template, let slot) = target else { return values }
      let stated = Set(
        state.facts.filter { $0.template == template }.compactMap { $0.slots[slot]?.description })
      return values.filter { !stated.contains($0) }
    case .boolean?: return ["true", "false"]
    default: return nil
    }
  }

  func slotType(_ target: QuestionTarget) -> SlotType? {
    kinds.vocabulary.template(named: template(of: target))?.slot(named: target.slot)?.type
  }

  func template(of target: QuestionTarget) -> String {
    switch target {
    case .slot(let fact, _): state.facts.indices.contains(fact) ? state.facts[fact].template : ""
    case .single(let template, _), .newFact(let template, _): template
    }
  }

  private func value(_ text: String, type: SlotType, choices: [String]?) -> Result<Value, Rejection> {
    if let choices {
      if let number = Int(text) {
        guard choices.indices.contains(number - 1) else {
          return .failure(
            Rejection("\(number) is not one of the choices: answer 1 to \(choices.count), or a value"))
        }
        return .success(choiceValue(choices[number - 1], type: type))
      }
      if let match = choices.first(where: { $0.lowercased() == text.lowercased() }) {
        return .success(choiceValue(match, type: type))
      }
      if type == .boolean, let flag = ["yes": true, "no": false][text.lowercased()] {
        return .success(.boolean(flag))
      }
      let suggestion = text.lowercased().closestMatch(in: choices).map { " (did you mean '\($0)'?)" } ?? ""
      return .failure(
        Rejection("'\(text)' is not one of the choices\(suggestion): answer by number or by value"))
    }
    switch type {
    case .number:
      guard let number = Double(text), number.isFinite else {
        return .failure(Rejection("'\(text)' is not a number: answer with a number such as 3"))
      }
      return .success(.number(number))
    case .symbol:
      guard Self.isWord(text) else {
        return .failure(
          Rejection(
            "'\(text)' is not a single word: use letters, digits and hyphens, starting with a letter (six-sigma)"
          ))
      }
      return .success(.symbol(text))
    case .any:
      if let number = Double(text), number.isFinite { return .success(.number(number)) }
      return .success(.string(text))
    case .string, .boolean, .oneOf:
      return .success(.string(text))
    }
  }

  /// Why a line is not an answer to the question.
  struct Rejection: Error {
    let message: String
    init(_ message: String) { self.message = message }
  }

  private func choiceValue(_ choice: String, type: SlotType) -> Value {
    type == .boolean ? .boolean(choice == "true") : .symbol(choice)
  }

  /// A symbol as the fact language writes it bare.
  static func isWord(_ text: String) -> Bool {
    guard let first = text.unicodeScalars.first, first.properties.isAlphabetic, first.isASCII else {
      return false
    }
    return text.unicodeScalars.allSatisfy {
      $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_")
    }
  }
}

extension String {
  /// The text without leading and trailing white space and control characters (a stray
  /// Ctrl-L or carriage return typed at the prompt).
  func trimmingWhitespace() -> String {
    let isSpace: (Character) -> Bool = {
      $0.isWhitespace || ($0.asciiValue.map { $0 < 32 || $0 == 127 } ?? false)
    }
    guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) })
    else { return "" }
    return String(self[first...last])
  }
}
