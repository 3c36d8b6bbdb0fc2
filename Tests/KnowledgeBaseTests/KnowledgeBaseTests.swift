import CXDXExplain
import Foundation
import RuleEngine
import TestSupport
import Testing

@testable import RuleLanguage

/// The repository's `rules/` and `cases/` as a program under test: every expectation
/// holds, every diagnosis is exercised both ways, every rule file matters, and the result
/// does not depend on the order facts are stated in.
@Suite struct KnowledgeBaseTests {
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .deletingLastPathComponent()
  static let rulesFolder = repository.appendingPathComponent("rules").path
  static let casesFolder = repository.appendingPathComponent("cases").path
  static let seeds: Set<String> = [
    "000_3ab02d59b8e5a976.txt", "001_0dd9f2884dd0cef4.txt", "002_5db81fa9ec9817ad.txt",
    "003_e1f02527f1d02541.txt", "004_2101d650ccda1e01.txt",
  ]

  static var casePaths: [String] {
    (try? FileReader().list(casesFolder, suffixes: [".facts"]).get().files) ?? []
  }

  static var ruleFiles: [String] {
    (try? FileReader().list(rulesFolder, suffixes: [".rules"]).get().files) ?? []
  }

  private static func runner(ruleFiles: [String] = ruleFiles) throws -> CaseRunner {
    let ruleBase = RuleBaseLoader().loadRules(from: ruleFiles)
    let (compiled, diagnostics) = ruleBase.compile()
    let knowledgeBase = try #require(compiled, "\(diagnostics.map(\.message))")
    return CaseRunner(ruleBase: ruleBase, knowledgeBase: knowledgeBase)
  }

  /// The failing expectations of a case under a rule base.
  private static func failures(_ path: String, runner: CaseRunner) -> [String] {
    switch runner.run(path) {
    case .failure(let failure): return failure.diagnostics.map(\.message)
    case .success(let run):
      return CaseReport(run: run).check(run.syntax, sources: run.sources).filter { !$0.passed }
        .map { "\($0.location): \($0.text): \($0.actual)" }
    }
  }

  @Test func thereAreAtLeastFifteenCases() {
    #expect(Self.casePaths.count >= 15)
  }

  @Test(arguments: casePaths)
  func everyExpectationHolds(_ path: String) throws {
    let runner = try Self.runner()
    #expect(Self.failures(path, runner: runner).isEmpty, "\(Self.failures(path, runner: runner))")
  }

  @Test func everyDiagnosisIsExpectedPresentSomewhereAndAbsentElsewhere() throws {
    let runner = try Self.runner()
    var present: Set<String> = []
    var absent: Set<String> = []
    for path in Self.casePaths {
      guard case .success(let run) = runner.run(path) else { continue }
      for expectation in run.syntax.expectations {
        switch expectation.outcome {
        case .present: present.insert(expectation.diagnosis.text)
        case .absent: absent.insert(expectation.diagnosis.text)
        case .unassessed: break
        }
      }
    }
    for diagnosis in runner.knowledgeBase.vocabulary.diagnoses.map(\.id) {
      #expect(present.contains(diagnosis), "no case expects \(diagnosis)")
      #expect(absent.contains(diagnosis), "no case expects not \(diagnosis)")
    }
  }

  @Test(arguments: ruleFiles.filter { !$0.hasSuffix("vocabulary.rules") })
  func removingThisRuleFileBreaksSomeCase(_ removed: String) throws {
    let runner = try Self.runner(ruleFiles: Self.ruleFiles.filter { $0 != removed })
    let broken = Self.casePaths.contains { !Self.failures($0, runner: runner).isEmpty }
    #expect(broken, "no case notices that \(removed) is gone")
  }

  @Test func everyRuleCitesASeedArticle() throws {
    let runner = try Self.runner()
    for rule in runner.knowledgeBase.rules {
      #expect(Self.seeds.contains(rule.source), "rule \(rule.name) cites '\(rule.source)'")
    }
    for diagnosis in runner.knowledgeBase.vocabulary.diagnoses {
      #expect(Self.seeds.contains(diagnosis.source), "diagnosis \(diagnosis.id) cites '\(diagnosis.source)'")
    }
  }

  @Test(arguments: casePaths)
  func factOrderDoesNotChangeTheDiagnosis(_ path: String) throws {
    let runner = try Self.runner()
    guard case .success(let reference) = runner.run(path) else { return }
    let expected = CaseReport(run: reference).summaryLine
    var generator = SeededGenerator(seed: UInt64(path.utf8.count))
    for _ in 0..<20 {
      var syntax = reference.syntax
      syntax.facts.shuffle(using: &generator)
      let session = InferenceSession(knowledgeBase: runner.knowledgeBase)
      try session.assertFacts(of: syntax)
      let result = session.run()
      let run = CaseRun(
        path: path, syntax: syntax, session: session, result: result, sources: reference.sources)
      #expect(CaseReport(run: run).summaryLine == expected)
    }
  }
}

extension CaseReport {
  /// Every diagnosis's status and exact certainty bits, for comparing runs.
  fileprivate var summaryLine: String {
    (found + ruledOut).map { "\($0.id)=\($0.certainty.bitPattern)" }.sorted().joined(separator: " ")
      + " unassessed: " + unassessed.map(\.id).joined(separator: ",")
  }
}
