/// Escaping for HTML and SVG text and attribute values.
enum HTML {
  /// Replaces the five characters with meaning in markup, so any text is shown as written.
  static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for character in text {
      switch character {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.append(character)
      }
    }
    return out
  }

  /// Escaped text in which `code` spans between backticks become `<code>` elements.
  static func withCode(_ text: String) -> String {
    text.split(separator: "`", omittingEmptySubsequences: false).enumerated().map { index, piece in
      index % 2 == 1 ? "<code>\(escape(String(piece)))</code>" : escape(String(piece))
    }.joined()
  }
}
