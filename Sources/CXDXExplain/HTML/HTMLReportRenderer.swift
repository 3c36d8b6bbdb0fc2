import RuleEngine

/// Renders cases and their explanations as one self-contained HTML file: no script, no
/// external font, image or stylesheet, so it opens from `file://`, mails as an attachment and
/// prints. Per case: the diagnoses ranked with certainty bars; per diagnosis with evidence an
/// inference graph drawn as inline SVG, the derivation and the MYCIN arithmetic; below the
/// threshold, the nearest misses; for a diagnosis found, its remedy. All text is escaped.
public struct HTMLReportRenderer: Sendable {
  /// Near misses shown per diagnosis.
  public var missLimit: Int

  public init(missLimit: Int = 8) {
    self.missLimit = missLimit
  }

  /// A whole document.
  public func render(_ cases: [CaseExplanation], title: String) -> String {
    documentHeader(title: title) + cases.map(renderedCase).joined() + documentFooter
  }

  /// Everything before the first case, so that a batch can be streamed case by case.
  public func documentHeader(title: String) -> String {
    """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="generator" content="cxdx">
    <title>\(HTML.escape(title))</title>
    <link rel="icon" href="data:,">
    <style>
    \(HTMLStyle.css)
    </style>
    </head>
    <body>
    <main>

    """
  }

  public var documentFooter: String {
    "<p class=\"meta\">Made by cxdx from the engine's record of the run: every certainty is the engine's own.</p>\n"
      + "</main>\n</body>\n</html>\n"
  }

  /// One case: its header, what-if block, ranking and a section per explained diagnosis.
  public func renderedCase(_ explanation: CaseExplanation) -> String {
    let report = explanation.report
    let caseID = "case-" + Self.slug(report.path)
    var out = "<section class=\"case\" id=\"\(caseID)\">\n<header>\n"
    out += "<h1>\(HTML.escape(report.organization ?? "(unnamed organization)"))</h1>\n"
    out +=
      "<p class=\"meta\">case <code>\(HTML.escape(report.path))</code> · reporting threshold "
      + "\(report.threshold.fixed(2)) · \(report.firings) rule firings</p>\n</header>\n"
    if let whatIf = explanation.whatIf { out += HTMLWhatIf.render(whatIf) }
    out += ranking(explanation.explanations, caseID: caseID)
    for diagnosis in explanation.explanations {
      out += HTMLDiagnosisSection(missLimit: missLimit, caseID: caseID, casePath: report.path).render(
        diagnosis)
    }
    return out + "</section>\n"
  }

  private func ranking(_ explanations: [DiagnosisExplanation], caseID: String) -> String {
    var out = "<h2>Diagnoses</h2>\n<table class=\"ranking\">\n<thead><tr><th class=\"number\">#</th>"
    out +=
      "<th>diagnosis</th><th class=\"number\">certainty</th><th>evidence</th><th>status</th></tr></thead>\n<tbody>\n"
    for (index, diagnosis) in explanations.enumerated() {
      let width = Int((min(1, abs(diagnosis.certainty)) * 100).rounded())
      let against = diagnosis.certainty < 0 ? " class=\"against\"" : ""
      out +=
        "<tr><td class=\"number\">\(index + 1)</td><td><a href=\"#\(caseID)-\(HTML.escape(diagnosis.id))\">"
        + "\(HTML.escape(diagnosis.id))</a>: \(HTML.escape(diagnosis.title))</td>"
        + "<td class=\"number\">\(HTML.escape(Phrases.number(diagnosis.certainty)))</td>"
        + "<td><div class=\"bar\" role=\"img\" aria-label=\"certainty \(HTML.escape(Phrases.number(diagnosis.certainty)))\">"
        + "<span\(against) style=\"width: \(width)%\"></span></div></td>"
        + "<td><span class=\"status \(diagnosis.status.rawValue)\">\(Phrases.status(diagnosis))</span></td></tr>\n"
    }
    return out + "</tbody>\n</table>\n"
  }

  /// An id-safe form of a path: letters, digits and dashes.
  static func slug(_ text: String) -> String {
    let name = text.split(separator: "/").last.map(String.init) ?? text
    let base = name.hasSuffix(".facts") ? String(name.dropLast(6)) : name
    return String(base.map { $0.isLetter || $0.isNumber ? $0 : "-" }).lowercased()
  }
}
