import RuleEngine

/// The what-if block of a text report: the changes made, then the diagnoses that moved.
public struct TextWhatIfRenderer: Sendable {
  public var color: Bool

  public init(color: Bool = false) {
    self.color = color
  }

  public func render(_ comparison: WhatIfComparison) -> String {
    var out = heading("WHAT IF") + "\n"
    for change in comparison.changes { out += "  " + change + "\n" }
    guard !comparison.moves.isEmpty else {
      return out + "  no diagnosis moved (\(comparison.unchanged) unchanged)\n"
    }
    out += "\n"
    let idWidth = max(9, comparison.moves.map(\.id.count).max() ?? 0)
    out += dim("  " + pad("diagnosis", idWidth) + "  before               after                delta") + "\n"
    for move in comparison.moves {
      out +=
        "  " + pad(move.id, idWidth) + "  " + pad(side(move.before, move.statusBefore), 19) + "→ "
        + pad(side(move.after, move.statusAfter), 19) + (move.delta >= 0 ? "+" : "−")
        + abs(move.delta).fixed(2) + "\n"
    }
    out += dim("  \(comparison.unchanged) other diagnoses unchanged") + "\n"
    return out
  }

  private func side(_ certainty: Double, _ status: CaseReport.Status) -> String {
    let word =
      switch status {
      case .found: "found"
      case .ruledOut: "ruled out"
      case .unassessed: "not assessed"
      }
    return Phrases.number(certainty) + " " + word
  }

  private func pad(_ text: String, _ width: Int) -> String {
    text + String(repeating: " ", count: max(0, width - text.count))
  }
  private func dim(_ text: String) -> String { color ? "\u{1B}[2m\(text)\u{1B}[0m" : text }
  private func heading(_ text: String) -> String { color ? "\u{1B}[1;36m\(text)\u{1B}[0m" : text }
}
