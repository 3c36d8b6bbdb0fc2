import Foundation
import RuleEngine
import Testing

@testable import RuleLanguage

/// Replays what fuzzing kept: every input under `Fixtures/fuzz/TARGET/` goes through the same
/// pipeline as that fuzz target (`UntrustedInput`), without the sanitizer. Each must end with
/// diagnostics or a run that stops by itself or at a limit: no crash, no hang. Crashes found by
/// `fuzz/run` are added here as regression tests.
@Suite struct FuzzCorpusTests {
  static func inputs(_ target: String) -> [URL] {
    let folder = Fixtures.folder.appendingPathComponent("fuzz").appendingPathComponent(target)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.sorted().filter { !$0.hasPrefix(".") }.map { folder.appendingPathComponent($0) }
  }

  @Test func ruleInputsEndInDiagnosticsOrAKnowledgeBase() {
    let inputs = Self.inputs("rules")
    #expect(!inputs.isEmpty, "no minimised corpus in Fixtures/fuzz/rules")
    for input in inputs {
      let diagnostics = UntrustedInput.compileRules(Fixtures.bytes(input))
      #expect(diagnostics.count <= 51, "\(input.lastPathComponent): \(diagnostics.count) diagnostics")
    }
  }

  @Test func caseInputsAreCheckedAndRunAgainstTheRepositoryRules() {
    let inputs = Self.inputs("facts")
    #expect(!inputs.isEmpty, "no minimised corpus in Fixtures/fuzz/facts")
    let ruleBase = RuleBaseLoader().loadRules(from: [Fixtures.repository.appendingPathComponent("rules").path]
    )
    #expect(!ruleBase.diagnostics.hasErrors)
    for input in inputs {
      if let result = UntrustedInput.runCase(Fixtures.bytes(input), against: ruleBase) {
        #expect(result.firings <= 10_000, "\(input.lastPathComponent)")
      }
    }
  }

  @Test func jsonCaseInputsAreReadCheckedAndRunAgainstTheRepositoryRules() {
    let inputs = Self.inputs("json")
    #expect(!inputs.isEmpty, "no minimised corpus in Fixtures/fuzz/json")
    let ruleBase = RuleBaseLoader().loadRules(from: [Fixtures.repository.appendingPathComponent("rules").path]
    )
    for input in inputs {
      if let result = UntrustedInput.runCase(Fixtures.bytes(input), against: ruleBase, path: "input.json") {
        #expect(result.firings <= 10_000, "\(input.lastPathComponent)")
      }
    }
  }

  @Test func programInputsRunWithinTheirLimits() {
    let inputs = Self.inputs("run")
    #expect(!inputs.isEmpty, "no minimised corpus in Fixtures/fuzz/run")
    for input in inputs {
      if let result = UntrustedInput.runProgram(Fixtures.bytes(input)) {
        #expect(result.firings <= 10_000, "\(input.lastPathComponent)")
      }
    }
  }

  @Test func aProgramSplitsAtTheFirstLineOfTwoPercentSigns() {
    let (rules, facts) = UntrustedInput.splitProgram(
      Array("rule r { then { halt } }\n%%\nx(a: 1)\n%%\n".utf8))
    #expect(String(decoding: rules, as: UTF8.self) == "rule r { then { halt } }\n")
    #expect(String(decoding: facts, as: UTF8.self) == "x(a: 1)\n%%\n")
    #expect(UntrustedInput.splitProgram(Array("no marker".utf8)).facts.isEmpty)
  }
}
