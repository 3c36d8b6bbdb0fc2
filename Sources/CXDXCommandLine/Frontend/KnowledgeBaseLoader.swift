import RuleEngine
import RuleLanguage

/// Finds, loads, checks and compiles the rule base for `diagnose`, `test` and `explain`,
/// printing any diagnostics; and expands case arguments (folders become their `.facts` files).
struct KnowledgeBaseLoader {
  let invocation: Invocation
  let command: String
  var reader = FileReader()

  /// The runner for the located rule base, or the exit status to stop with. Each case runs
  /// within ``RunLimits/caseDefaults``, or `--max-firings` and `--max-facts` when given.
  func runner() -> Result<CaseRunner, ExitStatus> {
    let console = invocation.console
    let options: RunOptions
    switch RunLimits.parse(invocation, command: command, defaults: RunLimits.caseDefaults) {
    case .success(let parsed): options = parsed
    case .failure(let status): return .failure(status)
    }
    let reader: FileReader
    switch RunLimits.reader(self.reader, invocation, command: command) {
    case .success(let limited): reader = limited
    case .failure(let status): return .failure(status)
    }
    let folder: String
    switch RulesLocator(reader: reader, environment: invocation.environment)
      .locate(explicit: invocation.arguments.value("--rules"))
    {
    case .success(let found): folder = found
    case .failure(let error):
      console.error("cxdx \(command): error: \(error.message)\n")
      if let help = error.help { console.error("help: \(help)\n") }
      return .failure(.usage)
    }
    let loader = RuleBaseLoader(reader: reader)
    let ruleBase = loader.loadRules(from: [folder])
    let (compiled, diagnostics) = ruleBase.compile()
    if !diagnostics.isEmpty {
      console.error(
        TextDiagnosticRenderer(style: invocation.errorStyle).render(diagnostics, files: ruleBase.sources))
    }
    guard let knowledgeBase = compiled else {
      console.error(
        "cxdx \(command): error: the rule base in '\(folder)' has errors; run 'cxdx check \(folder)'\n")
      return .failure(.failure)
    }
    return .success(
      CaseRunner(ruleBase: ruleBase, knowledgeBase: knowledgeBase, options: options, loader: loader))
  }

  /// Case files named by the arguments: files as given, folders expanded in name order (their
  /// `.facts` and `.json` files). A link in a folder to a file outside it stops the command
  /// (E0406): a folder is read only within itself.
  func casePaths(_ arguments: [String]) -> Result<[String], ExitStatus> {
    var paths: [String] = []
    for argument in arguments {
      switch reader.kind(of: argument) {
      case .directory:
        let listing: FileReader.FolderListing
        switch reader.list(argument, suffixes: RuleBaseLoader.caseSuffixes) {
        case .success(let found): listing = found
        case .failure(let diagnostic):
          invocation.console.error(
            TextDiagnosticRenderer(style: invocation.errorStyle).render([diagnostic], files: SourceFiles()))
          return .failure(.failure)
        }
        if !listing.refused.isEmpty {
          invocation.console.error(
            TextDiagnosticRenderer(style: invocation.errorStyle).render(listing.refused, files: SourceFiles())
          )
          return .failure(.failure)
        }
        if listing.files.isEmpty {
          invocation.console.error(
            "cxdx \(command): error: no case files ('.facts', '.json') in '\(argument)'\n")
          return .failure(.failure)
        }
        paths += listing.files
      default:
        paths.append(argument)
      }
    }
    return .success(paths)
  }

  /// Reads `--threshold`, a number in 0…1.
  /// The reporting threshold and a runner over the rule base: what diagnosing commands need
  /// first, or the status to exit with (the error already printed).
  func thresholdAndRunner() -> Result<(threshold: Double, runner: CaseRunner), ExitStatus> {
    threshold().flatMap { threshold in runner().map { (threshold, $0) } }
  }

  func threshold() -> Result<Double, ExitStatus> {
    guard let text = invocation.arguments.value("--threshold") else { return .success(0.2) }
    guard let value = Double(text), value >= 0, value <= 1 else {
      invocation.console.error("cxdx \(command): error: --threshold takes a number between 0 and 1\n")
      return .failure(.usage)
    }
    return .success(value)
  }
}
