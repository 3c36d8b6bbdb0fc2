import CXDXExplain
import RuleEngine
import RuleLanguage

/// A consultation as it stands: the case so far, and how to run it. Each step writes the case
/// as the file it will be saved as, runs the rule base on that text (so `how` and `why` cite
/// the lines the saved file will have) and plans the next question from the run.
struct Consultation {
  let runner: CaseRunner
  let writer: CaseTextWriter
  let kinds: FactKinds
  let threshold: Double
  /// How the case is cited: the file it will be saved as.
  let path: String
  var state: ConsultCase

  /// The case run and the question to ask next.
  struct Step {
    let run: CaseRun
    let recorder: DerivationRecorder
    let plan: QuestionPlan
  }

  func evaluate() -> Result<Step, CaseFailure> {
    let text = writer.text(for: state)
    let recorder = DerivationRecorder()
    switch runner.run(text: text, path: path, observer: recorder.record) {
    case .failure(let failure):
      return .failure(failure)
    case .success(let run):
      // The text lists the consultation's facts in order: the file's, then the added ones.
      var position: [Int: Int] = [:]
      for (index, fact) in run.syntax.facts.enumerated() where position[fact.span.start] == nil {
        position[fact.span.start] = index
      }
      var factIndex: [FactID: Int] = [:]
      for fact in run.session.allFacts {
        if let span = run.session.statedSpan(of: fact.id), let index = position[span.start] {
          factIndex[fact.id] = index
        }
      }
      let planner = QuestionPlanner(
        session: run.session, state: state, kinds: kinds, threshold: threshold, factIndex: factIndex)
      return .success(Step(run: run, recorder: recorder, plan: planner.plan()))
    }
  }

  /// The facts a case file states, as the consultation's starting point.
  static func statedFacts(_ syntax: FactFileSyntax, vocabulary: Vocabulary) -> [ConsultFact] {
    let lowering = Lowering(vocabulary: vocabulary)
    return syntax.facts.enumerated().map { index, fact in
      let lowered = lowering.fact(fact)
      return ConsultFact(template: lowered.template, original: index, slots: lowered.slots)
    }
  }

  /// Today's date in UTC (`2026-11-25`), or `CXDX_CONSULT_DATE` when set (for tests).
  static func today(environment: [String: String]) -> String {
    if let fixed = environment["CXDX_CONSULT_DATE"]?.split(separator: "\n").first, !fixed.isEmpty {
      return String(fixed)
    }
    var now = time(nil)
    var parts = tm()
    gmtime_r(&now, &parts)
    func two(_ number: Int32) -> String { number < 10 ? "0\(number)" : "\(number)" }
    return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))"
  }
}
