import CXDXExplain
import RuleEngine
import RuleLanguage

/// Runs one case for `explain` (and a what-if `diagnose`) with its events recorded, applies
/// `--set` / `--unset`, and turns the run into a ``CaseExplanation``; prints what goes wrong
/// and returns the exit status to stop with.
struct CaseExplainer {
  let invocation: Invocation
  let command: String
  let runner: CaseRunner
  let threshold: Double
  var maximumDepth = ExplanationBuilder.defaultMaximumDepth

  /// The `--set` and `--unset` texts given.
  var sets: [String] { invocation.arguments.all("--set") }
  var unsets: [String] { invocation.arguments.all("--unset") }
  var isWhatIf: Bool { !sets.isEmpty || !unsets.isEmpty }

  /// Explains a case, after the what-if edits if any (with the before/after comparison).
  /// `diagnoses` nil explains every declared diagnosis.
  func explain(_ path: String, diagnoses: [String]?, observer: ((InferenceEvent) -> Void)? = nil)
    -> Result<(CaseExplanation, CaseRun), ExitStatus>
  {
    guard isWhatIf else {
      let recorder = DerivationRecorder()
      switch runner.run(path, observer: both(recorder.record, observer)) {
      case .failure(let failure):
        printDiagnostics(failure.diagnostics, failure.sources)
        return .failure(.failure)
      case .success(let run):
        return .success((explanation(run, recorder, diagnoses, whatIf: nil), run))
      }
    }
    let edited: CaseRunner
    let edits: FactEdits
    switch runner.preparing(sets: sets, unsets: unsets) {
    case .failure(let error):
      report(error)
      return .failure(.usage)
    case .success(let prepared): (edited, edits) = prepared
    }
    let before: CaseRun
    switch runner.run(path) {
    case .failure(let failure):
      printDiagnostics(failure.diagnostics, failure.sources)
      return .failure(.failure)
    case .success(let run): before = run
    }
    let recorder = DerivationRecorder()
    switch edited.run(path, editedBy: edits, observer: both(recorder.record, observer)) {
    case .failure(.caseFailed(let failure)):
      printDiagnostics(failure.diagnostics, failure.sources)
      return .failure(.failure)
    case .failure(.editFailed(let error)):
      report(error)
      return .failure(.usage)
    case .success((let after, let changes)):
      let comparison = WhatIfComparison(
        before: CaseReport(run: before, threshold: threshold),
        after: CaseReport(run: after, threshold: threshold),
        changes: changes.map { $0.describe(after.sources) })
      return .success((explanation(after, recorder, diagnoses, whatIf: comparison), after))
    }
  }

  private func explanation(
    _ run: CaseRun, _ recorder: DerivationRecorder, _ diagnoses: [String]?, whatIf: WhatIfComparison?
  ) -> CaseExplanation {
    CaseExplanation(
      run: run, recorder: recorder, threshold: threshold, diagnoses: diagnoses, maximumDepth: maximumDepth,
      whatIf: whatIf)
  }

  private func both(
    _ first: @escaping (InferenceEvent) -> Void, _ second: ((InferenceEvent) -> Void)?
  ) -> (InferenceEvent) -> Void {
    guard let second else { return first }
    return { event in
      first(event)
      second(event)
    }
  }

  private func printDiagnostics(_ diagnostics: [Diagnostic], _ sources: SourceFiles) {
    invocation.console.error(
      TextDiagnosticRenderer(style: invocation.errorStyle).render(diagnostics, files: sources))
  }

  private func report(_ error: FactEditError) {
    if !error.diagnostics.isEmpty { printDiagnostics(error.diagnostics, error.sources) }
    invocation.console.error("cxdx \(command): error: \(error.message)\n")
    if let help = error.help { invocation.console.error("help: \(help)\n") }
  }
}
