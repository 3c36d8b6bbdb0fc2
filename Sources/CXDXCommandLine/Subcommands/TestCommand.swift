import CXDXExplain
import RuleEngine
import RuleLanguage

/// `cxdx test`: checks every case's `expect` lines against the rule base, like a test runner;
/// with `--coverage`, also reports which rules and conditions the cases exercise.
struct TestCommand: Subcommand {
  let name = "test"
  let abstract = "Run the expectations written in case files against the rule base."
  let usage = "test [<case> ...] [--rules <dir>] [--threshold <x>] [--coverage [--format text|json]]"
  let discussion = """
    Each 'expect D' line must find D at or above the threshold; 'expect not D' must assess
    D and find it below; 'expect unassessed D' must find that no rule for D has the facts
    it needs to judge. With no case, tests every case in cases/. Prints one line per case, the
    failing expectations with the actual certainties, and 'N passed, N failed'.
    --coverage then lists each rule with the cases it fired in, warns about rules no case
    fires, and lists conditions no case shows to be deciding (the rule did not fire, and
    only that condition was missing). --format json writes a cxdx.coverage/1 document instead.
    Exit status: 0 when all pass, 1 when any fails or cannot be run, 2 for a usage error.
    Coverage warnings do not change it.
    """
  let arguments = [ArgumentSpec("case", help: "Case files or folders (default: cases/).")]
  let options: [OptionSpec] = [
    .option("--rules", value: "dir", help: "The rules folder (default: rules/, else $CXDX_RULES)."),
    .option("--threshold", value: "x", help: "The reporting threshold (default 0.2)."),
    .flag("--coverage", help: "Report which rules and conditions the cases exercise."),
    .option("--format", value: "format", help: "With --coverage: text (default) or json."),
  ]

  func run(_ invocation: Invocation) -> ExitStatus {
    let console = invocation.console
    let coverageWanted = invocation.arguments.has("--coverage")
    let format = invocation.arguments.value("--format") ?? "text"
    guard format == "text" || (format == "json" && coverageWanted) else {
      console.error(
        format == "json"
          ? "cxdx test: error: --format json needs --coverage\n"
          : "cxdx test: error: unknown format '\(format)'\nhelp: use text or json\n")
      return .usage
    }
    let loader = KnowledgeBaseLoader(invocation: invocation, command: name)
    let threshold: Double
    let runner: CaseRunner
    switch loader.thresholdAndRunner() {
    case .success(let loaded): (threshold, runner) = loaded
    case .failure(let status): return status
    }
    let arguments = invocation.arguments.positionals.isEmpty ? ["cases"] : invocation.arguments.positionals
    let paths: [String]
    switch loader.casePaths(arguments) {
    case .success(let value): paths = value
    case .failure(let status): return status
    }
    let coverageRunner = coverageWanted ? CoverageRunner(runner: runner) : nil
    var coverage = RuleCoverage(rules: runner.knowledgeBase.rules)
    var outcomes: [(path: String, outcome: JSONCoverageRenderer.Outcome)] = []
    // JSON is one document on standard output: the per-case lines are left out.
    let lines = format == "text"
    let color = invocation.outputColor
    func paint(_ text: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
    func say(_ text: String) { if lines { console.out(text) } }
    for path in paths {
      let result: Result<CaseRun, CaseFailure>
      if let coverageRunner {
        let (run, caseCoverage) = coverageRunner.run(path)
        result = run
        if let caseCoverage { coverage.add(caseCoverage) }
      } else {
        result = runner.run(path)
      }
      switch result {
      case .failure(let failure):
        outcomes.append((path, .error))
        say("\(paint("ERROR", "1;31")) \(path)\n")
        console.error(
          TextDiagnosticRenderer(style: invocation.errorStyle).render(
            failure.diagnostics, files: failure.sources))
      case .success(let run):
        let report = CaseReport(run: run, threshold: threshold)
        let results = report.check(run.syntax, sources: run.sources)
        let failures = results.filter { !$0.passed }
        if results.isEmpty {
          outcomes.append((path, .fail))
          say("\(paint("FAIL", "1;31"))  \(path): no expectations; add 'expect' lines\n")
        } else if failures.isEmpty && !run.result.stopReason.isLimit {
          outcomes.append((path, .pass))
          say("\(paint("PASS", "1;32"))  \(path) (\(results.count) expectations)\n")
        } else {
          outcomes.append((path, .fail))
          say("\(paint("FAIL", "1;31"))  \(path)\n")
          if run.result.stopReason.isLimit {
            say("      the run stopped at a limit: \(run.result.stopReason)\n")
          }
          for failure in failures {
            say("      \(failure.location): \(failure.text): \(failure.actual)\n")
          }
        }
      }
    }
    let passed = outcomes.count { $0.outcome == .pass }
    let failed = outcomes.count - passed
    say("\n\(passed) passed, \(failed) failed\n")
    if coverageRunner != nil {
      let sources = runner.ruleBase.sources
      if lines {
        console.out("\n" + TextCoverageRenderer().render(coverage, sources: sources))
      } else {
        console.out(
          JSONCoverageRenderer().json(coverage, outcomes: outcomes, sources: sources).rendered() + "\n")
      }
    }
    return failed == 0 ? .success : .failure
  }
}
