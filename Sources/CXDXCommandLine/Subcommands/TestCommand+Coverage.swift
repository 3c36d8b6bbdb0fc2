import CXDXExplain
import RuleEngine
import RuleLanguage

/// What `cxdx test --coverage` adds to a test run: each case run through a
/// ``CoverageRunner`` and added to a ``RuleCoverage``, then the report, as text after the
/// results or as the `cxdx.coverage/1` document. Without `--coverage`, every call is a
/// pass-through, so `cxdx test` runs exactly as before.
struct CoverageSession {
  let enabled: Bool
  let format: String
  private var runner: CoverageRunner?
  private var coverage = RuleCoverage(rules: [])
  private var outcomes: [(path: String, outcome: JSONCoverageRenderer.Outcome)] = []

  /// Reads `--coverage` and `--format`; a usage error stops the command.
  static func start(_ invocation: Invocation) -> Result<CoverageSession, ExitStatus> {
    let enabled = invocation.arguments.has("--coverage")
    let format = invocation.arguments.value("--format") ?? "text"
    guard format == "text" || (format == "json" && enabled) else {
      invocation.console.error(
        format == "json"
          ? "cxdx test: error: --format json needs --coverage\n"
          : "cxdx test: error: unknown format '\(format)'\nhelp: use text or json\n")
      return .failure(.usage)
    }
    return .success(CoverageSession(enabled: enabled, format: format))
  }

  /// The console for the per-case lines: none when the output is one JSON document.
  func lineConsole(_ console: Console) -> Console {
    guard enabled, format == "json" else { return console }
    return Console(
      outputIsTerminal: console.outputIsTerminal, errorIsTerminal: console.errorIsTerminal, out: { _ in },
      error: { console.error($0) })
  }

  mutating func prepare(_ caseRunner: CaseRunner) {
    guard enabled else { return }
    runner = CoverageRunner(runner: caseRunner)
    coverage = RuleCoverage(rules: caseRunner.knowledgeBase.rules)
  }

  /// Runs one case, recording its coverage when asked.
  mutating func run(_ path: String, with caseRunner: CaseRunner) -> Result<CaseRun, CaseFailure> {
    guard let runner else { return caseRunner.run(path) }
    let (result, caseCoverage) = runner.run(path)
    if let caseCoverage { coverage.add(caseCoverage) }
    return result
  }

  mutating func record(_ path: String, _ outcome: JSONCoverageRenderer.Outcome) {
    if enabled { outcomes.append((path, outcome)) }
  }

  /// The coverage report, on standard output.
  func report(_ caseRunner: CaseRunner, to console: Console) {
    guard enabled else { return }
    let sources = caseRunner.ruleBase.sources
    if format == "json" {
      console.out(
        JSONCoverageRenderer().json(coverage, outcomes: outcomes, sources: sources).rendered() + "\n")
    } else {
      console.out("\n" + TextCoverageRenderer().render(coverage, sources: sources))
    }
  }
}
