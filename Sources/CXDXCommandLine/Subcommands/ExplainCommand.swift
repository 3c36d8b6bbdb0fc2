import CXDXExplain
import RuleEngine
import RuleLanguage

/// `cxdx explain`: how a diagnosis was reached, or why it was not.
struct ExplainCommand: Subcommand {
  let name = "explain"
  let abstract = "Explain how a diagnosis was reached, or why it was not."
  let usage =
    "explain <case> [<diagnosis> ...] [--rules <dir>] [--format text|json|markdown|html|dot] [--threshold <x>] [--depth <n>] [--set <fact>] ... [--unset <fact>] ... [--output <file>] [--max-firings <n>] [--max-facts <n>] [--max-file-size <MiB>]"
  let discussion = """
    Runs the rule base on a case, recording every firing, and explains each diagnosis named
    (default: every declared one). For a diagnosis with evidence: each rule that contributed,
    with its factor, what it added and the facts it matched by file:line, facts that rules
    derived unfolded into their own derivations, and the MYCIN arithmetic that combines the
    contributions. For a diagnosis below the threshold: each rule that could have raised it,
    nearest first, with how many of its conditions matched, the condition that stopped it and
    the fact values (or unstated slots) that did, read from the engine's partial matches.
    --set and --unset explain the case with its facts changed (see 'cxdx help diagnose').
    Exit status: 0 when explained, 1 when the case or the rules have errors, 2 for a usage
    error (an unknown diagnosis among them), 3 when the run stopped at a limit.
    """
  let arguments = [
    ArgumentSpec("case", help: "A case file ('.facts' or '.json')."),
    ArgumentSpec("diagnosis", help: "Diagnosis ids to explain (default: all, found first)."),
  ]
  let options: [OptionSpec] = [
    .option("--rules", value: "dir", help: "The rules folder (default: rules/, else $CXDX_RULES)."),
    .option(
      "--format", value: "format",
      help: "text (default), json (docs/json.md), markdown, html (one self-contained file) or dot (Graphviz)."
    ),
    .option(
      "--threshold", value: "x", help: "A diagnosis is found at or above this certainty (default 0.2)."),
    .option("--depth", value: "n", help: "Levels of derived facts to unfold (default 6)."),
    .option(
      "--set", value: "fact", help: "Explain as if the case stated this fact (repeatable).", repeatable: true),
    .option(
      "--unset", value: "fact",
      help: "Explain as if the stated facts matching this were absent (repeatable).",
      repeatable: true),
    .option(
      "--output", value: "file", help: "Write the explanation to a file (atomically) instead of stdout."),
    RunLimits.maxFiringsOption, RunLimits.maxFactsOption, RunLimits.fileSizeOption,
  ]

  func run(_ invocation: Invocation) -> ExitStatus {
    let console = invocation.console
    let format: ReportFormat
    switch ReportFormat.parse(invocation, command: name, allowed: [.text, .json, .markdown, .html, .dot]) {
    case .success(let value): format = value
    case .failure(let status): return status
    }
    guard let path = invocation.arguments.positionals.first else {
      console.error(
        "cxdx explain: error: no case given\nhelp: write 'cxdx explain cases/harbor-insurance.facts complacency'\n"
      )
      return .usage
    }
    var depth = ExplanationBuilder.defaultMaximumDepth
    if let text = invocation.arguments.value("--depth") {
      guard let value = Int(text), value >= 0, value <= 64 else {
        console.error("cxdx explain: error: --depth takes a whole number from 0 to 64\n")
        return .usage
      }
      depth = value
    }
    let threshold: Double
    let runner: CaseRunner
    switch KnowledgeBaseLoader(invocation: invocation, command: name).thresholdAndRunner() {
    case .success(let loaded): (threshold, runner) = loaded
    case .failure(let status): return status
    }
    let requested = Array(invocation.arguments.positionals.dropFirst())
    let declared = runner.knowledgeBase.vocabulary.diagnoses.map(\.id)
    for id in requested where !declared.contains(id) {
      console.error("cxdx explain: error: unknown diagnosis '\(id)'\n")
      console.error(
        id.closestMatch(in: declared).map { "help: did you mean '\($0)'?\n" }
          ?? "help: the diagnoses are \(declared.joined(separator: ", "))\n")
      return .usage
    }
    var explainer = CaseExplainer(invocation: invocation, command: name, runner: runner, threshold: threshold)
    explainer.maximumDepth = depth
    let explanation: CaseExplanation
    let run: CaseRun
    switch explainer.explain(path, diagnoses: requested.isEmpty ? nil : requested) {
    case .success(let result): (explanation, run) = result
    case .failure(let status): return status
    }
    let destination = ReportDestination(invocation: invocation, command: name)
    destination.console.out(render(explanation, format: format, color: destination.color))
    var status = ExitStatus.success
    if let message = RunLimits.message(run.result, options: runner.options) {
      console.error("cxdx explain: error: \(path): " + message)
      status = .limitReached
    }
    return destination.finish(status)
  }

  private func render(_ explanation: CaseExplanation, format: ReportFormat, color: Bool) -> String {
    switch format {
    case .json:
      return JSONExplanationRenderer().render(explanation) + "\n"
    case .markdown:
      return MarkdownRenderer().render([explanation])
    case .html:
      return HTMLReportRenderer().render(
        [explanation], title: explanation.report.organization ?? explanation.report.path)
    case .dot:
      return DotGraphRenderer().render(explanation)
    case .text, .summary:
      return TextExplanationRenderer(color: color).render(explanation)
    }
  }
}
