import CXDXExplain
import RuleEngine

/// Prints batch outcomes as they arrive, framed for their format: text reports separated by
/// rules and followed by a summary table; the JSON and HTML documents streamed case by case
/// between their header and footer; Markdown cases between horizontal rules.
///
/// `@unchecked Sendable`: `print` is only called by `OrderedOutcomes` under its lock (or
/// from one thread when tracing or running a what-if), and `finish` after every worker is done.
final class BatchPrinter: @unchecked Sendable {
  let format: ReportFormat
  let console: Console
  var clearProgress: Bool
  /// How many cases the batch holds, for the HTML title.
  let cases: Int
  let json: JSONReportRenderer
  /// Whether summary lines end with the what-if moves.
  var movedColumn = false
  /// The limits cases ran within, named when a run stops at one.
  var limits = RunLimits.caseDefaults
  private var printed = 0
  private var status = ExitStatus.success
  private var summaries: [BatchDiagnosis.CaseSummary] = []

  init(format: ReportFormat, console: Console, clearProgress: Bool, cases: Int, json: JSONReportRenderer) {
    self.format = format
    self.console = console
    self.clearProgress = clearProgress
    self.cases = cases
    self.json = json
  }

  func print(_ outcome: BatchDiagnosis.Outcome) {
    switch outcome {
    case .report(let summary, let text):
      if clearProgress { console.error("\r\u{1B}[K") }
      let first = printed == 0
      switch format {
      case .json:
        console.out((first ? json.documentHeader : ",\n    ") + text)
      case .summary:
        let header =
          "case\torganization\tenemies found" + (movedColumn ? "\tmoved (before>after)" : "") + "\n"
        console.out((first ? header : "") + text)
      case .html:
        let title =
          cases == 1
          ? "cxdx diagnosis: \(summary.organization ?? summary.path)" : "cxdx diagnosis: \(cases) cases"
        console.out((first ? HTMLReportRenderer().documentHeader(title: title) : "") + text)
      case .markdown:
        console.out((first ? "" : "\n---\n\n") + text)
      case .dot:
        console.out((first ? "" : "\n") + text)
      case .text:
        if !first { console.out("\n" + String(repeating: "─", count: 40) + "\n\n") }
        console.out(text)
      }
      printed += 1
      summaries.append(summary)
      if let message = RunLimits.message(summary.result, options: limits) {
        console.error("cxdx diagnose: error: \(summary.path): " + message)
        status = .limitReached
      }
    case .failed(let text):
      console.error(text)
      failed(.failure)
    }
  }

  /// Records a case that could not be diagnosed (its diagnostics already printed).
  func failed(_ failure: ExitStatus) {
    if status == .success { status = failure }
  }

  func finish() -> ExitStatus {
    switch format {
    case .json:
      console.out((printed == 0 ? json.emptyDocument : json.documentFooter) + "\n")
    case .html:
      if printed > 0 { console.out(HTMLReportRenderer().documentFooter) }
    case .text:
      if summaries.count > 1 { console.out("\n" + summaryTable()) }
    case .markdown, .dot, .summary:
      break
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
