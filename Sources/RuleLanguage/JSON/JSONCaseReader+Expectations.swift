import RuleEngine

/// `"expect": ["complacency", "not turf-wars", "unassessed data-hoarding", "complacency >= 0.5"]`:
/// each string is an `expect` line of a case file without the word `expect`.
extension JSONCaseReader {
  private static let forms =
    "write it as in a case file without 'expect': \"complacency\", \"not turf-wars\", "
    + "\"unassessed data-hoarding\" or \"complacency >= 0.5\""

  /// A piece of an expectation string and where it is in the file.
  private struct Piece {
    let text: String
    let span: SourceSpan
  }

  mutating func readExpectation(_ node: JSONSyntax) -> ExpectationSyntax? {
    guard case .string(let text, let escaped) = node.value else {
      report(
        "an expectation is a string, found \(node.description)", at: node.span, label: "not a string",
        help: Self.forms)
      return nil
    }
    let pieces = Self.pieces(of: text, in: node, escaped: escaped)
    if let first = pieces.first, first.text == "expect" {
      report(
        "write the expectation without the word 'expect'", at: first.span, label: "not needed here",
        help: Self.forms)
      return nil
    }
    var index = 0
    var outcome = ExpectationSyntax.Outcome.present
    if pieces.count > 1, let first = pieces.first, first.text == "not" || first.text == "unassessed" {
      outcome = first.text == "not" ? .absent : .unassessed
      index = 1
    }
    guard index < pieces.count, Self.isName(pieces[index].text) else {
      report(
        "expected a diagnosis in the expectation \"\(text)\"", at: node.span, label: "no diagnosis",
        help: Self.forms)
      return nil
    }
    let diagnosis = NameSyntax(pieces[index].text, span: pieces[index].span)
    index += 1
    var bound: (ComparisonOperator, LiteralSyntax)?
    if index < pieces.count {
      let symbol = pieces[index].text == "==" ? "=" : pieces[index].text
      guard let comparison = ComparisonOperator(rawValue: symbol), index + 2 == pieces.count,
        let number = Double(pieces[index + 1].text)
      else {
        report(
          "expected a comparison and a certainty after '\(diagnosis.text)' in \"\(text)\"", at: node.span,
          label: "not an expectation", help: Self.forms)
        return nil
      }
      bound = (comparison, LiteralSyntax(.number(number), span: pieces[index + 1].span))
    }
    return ExpectationSyntax(outcome: outcome, diagnosis: diagnosis, bound: bound, span: node.span)
  }

  /// Words and comparison operators (`>=`, also written without spaces: `d>=0.5`), each with
  /// its own span when the string holds no escape (its text then lines up with the file).
  private static func pieces(of text: String, in node: JSONSyntax, escaped: Bool) -> [Piece] {
    let bytes = Array(text.utf8)
    let isOperator: (UInt8) -> Bool = { "=!<>".utf8.contains($0) }
    let isSpace: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    var pieces: [Piece] = []
    var offset = 0
    while offset < bytes.count {
      if isSpace(bytes[offset]) {
        offset += 1
        continue
      }
      let start = offset
      let operatorPiece = isOperator(bytes[offset])
      while offset < bytes.count, !isSpace(bytes[offset]), isOperator(bytes[offset]) == operatorPiece {
        offset += 1
      }
      let span =
        escaped
        ? node.span
        : SourceSpan(
          file: node.span.file, start: node.span.start + 1 + start, end: node.span.start + 1 + offset)
      pieces.append(Piece(text: String(decoding: bytes[start..<offset], as: UTF8.self), span: span))
    }
    return pieces
  }
}
