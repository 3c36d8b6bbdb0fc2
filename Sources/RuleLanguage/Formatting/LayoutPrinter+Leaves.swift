import RuleEngine

/// Constructs without blocks: printed token by token with canonical spacing.
extension LayoutPrinter {
  // MARK: - Leaves

  /// A construct printed as one line (with a long text's further pieces on lines of their own).
  func leafItem(_ span: SourceSpan) -> LayoutItem {
    LayoutItem(
      span: span, render: { self.leaf(span, indent: $0) }, flat: { self.flatLeaf(span) }, canBreak: false)
  }

  /// A construct on one line, with a long text's further string pieces on lines of their own,
  /// indented one step; as written when a comment is inside it.
  func leaf(_ span: SourceSpan, indent: Int) -> [String] {
    if source.hasComment(in: span) { return verbatim(span, indent: indent) }
    var lines = source.joinedLines(source.tokenRange(span), continuationIndent: indent + style.indentWidth)
    lines[0] = pad(indent) + lines[0]
    return lines
  }

  func flatLeaf(_ span: SourceSpan) -> String? {
    guard !source.hasComment(in: span) else { return nil }
    let lines = source.joinedLines(source.tokenRange(span), continuationIndent: 0)
    return lines.count == 1 ? lines[0] : nil
  }

  // MARK: - Lists in parentheses

  /// A construct around a list in parentheses (a pattern, a fact, `assert kind(…)`,
  /// `modify ?f(…)`, `count kind(…) as ?n`).
  ///
  /// - Parameters:
  ///   - anchor: an offset at or before the list's `(` and after any other `(` of the construct.
  ///   - order: the order to print the values in (a permutation of their indices); as written
  ///     when nil.
  func parenthesisedItem(_ span: SourceSpan, anchor: Int, values: [SourceSpan], order: [Int]? = nil)
    -> LayoutItem
  {
    LayoutItem(
      span: span,
      render: { self.parenthesised(span, anchor: anchor, values: values, order: order, indent: $0) },
      flat: {
        guard !self.source.hasComment(in: span) else { return nil }
        guard let parts = self.parenthesisedParts(span, anchor: anchor, values: values, order: order) else {
          return self.flatLeaf(span)
        }
        return parts.head + parts.pieces.joined(separator: ", ") + parts.tail
      },
      canBreak: values.count >= 2)
  }

  /// On one line when it fits, else the values filled into lines aligned after the `(`.
  private func parenthesised(
    _ span: SourceSpan, anchor: Int, values: [SourceSpan], order: [Int]?, indent: Int
  ) -> [String] {
    if source.hasComment(in: span) { return verbatim(span, indent: indent) }
    guard let (head, pieces, tail) = parenthesisedParts(span, anchor: anchor, values: values, order: order)
    else {
      return leaf(span, indent: indent)
    }
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

  /// The text up to the `(`, each value, and the text from the `)`; nil when the parentheses
  /// cannot be found or `order` is not a permutation of the values.
  private func parenthesisedParts(_ span: SourceSpan, anchor: Int, values: [SourceSpan], order: [Int]?)
    -> (head: String, pieces: [String], tail: String)?
  {
    let firstIndex = source.firstToken(atOrAfter: span.start)
    guard let open = source.firstToken(.leftParen, atOrAfter: anchor, before: span.end),
      let close = source.firstToken(
        .rightParen, atOrAfter: values.last?.end ?? source.tokens[open].end, before: span.end)
    else { return nil }
    let written = values.map { source.joined(source.tokenRange($0)) }
    let indices = order ?? Array(written.indices)
    guard indices.count == written.count, Set(indices) == Set(written.indices) else { return nil }
    return (
      source.joined(firstIndex..<(open + 1)), indices.map { written[$0] },
      source.joined(close..<source.tokenRange(span).upperBound)
    )
  }
}
