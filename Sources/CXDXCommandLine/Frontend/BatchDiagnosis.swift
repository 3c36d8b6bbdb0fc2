import CXDXExplain
import Dispatch
import Foundation
import RuleEngine
import RuleLanguage

/// Diagnoses many cases on every core. Each case runs in its own session over the shared,
/// immutable knowledge base; results come back in input order, so output is the same as a
/// serial run.
struct BatchDiagnosis {
  enum Outcome: Sendable {
    /// A diagnosed case, already rendered (rendering is half the work, so it runs in parallel too).
    case report(CaseReport, rendered: String, stopReason: StopReason)
    case failed(String)
  }

  let runner: CaseRunner
  let threshold: Double
  let jobs: Int
  let render: @Sendable (CaseReport) -> String

  func run(_ paths: [String], progress: (@Sendable (Int, Int) -> Void)? = nil) -> [Outcome] {
    let slots = ResultSlots(count: paths.count)
    let lanes = max(1, min(jobs, paths.count))
    // Strided lanes keep every core busy without one task per case.
    DispatchQueue.concurrentPerform(iterations: lanes) { lane in
      var index = lane
      while index < paths.count {
        let done = slots.store(diagnose(paths[index]), at: index)
        progress?(done, paths.count)
        index += lanes
      }
    }
    return slots.outcomes
  }

  private func diagnose(_ path: String) -> Outcome {
    switch runner.run(path) {
    case .success(let run):
      let report = CaseReport(run: run, threshold: threshold)
      return .report(report, rendered: render(report), stopReason: run.result.stopReason)
    case .failure(let failure):
      return .failed(TextDiagnosticRenderer().render(failure.diagnostics, files: failure.sources))
    }
  }
}

/// One slot per case, filled from worker threads.
///
/// `@unchecked Sendable`: every access to `slots` and `completed` holds `lock`.
private final class ResultSlots: @unchecked Sendable {
  private let lock = NSLock()
  private var slots: [BatchDiagnosis.Outcome?]
  private var completed = 0

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  /// Stores an outcome; returns how many are stored now.
  func store(_ outcome: BatchDiagnosis.Outcome, at index: Int) -> Int {
    lock.withLock {
      slots[index] = outcome
      completed += 1
      return completed
    }
  }

  var outcomes: [BatchDiagnosis.Outcome] { lock.withLock { slots.map { $0 ?? .failed("not run\n") } } }
}
