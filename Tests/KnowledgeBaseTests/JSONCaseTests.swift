import CXDXExplain
import Foundation
import RuleEngine
import Testing

@testable import RuleLanguage

/// A case written as JSON means what the same facts mean in a `.facts` file: every bundled
/// case, converted to `cxdx.facts/1`, gives the same diagnoses with the same certainties, bit
/// for bit, and its expectations hold the same way.
@Suite struct JSONCaseTests {
  /// `text` as a JSON string.
  static func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20:
        out += "\\u00" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }

  static func json(_ literal: LiteralValue) -> String {
    switch literal {
    case .symbol(let name): quoted(name)
    case .string(let text): quoted(text)
    case .number(let number): "\(number)"
    case .boolean(let flag): "\(flag)"
    }
  }

  /// The case's facts and expectations as a `cxdx.facts/1` document.
  static func convert(_ syntax: FactFileSyntax, vocabulary: Vocabulary) throws -> String {
    var facts: [String] = []
    for fact in syntax.facts {
      let template = try #require(vocabulary.template(named: fact.kind.text))
      let slots = try fact.values.enumerated().map { position, value in
        let name =
          try value.label?.text ?? #require(
            template.slots.indices.contains(position) ? template.slots[position].name : nil)
        return "\(quoted(name)): \(json(value.value.value))"
      }
      var members = ["\"kind\": \(quoted(fact.kind.text))", "\"slots\": {\(slots.joined(separator: ", "))}"]
      if let certainty = fact.certainty { members.append("\"certainty\": \(json(certainty.value))") }
      facts.append("    {" + members.joined(separator: ", ") + "}")
    }
    let expectations = syntax.expectations.map { expectation in
      var words: [String] = []
      if expectation.outcome != .present { words.append(expectation.outcome.rawValue) }
      words.append(expectation.diagnosis.text)
      if let (comparison, literal) = expectation.bound, case .number(let number) = literal.value {
        words += [comparison.rawValue, "\(number)"]
      }
      return quoted(words.joined(separator: " "))
    }
    return """
      {
        "format": "cxdx.facts/1",
        "facts": [
      \(facts.joined(separator: ",\n"))
        ],
        "expect": [\(expectations.joined(separator: ", "))]
      }

      """
  }

  static func outcome(_ run: CaseRun) -> String {
    let report = CaseReport(run: run)
    let expectations = report.check(run.syntax, sources: run.sources).map { "\($0.text) \($0.passed)" }
    return (report.found + report.ruledOut).map { "\($0.id)=\($0.certainty.bitPattern)" }.joined(
      separator: " ")
      + " | unassessed " + report.unassessed.map(\.id).joined(separator: ",") + " | "
      + expectations.joined(separator: "; ")
  }

  @Test(arguments: KnowledgeBaseTests.casePaths)
  func everyCaseAsJSONGivesTheSameDiagnoses(_ path: String) throws {
    let ruleBase = RuleBaseLoader().loadRules(from: [KnowledgeBaseTests.rulesFolder])
    let runner = CaseRunner(ruleBase: ruleBase, knowledgeBase: try #require(ruleBase.compile().0))
    guard case .success(let written) = runner.run(path) else {
      Issue.record("\(path) does not run")
      return
    }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "cxdx-json-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let jsonPath = folder.appendingPathComponent("case.json").path
    try Self.convert(written.syntax, vocabulary: ruleBase.vocabulary).write(
      toFile: jsonPath, atomically: false, encoding: .utf8)
    switch runner.run(jsonPath) {
    case .failure(let failure):
      Issue.record("\(path) as JSON: \(failure.diagnostics.map { "\($0.code.rawValue) \($0.message)" })")
    case .success(let converted):
      #expect(converted.syntax.facts.count == written.syntax.facts.count)
      #expect(Self.outcome(converted) == Self.outcome(written), "\(path) as JSON")
    }
  }
}
