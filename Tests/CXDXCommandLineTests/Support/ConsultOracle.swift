import Foundation
import RuleEngine
import RuleLanguage
import Testing

@testable import CXDXCommandLine

/// Answers a consultation's questions from a case file's facts, as a consultant who knows the
/// case would: the stated value, `unknown` for a slot the case does not state, the next fact
/// of a kind not named yet, or `none`.
final class ConsultOracle {
  let facts: [Lowering.CaseFact]
  let vocabulary: Vocabulary
  /// The facts of named and list kinds already introduced, by template.
  private var introduced: [String: [Int]] = [:]
  private(set) var answers: [String] = []
  private(set) var unexpected: [String] = []

  init(casePath: String) throws {
    let loader = RuleBaseLoader()
    var ruleBase = loader.loadRules(from: [InProcess.rules])
    let loaded = loader.loadCase(casePath, into: &ruleBase)
    let syntax = try #require(loaded.syntax)
    let lowering = Lowering(vocabulary: ruleBase.vocabulary)
    facts = syntax.facts.map(lowering.fact)
    vocabulary = ruleBase.vocabulary
  }

  /// The askable slots of the case: for each fact it states, the `ask` declarations of its
  /// kind (so a case with two groups counts the group questions twice).
  var askableSlotCount: Int {
    facts.reduce(0) { total, fact in
      total + vocabulary.questions.filter { $0.template == fact.template }.count
    }
  }

  /// The answer to the last question in a transcript.
  func answer(transcript: String) -> String {
    guard let header = transcript.split(separator: "\n").last(where: { $0.hasPrefix("Question ") }) else {
      unexpected.append("no question in the transcript")
      return "quit"
    }
    let parts = header.components(separatedBy: " · ")
    let answer: String
    if parts.count == 3 {
      answer = slotAnswer(subject: parts[1], slot: parts[2])
    } else if parts.count == 2, let template = parts[1].split(separator: " ").last.map(String.init) {
      answer = nextFact(template)
    } else {
      unexpected.append("unreadable question header: \(header)")
      answer = "quit"
    }
    answers.append(answer)
    return answer
  }

  private func slotAnswer(subject: String, slot: String) -> String {
    let template = String(subject.prefix { $0 != " " })
    let quotedName = subject.dropFirst(template.count).trimmingCharacters(in: .whitespaces)
    let fact = facts.first { fact in
      fact.template == template && (quotedName.isEmpty || fact.slots["name"]?.description == quotedName)
    }
    guard let value = fact?.slots[slot] else { return "unknown" }
    return value.displayText
  }

  private func nextFact(_ template: String) -> String {
    let given = introduced[template] ?? []
    guard
      let index = facts.indices.first(where: { facts[$0].template == template && !given.contains($0) }),
      let slot = vocabulary.template(named: template)?.slots.count == 1
        ? vocabulary.template(named: template)?.slots.first?.name : "name",
      let value = facts[index].slots[slot]
    else { return "none" }
    introduced[template, default: []].append(index)
    return value.displayText
  }
}
