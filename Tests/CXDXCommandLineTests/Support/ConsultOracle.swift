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
  /// The slots asked so far, per fact (its subject as the question header names it).
  private var asked: [String: Set<String>] = [:]

  init(casePath: String) throws {
    let loader = RuleBaseLoader()
    var ruleBase = loader.loadRules(from: [InProcess.rules])
    let loaded = loader.loadCase(casePath, into: &ruleBase)
    let syntax = try #require(loaded.syntax)
    let lowering = Lowering(vocabulary: ruleBase.vocabulary)
    facts = syntax.facts.map(lowering.fact)
    vocabulary = ruleBase.vocabulary
  }

  /// The askable slots of the case: every question a consultation that asked everything
  /// would put about it. Each `ask` slot of each single kind (organization, leadership…), of
  /// each fact of a named or list kind the case states (a case with two groups counts the
  /// group questions twice; naming the fact is its `name` question), and for each named or list
  /// kind the "another one?" answered `none`.
  var askableSlotCount: Int {
    let kinds = FactKinds(vocabulary: vocabulary)
    return vocabulary.templates.reduce(0) { total, template in
      let asked = vocabulary.questions.filter { $0.template == template.name }.count
      switch kinds.kind(of: template.name) {
      case .notAsked: return total
      case .single: return total + asked
      case .named, .list:
        return total + asked * facts.filter { $0.template == template.name }.count + 1
      }
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
    asked[subject, default: []].insert(slot)
    guard let value = fact?.slots[slot] else {
      // Nothing more to tell about this fact when every slot it states has been asked.
      let stated = fact.map { Set($0.slots.keys) } ?? []
      let askable = Set(vocabulary.questions.filter { $0.template == template }.map(\.slot))
      return stated.intersection(askable).isSubset(of: asked[subject] ?? []) ? "unknown all" : "unknown"
    }
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
