import CXDXExplain
import RuleEngine
import RuleLanguage

/// `cxdx diagnose`: the product's main job.
struct DiagnoseCommand: Subcommand {
  let name = "diagnose"
  let abstract = "Find the root-cause enemies in case files, with their evidence."
  let usage =
    "diagnose <case> ... [--rules <dir>] [--format text|json|markdown|html|dot|summary] [--threshold <x>] [--trace] [--jobs <n>] [--set <fact>] ... [--unset <fact>] ... [--output <file>] [--max-firings <n>] [--max-facts <n>] [--max-file-size <MiB>]"
  let discussion = """
    Runs the rule base on each case and reports the enemies whose combined certainty reaches
    the threshold (default 0.2), strongest first, each with its evidence (the rules that
    concluded it, with the facts they matched by file:line) and the remedy from its article;
    then what was ruled out, and what the case says too little about to assess.
    A folder diagnoses every case in it, on every core, and ends with a summary table.

    What if: --set 'metric(name: "NPS", trend: rising)' and --unset 'obstacle(name: budget)'
    (each repeatable, one case only) diagnose the case with its facts changed and show which
    diagnoses moved, before and after. A --set fact replaces the stated facts it names (same
    kind and name; or the case's only fact of its kind, when it gives no name) and keeps
    their other slots; otherwise it is added. An --unset removes every stated fact with the
    slot values it gives; one that matches nothing is an error.

    Formats: text; json (docs/json.md); markdown, for a consultant's report; html, one
    self-contained file with an inference graph per diagnosis; dot, the inference graphs
    for Graphviz; summary, one tab-separated line per case.
    Exit status: 0 when every case ran, 1 when a case or the rules have errors, 2 for a
    usage error (a bad --set or --unset among them), 3 when a run stopped at a limit.
    """
  let arguments = [ArgumentSpec("case", help: "Case files ('.facts' or '.json') or folders of them.")]
  let options: [OptionSpec] = [
    .option("--rules", value: "dir", help: "The rules folder (default: rules/, else $CXDX_RULES)."),
    .option(
      "--format", value: "format", help: "text (default), json, markdown, html, dot, or summary (see above)."),
    .option("--threshold", value: "x", help: "Report enemies at or above this certainty (default 0.2)."),
    .flag("--trace", help: "Print each fact, firing and certainty change, in order, before the report."),
    .option("--jobs", value: "n", help: "Cases diagnosed at once (default: the number of cores)."),
    .option(
      "--set", value: "fact", help: "What if the case stated this fact (repeatable).", repeatable: true),
    .option(
      "--unset", value: "fact", help: "What if the stated facts matching this were absent (repeatable).",
      repeatable: true),
    .option("--output", value: "file", help: "Write the report to a file (atomically) instead of stdout."),
    RunLimits.maxFiringsOption, RunLimits.maxFactsOption, RunLimits.fileSizeOption,
  ]

  func run(_ invocation: Invocation) -> ExitStatus {
    let console = invocation.console
    let format: ReportFormat
    switch ReportFormat.parse(invocation, command: name, allowed: ReportFormat.allCases) {
    case .success(let value): format = value
    case .failure(let status): return status
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
    let destination = ReportDestination(invocation: invocation, command: name)
    let explainer = CaseExplainer(invocation: invocation, command: name, runner: runner, threshold: threshold)
    let batch = BatchDiagnosis(
      runner: runner, threshold: threshold, jobs: jobs, explains: [.markdown, .html, .dot].contains(format),
      render: renderer(format, color: destination.color))
    let printer = BatchPrinter(
      format: format, console: destination.console, clearProgress: false, cases: paths.count,
      json: JSONReportRenderer(diagnoses: runner.knowledgeBase.vocabulary.diagnoses))

    printer.limits = runner.options
    if explainer.isWhatIf {
      guard paths.count == 1, let path = paths.first else {
        console.error(
          "cxdx diagnose: error: --set and --unset take one case; \(paths.count) were given\n"
            + "help: name a single '.facts' file\n")
        return .usage
      }
      printer.movedColumn = true
      return destination.finish(whatIf(path, explainer: explainer, batch: batch, printer: printer))
    }
    if invocation.arguments.has("--trace") {
      return destination.finish(traced(paths, explainer: explainer, batch: batch, printer: printer))
    }

    let showProgress = paths.count > 1 && console.errorIsTerminal
    var progress: (@Sendable (Int, Int) -> Void)?
    if showProgress {
      progress = { done, total in
        if done % 8 == 0 || done == total { console.error("\r  diagnosed \(done)/\(total) cases\u{1B}[K") }
      }
    }
    printer.clearProgress = showProgress
    batch.run(paths, progress: progress, emit: printer.print)
    return destination.finish(printer.finish())
  }

  private func renderer(_ format: ReportFormat, color: Bool) -> @Sendable (CaseExplanation) -> String {
    switch format {
    case .json:
      let json = JSONReportRenderer(diagnoses: [])
      return { json.json($0.report, whatIf: $0.whatIf).rendered(pretty: true, indentLevel: 2) }
    case .summary:
      return { explanation in
        let report = explanation.report
        let found = report.found.map { "\($0.id)=\(($0.certainty).fixed(2))" }.joined(separator: ",")
        let moved =
          explanation.whatIf.map { whatIf in
            "\t"
              + whatIf.moves.map { "\($0.id)=\($0.before.fixed(2))>\($0.after.fixed(2))" }.joined(
                separator: ",")
          } ?? ""
        return "\(report.path)\t\(report.organization ?? "")\t\(found)\(moved)\n"
      }
    case .markdown:
      let markdown = MarkdownRenderer()
      return { markdown.renderedCase($0) }
    case .html:
      let html = HTMLReportRenderer()
      return { html.renderedCase($0) }
    case .dot:
      let dot = DotGraphRenderer()
      return { dot.render($0) }
    case .text:
      let text = TextReportRenderer(color: color)
      let whatIf = TextWhatIfRenderer(color: color)
      return { explanation in
        (explanation.whatIf.map { whatIf.render($0) + "\n" } ?? "") + text.render(explanation.report)
      }
    }
  }

  /// One case, before and after its facts are changed; the report is the changed case's.
  private func whatIf(_ path: String, explainer: CaseExplainer, batch: BatchDiagnosis, printer: BatchPrinter)
    -> ExitStatus
  {
    var trace: TraceWriter?
    if explainer.invocation.arguments.has("--trace") {
      printer.console.out("TRACE \(path) (with the what-if changes)\n")
      trace = TraceWriter(watch: ["rules", "facts"], console: printer.console)
    }
    switch explainer.explain(path, diagnoses: batch.explains ? nil : [], observer: trace.map { $0.write }) {
    case .failure(let status):
      return status
    case .success((let explanation, let run)):
      if trace != nil { printer.console.out("\n") }
      printer.print(batch.outcome(explanation, result: run.result))
      return printer.finish()
    }
  }

  /// Runs cases one at a time, printing every fact, firing and certainty change as it happens.
  private func traced(
    _ paths: [String], explainer: CaseExplainer, batch: BatchDiagnosis, printer: BatchPrinter
  )
    -> ExitStatus
  {
    for path in paths {
      printer.console.out("TRACE \(path)\n")
      let trace = TraceWriter(watch: ["rules", "facts"], console: printer.console)
      switch explainer.explain(path, diagnoses: batch.explains ? nil : [], observer: trace.write) {
      case .failure(let status):
        printer.failed(status)
      case .success((let explanation, let run)):
        printer.console.out("\n")
        printer.print(batch.outcome(explanation, result: run.result))
      }
    }
    return printer.finish()
  }
}
