import CXDXExplain
import Foundation
import RuleEngine
import RuleLanguage
import Testing

/// The library is safe to share across tasks: the values passed between them are `Sendable`
/// (checked by the compiler, here), and one runner diagnosing every case from many tasks at
/// once gives what it gives one case at a time.
@Suite struct ConcurrencyTests {
  /// Compiles only while each type stays `Sendable`.
  private func requireSendable<T: Sendable>(_: T.Type) {}

  @Test func theValuesSharedAcrossTasksAreSendable() {
    requireSendable(KnowledgeBase.self)
    requireSendable(LoadedRuleBase.self)
    requireSendable(LoadedCase.self)
    requireSendable(CaseRunner.self)
    requireSendable(RunOptions.self)
    requireSendable(RunResult.self)
    requireSendable(FileReader.self)
    requireSendable(FileReader.FolderListing.self)
    requireSendable(RuleBaseLoader.self)
    requireSendable(SourceFiles.self)
    requireSendable(Diagnostic.self)
    requireSendable(FactFileSyntax.self)
    requireSendable(RuleFileSyntax.self)
    requireSendable(JSONSyntax.self)
    requireSendable(JSONCaseReader.self)
    requireSendable(Vocabulary.self)
    requireSendable(FactEdits.self)
    requireSendable(CaseReport.self)
  }

  @Test func oneRunnerDiagnosesEveryCaseFromManyTasksAsItDoesSerially() async throws {
    let ruleBase = RuleBaseLoader().loadRules(from: [KnowledgeBaseTests.rulesFolder])
    let knowledgeBase = try #require(ruleBase.compile().0)
    let runner = CaseRunner(ruleBase: ruleBase, knowledgeBase: knowledgeBase)
    let paths = KnowledgeBaseTests.casePaths
    @Sendable func outcome(_ path: String) -> String {
      guard case .success(let run) = runner.run(path) else { return "\(path): error" }
      let report = CaseReport(run: run)
      return (report.found + report.ruledOut).map { "\($0.id)=\($0.certainty.bitPattern)" }.joined(
        separator: " ")
    }
    let serial = paths.map(outcome)
    let parallel = await withTaskGroup(of: (Int, String).self) { group in
      for _ in 0..<4 {
        for (index, path) in paths.enumerated() { group.addTask { (index, outcome(path)) } }
      }
      var results: [[String]] = Array(repeating: [], count: paths.count)
      for await (index, text) in group { results[index].append(text) }
      return results
    }
    for (index, runs) in parallel.enumerated() {
      #expect(runs.count == 4 && runs.allSatisfy { $0 == serial[index] }, "\(paths[index])")
    }
  }
}
