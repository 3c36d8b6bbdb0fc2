import CXDXExplain
import RuleEngine
import RuleLanguage

/// `cxdx test`: checks every case's `expect` lines against the rule base, like a test runner;
/// with `--coverage`, also reports which rules and conditions the cases exercise
/// (`TestCommand+Coverage.swift`).
struct TestCommand: Subcommand {
  let name = "test"
  let abstract = "Run the expectations written in case files against the rule base."
  let usage =
    "test [<case> ...] [--rules <dir>] [--threshold <x>] [--coverage] [--format <f>] [--max-firings <n>] "
    + "[--max-facts <n>] [--max-file-size <MiB>]"
  let discussion = """
    Each 'expect D' line must find D at or above the threshold; 'expect not D' must assess
    D and find it below; 'expect unassessed D' must find that no rule for D has the facts
    it needs to judge. With no case, tests every case in cases/. Prints one line per case, the
    failing expectations with the actual certainties, and 'N passed, N failed'.
    Exit status: 0 when all pass, 1 when any fails or cannot be run, 2 for a usage error, 3
    when a case's run stopped at a limit.
    """
  let arguments = [ArgumentSpec("case", help: "Case files or folders (default: cases/).")]
  let options: [OptionSpec] = [
    .flag(
      "--coverage", help: "Also report which rules and conditions the cases exercise (exit status unchanged)."
    ),
    .option("--format", value: "format", help: "With --coverage: text (default) or json (cxdx.coverage/1)."),
    .option("--rules", value: "dir", help: "The rules folder (default: rules/, else $CXDX_RULES)."),
    .option("--threshold", value: "x", help: "The reporting threshold (default 0.2)."),
    RunLimits.maxFiringsOption, RunLimits.maxFactsOption, RunLimits.fileSizeOption,
  ]

  func run(_ invocation: Invocation) -> ExitStatus {
    var coverage: CoverageSession
    switch CoverageSession.start(invocation) {
    case .success(let session): coverage = session
    case .failure(let status): return status
    }
    // With JSON coverage the document is the only standard output: per-case lines are dropped.
    let console = coverage.lineConsole(invocation.console)
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
    coverage.prepare(runner)
    // After the summary line, whatever the outcome.
    defer { coverage.report(runner, to: invocation.console) }
    let color = invocation.outputColor
    func paint(_ text: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
    var passed = 0
    var failed = 0
    // A run stopped at a limit did not finish: exit 3, as for diagnose, before 1.
    var limitReached = false
    for path in paths {
      switch coverage.run(path, with: runner) {
      case .failure(let failure):
        coverage.record(path, .error)
        failed += 1
        console.out("\(paint("ERROR", "1;31")) \(path)\n")
        console.error(
          TextDiagnosticRenderer(style: invocation.errorStyle).render(
            failure.diagnostics, files: failure.sources))
      case .success(let run):
        let report = CaseReport(run: run, threshold: threshold)
        let results = report.check(run.syntax, sources: run.sources)
        let failures = results.filter { !$0.passed }
        coverage.record(
          path, results.isEmpty || !failures.isEmpty || run.result.stopReason.isLimit ? .fail : .pass)
        if results.isEmpty {
          failed += 1
          console.out("\(paint("FAIL", "1;31"))  \(path): no expectations; add 'expect' lines\n")
        } else if failures.isEmpty && !run.result.stopReason.isLimit {
          passed += 1
          console.out("\(paint("PASS", "1;32"))  \(path) (\(results.count) expectations)\n")
        } else {
          failed += 1
          console.out("\(paint("FAIL", "1;31"))  \(path)\n")
          if let message = RunLimits.message(run.result, options: runner.options) {
            console.error("cxdx test: error: \(path): " + message)
            limitReached = true
          }
          for failure in failures {
            console.out("      \(failure.location): \(failure.text): \(failure.actual)\n")
          }
        }
      }
    }
    console.out("\n\(passed) passed, \(failed) failed\n")
    return limitReached ? .limitReached : failed == 0 ? .success : .failure
  }
}
