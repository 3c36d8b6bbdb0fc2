import RuleEngine

/// A case that was loaded, checked and run.
public struct CaseRun {
  public let path: String
  public let syntax: FactFileSyntax
  public let session: InferenceSession
  public let result: RunResult
  /// The rule base's sources plus the case file, for `file:line` citations.
  public let sources: SourceFiles
}

/// Why a case could not be run: its diagnostics, with the sources to render them.
public struct CaseFailure: Error {
  public let diagnostics: [Diagnostic]
  public let sources: SourceFiles
}

/// Loads a case file, asserts its facts in a new session and runs the rule base on it.
/// One call per case; the knowledge base is shared, so cases can run on many tasks at once.
public struct CaseRunner: Sendable {
  public let ruleBase: LoadedRuleBase
  public let knowledgeBase: KnowledgeBase
  public var options: RunOptions
  public var loader: RuleBaseLoader

  public init(
    ruleBase: LoadedRuleBase, knowledgeBase: KnowledgeBase, options: RunOptions = RunOptions(),
    loader: RuleBaseLoader = RuleBaseLoader()
  ) {
    self.ruleBase = ruleBase
    self.knowledgeBase = knowledgeBase
    self.options = options
    self.loader = loader
  }

  /// Runs one case. `prepare` may change working memory before the run (what-if);
  /// `observer` sees every event.
  public func run(
    _ path: String, prepare: ((InferenceSession) throws -> Void)? = nil,
    observer: ((InferenceEvent) -> Void)? = nil
  ) -> Result<CaseRun, CaseFailure> {
    var base = ruleBase
    let loaded = loader.loadCase(path, into: &base)
    return run(loaded, path: path, base: base, prepare: prepare, observer: observer)
  }

  /// Runs a case given as text (a consultation's case as it stands), cited as `path`.
  public func run(text: String, path: String, observer: ((InferenceEvent) -> Void)? = nil)
    -> Result<CaseRun, CaseFailure>
  {
    var base = ruleBase
    let loaded = loader.loadCase(text: text, path: path, into: &base)
    return run(loaded, path: path, base: base, prepare: nil, observer: observer)
  }

  private func run(
    _ loaded: LoadedCase, path: String, base: LoadedRuleBase, prepare: ((InferenceSession) throws -> Void)?,
    observer: ((InferenceEvent) -> Void)?
  ) -> Result<CaseRun, CaseFailure> {
    guard let syntax = loaded.syntax, !loaded.diagnostics.hasErrors else {
      return .failure(CaseFailure(diagnostics: loaded.diagnostics.sortedByLocation(), sources: base.sources))
    }
    let session = InferenceSession(knowledgeBase: knowledgeBase, options: options)
    session.observer = observer
    do {
      try session.assertFacts(of: syntax)
      try prepare?(session)
    } catch {
      let diagnostic = Diagnostic.error(.evaluationError, "\(error)", at: nil)
      return .failure(CaseFailure(diagnostics: [diagnostic], sources: base.sources))
    }
    let result = session.run(options)
    return .success(
      CaseRun(path: path, syntax: syntax, session: session, result: result, sources: base.sources))
  }
}
