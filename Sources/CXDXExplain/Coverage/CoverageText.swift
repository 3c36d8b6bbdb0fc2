import RuleEngine
import RuleLanguage

/// What the coverage renderers show of a rule's source: its `file:line`, and a condition as
/// written, on one line.
struct CoverageText {
  let sources: SourceFiles

  func place(_ span: SourceSpan) -> (file: String, line: Int, column: Int) {
    guard let file = sources[span.file] else { return ("<unknown>", 0, 0) }
    let location = file.location(of: span.start)
    return (file.path, location.line, location.column)
  }

  /// The condition's text with its whitespace folded, cut to `limit` characters.
  func condition(_ span: SourceSpan, limit: Int = 72) -> String {
    guard let file = sources[span.file] else { return "" }
    let words = file.text(of: span).split(whereSeparator: \.isWhitespace)
    let text = words.joined(separator: " ")
    return text.count > limit ? String(text.prefix(limit - 1)) + "…" : text
  }

  /// A case's short name: its file name without `.facts`.
  static func caseName(_ path: String) -> String {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    for suffix in [".facts", ".json"] where name.hasSuffix(suffix) {
      return String(name.dropLast(suffix.count))
    }
    return name
  }
}
