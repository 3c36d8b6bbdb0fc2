import CXDXExplain
import Foundation
import RuleEngine
import RuleLanguage

/// `cxdx diagnose`: the product's main job.
struct DiagnoseCommand: Subcommand {
  let name = "diagnose"
  let abstract = "Find the root-cause enemies in case files, with their evidence."
  let usage =
    "diagnose <case> ... [--rules <dir>] [--format text|json] [--threshold <x>] [--trace] [--jobs <n>]"
  let discussion = """
    Runs the rule base on each case and reports the enemies whose combined certainty reaches
    the threshold (default 0.2), strongest first, each with its evidence (the rules that
    concluded it, with the facts they matched by file:line) and the remedy from its article;
    then what was ruled out, and what the case says too little about to assess.
    A folder diagnoses every case in it, on every core, and ends with a summary table.
    Exit status: 0 when every case ran, 1 when a case or the rules have errors, 2 for a
    usage error, 3 when a run stopped at a limit.
    """
  let arguments = [ArgumentSpec("case", help: "Case files ('.facts') or folders of them.")]
  let options: [OptionSpec] = [
    .option("--rules", value: "dir", help: "The rules folder (default: rules/, else $CXDX_RULES)."),
    .option("--format", value: "format", help: "text (default) or json (see docs/json.md)."),
    .option("--threshold", value: "x", help: "Report enemies at or above this certainty (default 0.2)."),
    .flag("--trace", help: "Print each rule firing, in order, before the report."),
    .option("--jobs", value: "n", help: "Cases diagnosed at once (default: the number of cores)."),
  ]

  func run(_ invocation: Invocation) -> ExitStatus {
    let console = invocation.console
    let format = invocation.arguments.value("--format") ?? "text"
    guard ["text", "json"].contains(format) else {
      console.error("cxdx diagnose: error: unknown format '\(format)'\nhelp: use text or json\n")
      return .usage
    }
    guard !invocation.arguments.positionals.isEmpty else {
      console.error(
        "cxdx diagnose: error: no case given\nhelp: write 'cxdx diagnose cases/harbor-insurance.facts'\n")
      return .usage
    }
    let loader = KnowledgeBaseLoader(invocation: invocation, command: name)
    let threshold: Double
    switch loader.threshold() {
    case .success(let value): threshold = value
    case .failure(let status): return status
    }
    var jobs = ProcessInfo.processInfo.activeProcessorCount
    if let text = invocation.arguments.value("--jobs") {
      guard let value = Int(text), value > 0 else {
        console.error("cxdx diagnose: error: --jobs takes a positive whole number\n")
        return .usage
      }
      jobs = value
    }
    let runner: CaseRunner
    switch loader.runner() {
    case .success(let value): runner = value
    case .failure(let status): return status
    }
    let paths: [String]
    switch loader.casePaths(invocation.arguments.positionals) {
    case .success(let value): paths = value
    case .failure(let status): return status
    }

    if invocation.arguments.has("--trace") {
      return traced(paths, runner: runner, threshold: threshold, invocation)
    }

    let showProgress = paths.count > 1 && console.errorIsTerminal
    let batch = BatchDiagnosis(
      runner: runner, threshold: threshold, jobs: jobs,
      render: renderer(format: format, invocation: invocation))
    var progress: (@Sendable (Int, Int) -> Void)?
    if showProgress {
      progress = { done, total in
        if done % 8 == 0 || done == total { console.error("\r  diagnosed \(done)/\(total) cases") }
      }
    }
    let outcomes = batch.run(paths, progress: progress)
    if showProgress { console.error("\r\u{1B}[K") }
    return report(outcomes, format: format, invocation: invocation)
  }

  private func renderer(format: String, invocation: Invocation) -> @Sendable (CaseReport) -> String {
    if format == "json" {
      let json = JSONReportRenderer()
      return { json.renderedCase($0) }
    }
    let text = TextReportRenderer(color: invocation.outputColor)
    return { text.render($0) }
  }

  private func report(_ outcomes: [BatchDiagnosis.Outcome], format: String, invocation: Invocation)
    -> ExitStatus
  {
    let console = invocation.console
    var status = ExitStatus.success
    var reports: [CaseReport] = []
    var rendered: [String] = []
    for outcome in outcomes {
      switch outcome {
      case .report(let report, let text, let stopReason):
        reports.append(report)
        rendered.append(text)
        if stopReason.isLimit {
          console.error("cxdx diagnose: error: \(report.path): the run stopped at a limit (\(stopReason))\n")
          status = .limitReached
        }
      case .failed(let text):
        console.error(text)
        if status == .success { status = .failure }
      }
    }
    if format == "json" {
      console.out(JSONReportRenderer().document(renderedCases: rendered) + "\n")
      return status
    }
    console.out(rendered.joined(separator: "\n" + String(repeating: "─", count: 40) + "\n\n"))
    if reports.count > 1 { console.out("\n" + summaryTable(reports)) }
    return status
  }

  private func summaryTable(_ reports: [CaseReport]) -> String {
    let rows = reports.map { report in
      (
        report.path, report.organization ?? "",
        report.found.isEmpty
          ? "none"
          : report.found.map { "\($0.id) \(String(format: "%.2f", $0.certainty))" }.joined(separator: ", ")
      )
    }
    let caseWidth = max(4, rows.map(\.0.count).max() ?? 0)
    let nameWidth = max(12, rows.map(\.1.count).max() ?? 0)
    func pad(_ text: String, _ width: Int) -> String {
      text + String(repeating: " ", count: max(0, width - text.count))
    }
    var text = "SUMMARY (\(reports.count) cases)\n"
    text += pad("case", caseWidth) + "  " + pad("organization", nameWidth) + "  enemies found\n"
    for row in rows { text += pad(row.0, caseWidth) + "  " + pad(row.1, nameWidth) + "  " + row.2 + "\n" }
    return text
  }

  /// Runs cases one at a time, printing every firing and contribution as it happens.
  private func traced(_ paths: [String], runner: CaseRunner, threshold: Double, _ invocation: Invocation)
    -> ExitStatus
  {
    let console = invocation.console
    var outcomes: [BatchDiagnosis.Outcome] = []
    for path in paths {
      console.out("TRACE \(path)\n")
      let writer = TraceWriter(watch: ["rules", "facts"], console: console)
      let render = renderer(format: invocation.arguments.value("--format") ?? "text", invocation: invocation)
      switch runner.run(path, observer: writer.write) {
      case .success(let run):
        let report = CaseReport(run: run, threshold: threshold)
        outcomes.append(.report(report, rendered: render(report), stopReason: run.result.stopReason))
      case .failure(let failure):
        outcomes.append(.failed(TextDiagnosticRenderer().render(failure.diagnostics, files: failure.sources)))
      }
      console.out("\n")
    }
    return report(outcomes, format: invocation.arguments.value("--format") ?? "text", invocation: invocation)
  }
}
