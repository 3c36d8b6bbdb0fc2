import RuleEngine

extension CaseRunner {
  /// A runner whose rule base also holds the what-if texts (so that their diagnostics and the
  /// facts they state can be cited), with the edits parsed.
  public func preparing(sets: [String], unsets: [String]) -> Result<(CaseRunner, FactEdits), FactEditError> {
    var base = ruleBase
    switch FactEdits.parse(sets: sets, unsets: unsets, into: &base) {
    case .failure(let error): return .failure(error)
    case .success(let edits):
      return .success(
        (CaseRunner(ruleBase: base, knowledgeBase: knowledgeBase, options: options, loader: loader), edits))
    }
  }

  /// Runs one case with its stated facts edited first; returns the run and what changed.
  public func run(
    _ path: String, editedBy edits: FactEdits, observer: ((InferenceEvent) -> Void)? = nil
  ) -> Result<(CaseRun, [FactChange]), WhatIfFailure> {
    var base = ruleBase
    let loaded = loader.loadCase(path, into: &base)
    guard let syntax = loaded.syntax, !loaded.diagnostics.hasErrors else {
      return .failure(
        .caseFailed(CaseFailure(diagnostics: loaded.diagnostics.sortedByLocation(), sources: base.sources)))
    }
    let edited: FactFileSyntax
    let changes: [FactChange]
    switch edits.apply(to: syntax, vocabulary: knowledgeBase.vocabulary, sources: base.sources) {
    case .failure(let error): return .failure(.editFailed(error))
    case .success(let result): (edited, changes) = result
    }
    let session = InferenceSession(knowledgeBase: knowledgeBase, options: options)
    session.observer = observer
    do {
      try session.assertFacts(of: edited)
    } catch {
      let diagnostic = Diagnostic.error(.evaluationError, "\(error)", at: nil)
      return .failure(.caseFailed(CaseFailure(diagnostics: [diagnostic], sources: base.sources)))
    }
    let result = session.run(options)
    return .success(
      (CaseRun(path: path, syntax: edited, session: session, result: result, sources: base.sources), changes))
  }
}

/// Why a what-if run could not be made.
public enum WhatIfFailure: Error {
  /// The case itself could not be read or checked.
  case caseFailed(CaseFailure)
  /// The edits do not fit the case (an `--unset` that matches nothing).
  case editFailed(FactEditError)
}
