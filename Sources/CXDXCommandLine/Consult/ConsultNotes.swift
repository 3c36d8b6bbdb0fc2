import RuleEngine

/// The answers a case file cannot state as slot values (`unknown`, `unknown all`, and `none`
/// to "another one?") kept as comment lines in the saved case, so that no answer is lost and
/// a resumed consultation does not ask them again:
///
///     # consult: unknown group "regional managers" workload
///     # consult: unknown all cx-team
///     # consult: none further obstacle
///
/// A fact is named as the question header names it. A note whose fact the case no longer has
/// (renamed by hand, say) no longer applies, and its question may be asked again.
enum ConsultNotes {
  static let prefix = "# consult: "

  /// The note for an answer; nil for an answer the facts themselves state.
  static func line(for answer: Answer, in state: ConsultCase) -> String? {
    let target = answer.target
    switch (answer.response, target) {
    case (.value, _), (.noMore, .slot), (.noMore, .single):
      return nil
    case (.noMore, .newFact(let template, _)):
      return prefix + "none further \(template)"
    case (.unknown, .newFact(let template, _)), (.unknownAll, .newFact(let template, _)):
      return prefix + "unknown further \(template)"
    case (.unknown, .slot(let fact, let slot)):
      return prefix + "unknown \(state.subject(ofFact: fact)) \(slot)"
    case (.unknown, .single(let template, let slot)):
      return prefix + "unknown \(template) \(slot)"
    case (.unknownAll, .slot(let fact, _)):
      return prefix + "unknown all \(state.subject(ofFact: fact))"
    case (.unknownAll, .single(let template, _)):
      return prefix + "unknown all \(template)"
    }
  }

  /// The earlier answers a case file's notes record, against the facts it states.
  static func read(_ text: String, facts: [ConsultFact], kinds: FactKinds) -> ConsultCase.Prior {
    var prior = ConsultCase.Prior()
    let subjects = facts.indices.map { ConsultCase.subject(of: facts[$0]) }
    for rawLine in text.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline) {
      let line = rawLine.drop { $0 == " " || $0 == "\t" }
      guard line.hasPrefix(prefix) else { continue }
      let words = line.dropFirst(prefix.count).split(separator: " ").map(String.init)
      guard words.count >= 2 else { continue }
      switch (words[0], words[1]) {
      case ("none", "further") where words.count == 3:
        prior.closed.insert(words[2])
      case ("unknown", "further") where words.count == 3:
        if let slot = kinds.introducingSlot(of: words[2]) {
          prior.skipped.insert(.newFact(template: words[2], slot: slot))
        }
      case ("unknown", "all"):
        let subject = words.dropFirst(2).joined(separator: " ")
        if kinds.kind(of: subject) == .single {
          prior.exhausted.insert(.single(subject))
        } else if let index = subjects.firstIndex(of: subject) {
          prior.exhausted.insert(.position(index))
        }
      case ("unknown", _) where words.count >= 3:
        let slot = words[words.count - 1]
        let subject = words.dropFirst().dropLast().joined(separator: " ")
        if kinds.kind(of: subject) == .single {
          prior.skipped.insert(.single(template: subject, slot: slot))
        } else if let index = subjects.firstIndex(of: subject) {
          prior.skipped.insert(.slot(fact: index, slot: slot))
        }
      default:
        continue
      }
    }
    return prior
  }
}
