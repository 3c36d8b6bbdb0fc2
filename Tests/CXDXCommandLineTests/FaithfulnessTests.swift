import CXDXExplain
import Foundation
import RuleEngine
import RuleLanguage
import Testing

@testable import CXDXCommandLine

/// Explanations say what the engine computed: for every bundled case and every declared
/// diagnosis, the certainty each format prints is the engine's, the arithmetic shown ends at
/// it exactly, and the contributions shown are the engine's contributions.
@Suite struct FaithfulnessTests {
  static let runner: CaseRunner? = {
    let ruleBase = RuleBaseLoader().loadRules(from: [InProcess.rules])
    guard let knowledgeBase = ruleBase.compile().0 else { return nil }
    return CaseRunner(ruleBase: ruleBase, knowledgeBase: knowledgeBase)
  }()

  /// The engine's certainty of every declared diagnosis (0 when nothing contributed).
  private func engineCertainties(_ run: CaseRun) -> [String: Double] {
    var result: [String: Double] = [:]
    for definition in run.session.knowledgeBase.vocabulary.diagnoses { result[definition.id] = 0 }
    for diagnosis in run.session.diagnoses { result[diagnosis.id] = diagnosis.certainty }
    return result
  }

  @Test(arguments: InProcess.cases)
  func theArithmeticShownEndsAtTheEnginesCertainty(_ path: String) throws {
    let runner = try #require(Self.runner)
    let recorder = DerivationRecorder()
    guard case .success(let run) = runner.run(path, observer: recorder.record) else {
      Issue.record("\(path) did not run")
      return
    }
    let engine = engineCertainties(run)
    let explanation = CaseExplanation(run: run, recorder: recorder, threshold: 0.2)
    #expect(explanation.explanations.count == engine.count, "every declared diagnosis is explained")
    for diagnosis in explanation.explanations {
      let expected = try #require(engine[diagnosis.id])
      #expect(diagnosis.certainty.bitPattern == expected.bitPattern, "\(path) \(diagnosis.id)")
      if let last = diagnosis.combination.last {
        #expect(
          last.result.bitPattern == expected.bitPattern, "\(path) \(diagnosis.id): the steps end elsewhere")
      } else {
        #expect(diagnosis.contributions.isEmpty && expected == 0)
      }
      let contributions = run.session.diagnoses.first { $0.id == diagnosis.id }?.contributions ?? []
      #expect(
        diagnosis.contributions.map(\.certainty).sorted() == contributions.map(\.certainty).sorted(),
        "\(path) \(diagnosis.id): the contributions shown are not the engine's")
    }
  }

  @Test(arguments: InProcess.cases)
  func everyFormatPrintsTheEnginesCertainty(_ path: String) throws {
    let runner = try #require(Self.runner)
    guard case .success(let run) = runner.run(path) else {
      Issue.record("\(path) did not run")
      return
    }
    let engine = engineCertainties(run)

    let json = InProcess.run(["explain", "--rules", InProcess.rules, path, "--format", "json"]).output
    let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    let explanations = try #require(document["explanations"] as? [[String: Any]])
    #expect(explanations.count == engine.count)
    for item in explanations {
      let id = try #require(item["id"] as? String)
      let printed = try #require(item["certainty"] as? Double)
      #expect(
        abs(printed - (engine[id] ?? .nan)) <= 5e-7,
        "\(path) \(id): JSON \(printed), engine \(engine[id] ?? .nan)")
    }

    let text = InProcess.run(["explain", "--rules", InProcess.rules, path]).output
    let markdown = InProcess.run(["explain", "--rules", InProcess.rules, path, "--format", "markdown"]).output
    let html = InProcess.run(["explain", "--rules", InProcess.rules, path, "--format", "html"]).output
    let report = CaseReport(run: run)
    for (id, certainty) in engine {
      let shown = (certainty < 0 ? "−" : "") + abs(certainty).fixed(2)
      let title = run.session.knowledgeBase.vocabulary.diagnosis(named: id)?.title ?? ""
      let status =
        switch report.status(of: id) {
        case .found: "FOUND"
        case .ruledOut: "RULED OUT"
        case .unassessed: "NOT ASSESSED"
        }
      #expect(
        text.contains("\(id): \(title)\n  \(status)  certainty \(shown) (threshold"), "\(path) \(id) text")
      #expect(markdown.contains("(\(shown), "), "\(path) \(id) markdown")
      #expect(html.contains("id=\"case-") && html.contains("\(id)</a>"), "\(path) \(id) html ranking")
      if certainty != 0 { #expect(text.contains("    = \(shown) (the engine's certainty)"), "\(path) \(id)") }
    }
  }
}
