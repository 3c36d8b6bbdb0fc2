import RuleEngine
import RuleLanguage

/// Writes a consultation's case as a case file. A case that came from a file keeps that file's
/// text byte for byte, comments included: slots answered for a stated fact go inside its
/// parentheses, before the `)`, and new facts go after the last stated fact, under a comment
/// giving the date, followed by the answers that state no value (``ConsultNotes``). A case with no file is written whole, one fact a line, wrapped as the
/// bundled cases are.
struct CaseTextWriter: Sendable {
  /// The case file the consultation started from: its bytes and its parsed facts.
  struct Original: Sendable {
    let bytes: [UInt8]
    let syntax: FactFileSyntax
  }

  let original: Original?
  let vocabulary: Vocabulary
  /// `2026-11-25`, for the comment.
  let date: String
  /// Lines are wrapped before this column, as in the bundled cases.
  var width = 100

  func text(for state: ConsultCase) -> String {
    let newFacts = state.facts.filter { $0.original == nil }
    let comment = "# Answers recorded by cxdx consult on \(date) (UTC).\n"
    var seen = Set<String>()
    let notes = state.answers.compactMap { ConsultNotes.line(for: $0, in: state) }.filter {
      seen.insert($0).inserted
    }
    let block = newFacts.map { render($0) + "\n" }.joined() + notes.map { $0 + "\n" }.joined()
    guard let original else {
      let header = "# A case recorded by cxdx consult on \(date) (UTC).\n"
      return header + (block.isEmpty ? "" : "\n") + block
    }
    guard !state.answers.isEmpty else { return String(decoding: original.bytes, as: UTF8.self) }
    // Edits by byte offset, applied from the end so earlier offsets stay valid.
    var edits: [(offset: Int, text: String)] = []
    for fact in state.facts {
      guard let index = fact.original, index < original.syntax.facts.count, !fact.answered.isEmpty else {
        continue
      }
      if let edit = patch(original.syntax.facts[index], with: fact) { edits.append(edit) }
    }
    var bytes = original.bytes
    // A file that does not end its last line gets one ended before the new facts.
    let unended = bytes.last.map { $0 != UInt8(ascii: "\n") } ?? false
    let offset = blockOffset()
    let lead = unended && offset == bytes.count ? "\n\n" : "\n"
    if !block.isEmpty { edits.append((offset, lead + comment + block)) }
    for edit in edits.sorted(by: { $0.offset > $1.offset }) {
      let offset = min(edit.offset, bytes.count)
      bytes.insert(contentsOf: Array(edit.text.utf8), at: offset)
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// A new fact as a case file writes it, slots in the template's order, wrapped under its `(`.
  func render(_ fact: ConsultFact) -> String {
    let head = fact.template + "("
    return head + wrap(items(fact, slots: Set(fact.slots.keys)), column: head.count, indent: head.count) + ")"
  }

  /// Slot items in the template's order.
  private func items(_ fact: ConsultFact, slots: Set<String>) -> [String] {
    let order = vocabulary.template(named: fact.template)?.slots.map(\.name) ?? fact.slots.keys.sorted()
    return order.compactMap { slot in
      guard slots.contains(slot), let value = fact.slots[slot] else { return nil }
      return "\(slot): \(value)"
    }
  }

  /// Items joined by `, `, breaking the line before one that would pass the width.
  private func wrap(_ items: [String], column start: Int, indent: Int, leadingSeparator: Bool = false)
    -> String
  {
    var out = ""
    var column = start
    for (position, item) in items.enumerated() {
      let separator = position == 0 && !leadingSeparator ? "" : ", "
      if column + separator.count + item.count + 1 > width, column > indent {
        out += ",\n" + String(repeating: " ", count: indent) + item
        column = indent + item.count
      } else {
        out += separator + item
        column += separator.count + item.count
      }
    }
    return out
  }

  /// The answered slots of a stated fact, inserted before its closing parenthesis.
  private func patch(_ syntax: FactSyntax, with fact: ConsultFact) -> (offset: Int, text: String)? {
    guard let original else { return nil }
    let bytes = original.bytes
    var close = min(syntax.span.end, bytes.count) - 1
    while close > syntax.span.start, bytes[close] != UInt8(ascii: ")") { close -= 1 }
    guard close > syntax.span.start else { return nil }
    let lineStart = (bytes[..<syntax.span.start].lastIndex(of: UInt8(ascii: "\n")) ?? -1) + 1
    let indent = syntax.span.start - lineStart + syntax.kind.text.utf8.count + 1
    let closeLineStart = (bytes[..<close].lastIndex(of: UInt8(ascii: "\n")) ?? -1) + 1
    // A separator is needed unless the fact has no slots, or already ends in a comma.
    var last = close - 1
    while last > syntax.span.start, [9, 10, 13, 32].contains(bytes[last]) { last -= 1 }
    let trailingComma = bytes[last] == UInt8(ascii: ",")
    let text = wrap(
      items(fact, slots: fact.answered), column: close - closeLineStart + (trailingComma ? 1 : 0),
      indent: indent, leadingSeparator: !syntax.values.isEmpty && !trailingComma)
    // After a trailing comma (at the `)` itself), the first item needs its space.
    return (close, trailingComma && last == close - 1 ? " " + text : text)
  }

  /// Where new facts go: after the line of the last stated fact, else before the first
  /// expectation, else at the end.
  private func blockOffset() -> Int {
    guard let original else { return 0 }
    let bytes = original.bytes
    let anchor: Int
    if let last = original.syntax.facts.last {
      anchor = last.span.end
    } else if let first = original.syntax.expectations.first {
      return (bytes[..<min(first.span.start, bytes.count)].lastIndex(of: UInt8(ascii: "\n")) ?? -1) + 1
    } else {
      return bytes.count
    }
    guard anchor < bytes.count, let newline = bytes[anchor...].firstIndex(of: UInt8(ascii: "\n")) else {
      return bytes.count
    }
    return newline + 1
  }
}
