import RuleEngine

/// The what-if block of an HTML report.
enum HTMLWhatIf {
  static func render(_ comparison: WhatIfComparison) -> String {
    var out = "<section class=\"whatif\">\n<h2>What if</h2>\n<ul>\n"
    for change in comparison.changes { out += "<li><code>\(HTML.escape(change))</code></li>\n" }
    out += "</ul>\n"
    guard !comparison.moves.isEmpty else {
      return out + "<p>No diagnosis moved (\(comparison.unchanged) unchanged).</p>\n</section>\n"
    }
    out +=
      "<table>\n<thead><tr><th>diagnosis</th><th class=\"number\">before</th><th class=\"number\">after</th>"
    out += "<th class=\"number\">change</th></tr></thead>\n<tbody>\n"
    for move in comparison.moves {
      out +=
        "<tr><td>\(HTML.escape(move.id)): \(HTML.escape(move.title))</td>"
        + "<td class=\"number\">\(HTML.escape(side(move.before, move.statusBefore)))</td>"
        + "<td class=\"number\">\(HTML.escape(side(move.after, move.statusAfter)))</td>"
        + "<td class=\"number delta \(move.delta >= 0 ? "up" : "down")\">\(HTML.escape(Phrases.signed(move.delta)))</td></tr>\n"
    }
    return out
      + "</tbody>\n</table>\n<p class=\"muted\">\(comparison.unchanged) other diagnoses unchanged.</p>\n</section>\n"
  }

  static func side(_ certainty: Double, _ status: CaseReport.Status) -> String {
    let word =
      switch status {
      case .found: "found"
      case .ruledOut: "ruled out"
      case .unassessed: "not assessed"
      }
    return "\(Phrases.number(certainty)) \(word)"
  }
}
