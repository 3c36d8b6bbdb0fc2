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
      // The rest taken as written: a fact's name may hold any spacing.
      let body = String(line.dropFirst(prefix.count)).trimmingWhitespace()
      if let template = body.removingPrefix("none further ") {
        prior.closed.insert(template)
      } else if let template = body.removingPrefix("unknown further ") {
        if let slot = kinds.introducingSlot(of: template) {
          prior.skipped.insert(.newFact(template: template, slot: slot))
        }
      } else if let subject = body.removingPrefix("unknown all ") {
        if kinds.kind(of: subject) == .single {
          prior.exhausted.insert(.single(subject))
        } else if let index = subjects.firstIndex(of: subject) {
          prior.exhausted.insert(.position(index))
        }
      } else if let rest = body.removingPrefix("unknown "), let space = rest.lastIndex(of: " ") {
        let subject = String(rest[..<space])
        let slot = String(rest[rest.index(after: space)...])
        if kinds.kind(of: subject) == .single {
          prior.skipped.insert(.single(template: subject, slot: slot))
        } else if let index = subjects.firstIndex(of: subject) {
          prior.skipped.insert(.slot(fact: index, slot: slot))
        }
      }
    }
    return prior
  }
}

extension String {
  /// The text after `prefix`, or nil when it does not start with it.
  fileprivate func removingPrefix(_ prefix: String) -> String? {
    hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil
  }
}
