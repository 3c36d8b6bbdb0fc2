import RuleEngine

/// Constructs without blocks: printed token by token with canonical spacing.
extension LayoutPrinter {
  /// A construct on one line, with a long text's further string pieces on lines of their own,
  /// indented one step; as written when a comment is inside it.
  func leaf(_ span: SourceSpan, indent: Int) -> [String] {
    if source.hasComment(in: span) { return verbatim(span, indent: indent) }
    var lines = source.joinedLines(source.tokenRange(span), continuationIndent: indent + style.indentWidth)
    lines[0] = pad(indent) + lines[0]
    return lines
  }

  /// A construct around a list in parentheses (a pattern, a fact, `assert kind(…)`,
  /// `modify ?f(…)`, `count kind(…) as ?n`): on one line when it fits, else the values
  /// filled into lines aligned after the `(`.
  ///
  /// - Parameters:
  ///   - anchor: an offset at or before the list's `(` and after any other `(` of the construct.
  ///   - order: the order to print the values in (a permutation of their indices); as written
  ///     when nil.
  func parenthesised(
    _ span: SourceSpan, anchor: Int, values: [SourceSpan], order: [Int]? = nil, indent: Int
  ) -> [String] {
    if source.hasComment(in: span) { return verbatim(span, indent: indent) }
    let firstIndex = source.firstToken(atOrAfter: span.start)
    guard let open = source.firstToken(.leftParen, atOrAfter: anchor, before: span.end),
      let close = source.firstToken(
        .rightParen, atOrAfter: values.last?.end ?? source.tokens[open].end, before: span.end)
    else { return leaf(span, indent: indent) }
    let head = source.joined(firstIndex..<(open + 1))
    let tail = source.joined(close..<source.tokenRange(span).upperBound)
    let written = values.map { source.joined(source.tokenRange($0)) }
    let pieces = (order ?? Array(written.indices)).compactMap {
      written.indices.contains($0) ? written[$0] : nil
    }
    guard pieces.count == written.count else { return leaf(span, indent: indent) }
    let single = pad(indent) + head + pieces.joined(separator: ", ") + tail
    if single.count <= style.lineWidth || pieces.count < 2 { return [single] }
    var lines: [String] = []
    var line = pad(indent) + head
    let column = indent + head.count
    for (index, piece) in pieces.enumerated() {
      let text = piece + (index == pieces.count - 1 ? tail : ",")
      if index == 0 {
        line += text
      } else if line.count + 1 + text.count <= style.lineWidth {
        line += " " + text
      } else {
        lines.append(line)
        line = pad(column) + text
      }
    }
    lines.append(line)
    return lines
  }
}
