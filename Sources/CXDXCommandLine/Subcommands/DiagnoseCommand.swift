import CXDXExplain
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
    .option(
      "--format", value: "format",
      help: "text (default), json (docs/json.md), or summary (one tab-separated line per case)."),
    .option("--threshold", value: "x", help: "Report enemies at or above this certainty (default 0.2)."),
    .flag("--trace", help: "Print each rule firing, in order, before the report."),
    .option("--jobs", value: "n", help: "Cases diagnosed at once (default: the number of cores)."),
  ]

  func run(_ invocation: Invocation) -> ExitStatus {
    let console = invocation.console
    let format = invocation.arguments.value("--format") ?? "text"
    guard ["text", "json", "summary"].contains(format) else {
      console.error("cxdx diagnose: error: unknown format '\(format)'\nhelp: use text, json or summary\n")
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
    var jobs = Platform.processorCount
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
        if done % 8 == 0 || done == total { console.error("\r  diagnosed \(done)/\(total) cases\u{1B}[K") }
      }
    }
    let printer = BatchPrinter(
      format: format, console: console, clearProgress: showProgress,
      json: JSONReportRenderer(diagnoses: runner.knowledgeBase.vocabulary.diagnoses))
    batch.run(paths, progress: progress, emit: printer.print)
    return printer.finish()
  }

  private func renderer(format: String, invocation: Invocation) -> @Sendable (CaseReport) -> String {
    if format == "json" {
      let json = JSONReportRenderer(diagnoses: [])
      return { json.renderedCase($0) }
    }
    if format == "summary" {
      return { report in
        let found = report.found.map { "\($0.id)=\(($0.certainty).fixed(2))" }.joined(
          separator: ",")
        return "\(report.path)\t\(report.organization ?? "")\t\(found)\n"
      }
    }
    let text = TextReportRenderer(color: invocation.outputColor)
    return { text.render($0) }
  }

  /// Runs cases one at a time, printing every firing and contribution as it happens.
  private func traced(_ paths: [String], runner: CaseRunner, threshold: Double, _ invocation: Invocation)
    -> ExitStatus
  {
    let console = invocation.console
    let format = invocation.arguments.value("--format") ?? "text"
    let batch = BatchDiagnosis(
      runner: runner, threshold: threshold, jobs: 1, render: renderer(format: format, invocation: invocation))
    let printer = BatchPrinter(
      format: format, console: console, clearProgress: false,
      json: JSONReportRenderer(diagnoses: runner.knowledgeBase.vocabulary.diagnoses))
    for path in paths {
      console.out("TRACE \(path)\n")
      let writer = TraceWriter(watch: ["rules", "facts"], console: console)
      switch runner.run(path, observer: writer.write) {
      case .success(let run):
        let report = CaseReport(run: run, threshold: threshold)
        console.out("\n")
        printer.print(
          .report(
            BatchDiagnosis.CaseSummary(
              path: report.path, organization: report.organization,
              found: report.found.map { ($0.id, $0.certainty) }),
            rendered: batch.render(report), stopReason: run.result.stopReason))
      case .failure(let failure):
        printer.print(.failed(TextDiagnosticRenderer().render(failure.diagnostics, files: failure.sources)))
      }
    }
    return printer.finish()
  }
}

/// Prints batch outcomes as they arrive: text reports separated by rules and followed by a
/// summary table, or the JSON document streamed case by case.
///
/// `@unchecked Sendable`: `print` is only called by `OrderedOutcomes` under its lock (or
/// from one thread when tracing), and `finish` after every worker is done.
private final class BatchPrinter: @unchecked Sendable {
  let format: String
  let console: Console
  let clearProgress: Bool
  let json: JSONReportRenderer
  private var printed = 0
  private var status = ExitStatus.success
  private var summaries: [BatchDiagnosis.CaseSummary] = []

  init(format: String, console: Console, clearProgress: Bool, json: JSONReportRenderer) {
    self.format = format
    self.console = console
    self.clearProgress = clearProgress
    self.json = json
  }

  func print(_ outcome: BatchDiagnosis.Outcome) {
    switch outcome {
    case .report(let summary, let text, let stopReason):
      if clearProgress { console.error("\r\u{1B}[K") }
      if format == "json" {
        console.out((printed == 0 ? json.documentHeader : ",\n    ") + text)
      } else if format == "summary" {
        console.out((printed == 0 ? "case\torganization\tenemies found\n" : "") + text)
      } else {
        if printed > 0 { console.out("\n" + String(repeating: "─", count: 40) + "\n\n") }
        console.out(text)
      }
      printed += 1
      summaries.append(summary)
      if stopReason.isLimit {
        console.error("cxdx diagnose: error: \(summary.path): the run stopped at a limit (\(stopReason))\n")
        status = .limitReached
      }
    case .failed(let text):
      console.error(text)
      if status == .success { status = .failure }
    }
  }

  func finish() -> ExitStatus {
    if format == "json" {
      console.out((printed == 0 ? json.emptyDocument : json.documentFooter) + "\n")
    } else if format == "text", summaries.count > 1 {
      console.out("\n" + summaryTable())
    }
    return status
  }

  private func summaryTable() -> String {
    let rows = summaries.map { summary in
      (
        summary.path, summary.organization ?? "",
        summary.found.isEmpty
          ? "none"
          : summary.found.map { "\($0.id) \(($0.certainty).fixed(2))" }.joined(separator: ", ")
      )
    }
    let caseWidth = max(4, rows.map(\.0.count).max() ?? 0)
    let nameWidth = max(12, rows.map(\.1.count).max() ?? 0)
    func pad(_ text: String, _ width: Int) -> String {
      text + String(repeating: " ", count: max(0, width - text.count))
    }
    var text = "SUMMARY (\(summaries.count) cases)\n"
    text += pad("case", caseWidth) + "  " + pad("organization", nameWidth) + "  enemies found\n"
    for row in rows { text += pad(row.0, caseWidth) + "  " + pad(row.1, nameWidth) + "  " + row.2 + "\n" }
    return text
  }
}
