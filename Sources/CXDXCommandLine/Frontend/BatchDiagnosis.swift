import CXDXExplain
import Dispatch
import RuleEngine
import RuleLanguage

/// Diagnoses many cases on every core and hands the outcomes over in input order as soon as
/// they are ready, so output is the same as a serial run and memory does not grow with the
/// number of cases. Each case runs in its own session over the shared, immutable knowledge base.
struct BatchDiagnosis {
  enum Outcome: Sendable {
    /// A diagnosed case, already rendered (rendering is half the work, so it runs in parallel too).
    case report(CaseSummary, rendered: String)
    case failed(String)
  }

  /// What the summary table needs of a case, kept instead of the whole report.
  struct CaseSummary: Sendable {
    let path: String
    let organization: String?
    let found: [(id: String, certainty: Double)]
    /// How the run ended, and after how many firings.
    let result: RunResult
  }

  let runner: CaseRunner
  let threshold: Double
  let jobs: Int
  /// Whether the renderer needs every diagnosis explained (Markdown, HTML, DOT): the run is
  /// then recorded. Otherwise the explanation passed holds the report only.
  let explains: Bool
  let render: @Sendable (CaseExplanation) -> String

  /// Runs every case; `emit` receives outcomes one at a time, in input order.
  func run(
    _ paths: [String], progress: (@Sendable (Int, Int) -> Void)? = nil,
    emit: @escaping @Sendable (Outcome) -> Void
  ) {
    let queue = OrderedOutcomes(count: paths.count, emit: emit)
    let lanes = max(1, min(jobs, paths.count))
    // Strided lanes keep every core busy without one task per case.
    DispatchQueue.concurrentPerform(iterations: lanes) { lane in
      var index = lane
      while index < paths.count {
        let done = queue.store(diagnose(paths[index]), at: index)
        progress?(done, paths.count)
        index += lanes
      }
    }
  }

  func diagnose(_ path: String) -> Outcome {
    let recorder = explains ? DerivationRecorder() : nil
    switch runner.run(path, observer: recorder.map { recorder in { recorder.record($0) } }) {
    case .success(let run):
      let explanation =
        recorder.map { CaseExplanation(run: run, recorder: $0, threshold: threshold) }
        ?? CaseExplanation(report: CaseReport(run: run, threshold: threshold), explanations: [])
      return outcome(explanation, result: run.result)
    case .failure(let failure):
      return .failed(TextDiagnosticRenderer().render(failure.diagnostics, files: failure.sources))
    }
  }

  /// A diagnosed case, rendered.
  func outcome(_ explanation: CaseExplanation, result: RunResult) -> Outcome {
    let report = explanation.report
    let summary = CaseSummary(
      path: report.path, organization: report.organization, found: report.found.map { ($0.id, $0.certainty) },
      result: result)
    return .report(summary, rendered: render(explanation))
  }
}

/// Outcomes stored by index from worker threads and emitted strictly in index order.
///
/// `@unchecked Sendable`: every access to the stored state holds `lock`, and `emit` is only
/// ever called under it, so emissions never overlap.
private final class OrderedOutcomes: @unchecked Sendable {
  private let lock = ThreadLock()
  private var waiting: [Int: BatchDiagnosis.Outcome] = [:]
  private var next = 0
  private var completed = 0
  private let emit: @Sendable (BatchDiagnosis.Outcome) -> Void

  init(count: Int, emit: @escaping @Sendable (BatchDiagnosis.Outcome) -> Void) {
    self.emit = emit
    waiting.reserveCapacity(min(count, 64))
  }

  /// Stores an outcome and emits every outcome now contiguous; returns how many are done.
  func store(_ outcome: BatchDiagnosis.Outcome, at index: Int) -> Int {
    lock.withLock {
      waiting[index] = outcome
      while let ready = waiting.removeValue(forKey: next) {
        emit(ready)
        next += 1
      }
      completed += 1
      return completed
    }
  }
}
