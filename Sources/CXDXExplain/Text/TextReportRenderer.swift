import RuleEngine

/// Renders a ``CaseReport`` for a terminal or a plain-text file.
public struct TextReportRenderer: Sendable {
  public var color: Bool
  /// Evidence lines shown per diagnosis before "+N more".
  public var evidenceLimit: Int
  public var width: Int

  public init(color: Bool = false, evidenceLimit: Int = 4, width: Int = 96) {
    self.color = color
    self.evidenceLimit = evidenceLimit
    self.width = width
  }

  public func render(_ report: CaseReport) -> String {
    var out = ""
    let name = report.organization ?? "(unnamed organization)"
    out += bold("\(name)") + dim("  \(report.path)") + "\n\n"
    if report.found.isEmpty {
      out += "No enemy reaches the reporting threshold (\(format(report.threshold))).\n"
    } else {
      out +=
        heading("ENEMIES FOUND") + dim(" (certainty ≥ \(format(report.threshold)), most certain first)")
        + "\n"
      for (index, diagnosis) in report.found.enumerated() {
        out += "\n" + render(diagnosis, number: index + 1, path: report.path)
      }
    }
    if !report.ruledOut.isEmpty {
      out += "\n" + heading("RULED OUT") + dim(" (assessed, below the threshold)") + "\n"
      let idWidth = report.ruledOut.map(\.id.count).max() ?? 0
      for diagnosis in report.ruledOut {
        let reason =
          diagnosis.evidence.first.map { "  " + dim($0.because.isEmpty ? $0.rule : $0.because) } ?? ""
        out += "  " + pad(diagnosis.id, idWidth) + "  " + signed(diagnosis.certainty) + reason + "\n"
      }
    }
    if !report.unassessed.isEmpty {
      out += "\n" + heading("NOT ASSESSED") + dim(" (insufficient evidence: the case does not say)") + "\n"
      for diagnosis in report.unassessed {
        let missing =
          diagnosis.missing.prefix(4).joined(separator: ", ") + (diagnosis.missing.count > 4 ? ", …" : "")
        let hint = diagnosis.missing.isEmpty ? "no rule concludes it" : "state \(missing)"
        out += "  \(diagnosis.id): " + dim(hint) + "\n"
      }
    }
    return out
  }

  private func render(_ diagnosis: DiagnosisReport, number: Int, path: String) -> String {
    var out = ""
    let title = "\(number). \(diagnosis.id): \(diagnosis.title)"
    let gauge = "\(format(diagnosis.certainty)) \(bar(diagnosis.certainty))"
    let gap = max(2, width - title.count - gauge.count - 2)
    out += bold(title) + String(repeating: " ", count: gap) + gauge + "\n"
    for line in wrap(diagnosis.summary, indent: 3) { out += line + "\n" }
    out += "   Evidence:\n"
    for evidence in diagnosis.evidence.prefix(evidenceLimit) {
      let because = evidence.because.isEmpty ? evidence.ruleTitle : evidence.because
      let lines = wrap(because, indent: 11)
      out += "     " + signed(evidence.certainty) + " " + lines[0].dropFirst(11) + "\n"
      for line in lines.dropFirst() { out += line + "\n" }
      let facts = evidence.facts.map { $0.location ?? "derived by \($0.derivedBy ?? "a rule")" }
      out +=
        String(repeating: " ", count: 11)
        + dim("\(evidence.rule) (\(evidence.ruleLocation)); facts: \(facts.joined(separator: ", "))") + "\n"
    }
    if diagnosis.evidence.count > evidenceLimit {
      out +=
        String(repeating: " ", count: 11)
        + dim("+\(diagnosis.evidence.count - evidenceLimit) more: cxdx explain \(path) \(diagnosis.id)")
        + "\n"
    }
    if !diagnosis.remedy.isEmpty {
      let lines = wrap("Remedy: \(diagnosis.remedy) (\(diagnosis.source))", indent: 3)
      for line in lines { out += line + "\n" }
    }
    return out
  }

  // MARK: - Pieces

  /// `cases/a.facts:11, :6`: a file named once, then only line numbers.
  func locations(_ facts: [EvidenceFact]) -> String {
    guard !facts.isEmpty else { return "none (the rule counts or tests for existence)" }
    var previousFile: Substring?
    return facts.map { fact -> String in
      guard let location = fact.location, let colon = location.lastIndex(of: ":") else {
        return "derived by \(fact.derivedBy ?? "a rule")"
      }
      let file = location[..<colon]
      defer { previousFile = file }
      return file == previousFile ? String(location[colon...]) : location
    }.joined(separator: ", ")
  }

  /// A ten-cell bar for a certainty in 0…1, with eighth-cell resolution.
  func bar(_ certainty: Double) -> String {
    let eighths = Int((max(0, min(1, certainty)) * 80).rounded())
    let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
    var text = String(repeating: "█", count: eighths / 8) + partial[eighths % 8]
    text += String(repeating: "·", count: 10 - (eighths + 7) / 8)
    return color ? "\u{1B}[32m\(text)\u{1B}[0m" : text
  }

  private func wrap(_ text: String, indent: Int) -> [String] {
    let prefix = String(repeating: " ", count: indent)
    var lines: [String] = []
    var line = prefix
    for word in text.split(separator: " ") {
      if line.count > indent, line.count + 1 + word.count > width {
        lines.append(line)
        line = prefix
      }
      line += (line.count > indent ? " " : "") + word
    }
    lines.append(line)
    return lines
  }

  private func format(_ value: Double) -> String { (value).fixed(2) }
  private func signed(_ value: Double) -> String {
    (value >= 0 ? "+" : "−") + (abs(value)).fixed(2)
  }
  private func pad(_ text: String, _ width: Int) -> String {
    text + String(repeating: " ", count: max(0, width - text.count))
  }
  private func bold(_ text: String) -> String { color ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
  private func dim(_ text: String) -> String { color ? "\u{1B}[2m\(text)\u{1B}[0m" : text }
  private func heading(_ text: String) -> String { color ? "\u{1B}[1;36m\(text)\u{1B}[0m" : text }
}
