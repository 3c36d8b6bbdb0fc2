/// Escaping for Markdown (CommonMark with GitHub's tables), so that any rule or case text
/// reads as written when pasted into a report.
enum Markdown {
  /// Backslash-escapes the characters that would start emphasis, links, code, HTML or table
  /// cells.
  static func escape(_ text: String) -> String {
    var out = ""
    for character in text {
      if "\\`*_[]<>|#".contains(character) { out.append("\\") }
      out.append(character)
    }
    return out
  }

  /// A code span; a longer fence when the text holds backticks, and `|` escaped so the span
  /// can sit in a table cell.
  static func code(_ text: String) -> String {
    let fence = text.contains("`") ? "``" : "`"
    let padded = text.contains("`") ? " \(text) " : text
    return fence + padded.replacingPipes() + fence
  }

  /// Text in which spans between backticks become code spans and the rest is escaped.
  static func withCode(_ text: String) -> String {
    text.split(separator: "`", omittingEmptySubsequences: false).enumerated().map { index, piece in
      index % 2 == 1 ? code(String(piece)) : escape(String(piece))
    }.joined()
  }
}

extension String {
  fileprivate func replacingPipes() -> String {
    var out = ""
    for character in self {
      if character == "|" { out += "\\|" } else { out.append(character) }
    }
    return out
  }
}
