import RuleEngine

/// Lays out sequences and blocks, and places the comments between their items.
///
/// A comment stays with the item it sits beside: one on a line of its own is printed on a
/// line of its own before the next item (or before the closing brace); one that trails code
/// trails the same code. A comment anywhere else (inside a pattern, between `rule` and its
/// name) makes the construct holding it keep its written layout (``verbatim(_:indent:)``).
struct LayoutPrinter {
  let source: FormatSource
  let style: FormatStyle
  let slotOrder: SlotOrder

  func pad(_ indent: Int) -> String { String(repeating: " ", count: indent) }

  /// The source of `span` as written, moved as a whole so that it starts at `indent`: every
  /// line keeps its place relative to the first (a line with too little indentation to move
  /// left stops at the margin).
  func verbatim(_ span: SourceSpan, indent: Int) -> [String] {
    var lines = source.verbatimLines(span)
    guard !lines.isEmpty else { return lines }
    lines[0] = pad(indent) + lines[0].drop { $0 == " " || $0 == "\t" }
    let shift = indent - (source.file.location(of: span.start).column - 1)
    for index in lines.indices.dropFirst() where !lines[index].isEmpty {
      if shift > 0 {
        lines[index] = pad(shift) + lines[index]
      } else {
        var line = Substring(lines[index])
        var removable = -shift
        while removable > 0, line.first == " " {
          line = line.dropFirst()
          removable -= 1
        }
        lines[index] = String(line)
      }
    }
    return lines
  }

  func commentText(_ comment: Comment) -> String {
    var text = comment.text
    while let last = text.last, last == " " || last == "\t" { text.removeLast() }
    return "#" + text
  }

  // MARK: - Sequences

  /// Appends `items` one after another at `indent`, with the comments that lie in `range`
  /// outside every item, and a blank line wherever the source has one (never more than one).
  func appendSequence(_ items: [LayoutItem], in range: Range<Int>, indent: Int, to lines: inout [String]) {
    var comments = source.comments(in: range)[...]
    var previousEnd: Int?
    // A comment that trailed a separator (`,` on a line of its own after a comment) cannot
    // trail a comment: it goes on its own line.
    var lastLineEndsInComment = false
    func placeComments(before offset: Int, lines: inout [String]) {
      while let comment = comments.first, comment.span.start < offset {
        comments.removeFirst()
        if !comment.ownLine, !lastLineEndsInComment, let last = lines.last, !last.isEmpty {
          lines[lines.count - 1] += "  " + commentText(comment)
        } else {
          if let previousEnd, source.hasBlankLine(from: previousEnd, to: comment.span.start) {
            lines.append("")
          }
          lines.append(pad(indent) + commentText(comment))
        }
        lastLineEndsInComment = true
        previousEnd = comment.span.end
      }
    }
    for item in items {
      placeComments(before: item.span.start, lines: &lines)
      // Comments inside the item are the item's own.
      while let comment = comments.first, comment.span.start < item.span.end { comments.removeFirst() }
      if let previousEnd, source.hasBlankLine(from: previousEnd, to: item.span.start) { lines.append("") }
      lines += item.render(indent)
      lastLineEndsInComment = false
      previousEnd = item.span.end
    }
    placeComments(before: range.upperBound, lines: &lines)
  }

  // MARK: - Blocks

  /// `header { items }`: on one line when it holds one item that can be on one line, and no
  /// comment, and the line fits the width (or the item would not fit on a line of its own
  /// either); otherwise one item a line, indented, and the closing brace on a line of its own.
  ///
  /// - Parameters:
  ///   - header: the lines before the brace, the last of which the brace goes on.
  ///   - braces: the token indices of the block's `{` and `}`.
  func block(
    header: [String], items: [LayoutItem], braces: (open: Int, close: Int), indent: Int, inline: Bool = true
  ) -> [String] {
    let inside = insideOf(braces)
    let hasComments = !source.comments(in: inside).isEmpty
    var lines = header
    let last = lines.popLast() ?? pad(indent)
    if items.isEmpty, !hasComments { return lines + [last + " {}"] }
    if inline, !hasComments, items.count == 1, let single = items[0].flat() {
      let candidate = last + " { " + single + " }"
      let alone = indent + style.indentWidth + single.count
      if candidate.count <= style.lineWidth || (!items[0].canBreak && alone > style.lineWidth) {
        return lines + [candidate]
      }
    }
    lines.append(last + " {")
    appendSequence(items, in: inside, indent: indent + style.indentWidth, to: &lines)
    lines.append(pad(indent) + "}")
    return lines
  }

  /// The text between a block's braces, as offsets.
  func insideOf(_ braces: (open: Int, close: Int)) -> Range<Int> {
    source.tokens[braces.open].end..<max(source.tokens[braces.open].end, source.tokens[braces.close].start)
  }

  /// A block's one-line form (`when { group() }`, `not {}`), whatever its length; nil when it
  /// holds a comment or more than one item.
  func flatBlock(_ lead: String, items: [LayoutItem], braces: (open: Int, close: Int)) -> String? {
    guard source.comments(in: insideOf(braces)).isEmpty else { return nil }
    if items.isEmpty { return lead + " {}" }
    guard items.count == 1, let single = items[0].flat() else { return nil }
    return lead + " { " + single + " }"
  }

  /// One block of a chain: the text before its `{` (`if ?x > 2`, `else`, `or`), its items and
  /// the token indices of its braces.
  typealias ChainPart = (lead: String, items: [LayoutItem], braces: (open: Int, close: Int))

  /// Blocks joined by words between them, as `if … { } else { }` and `either { } or { }`
  /// are: all on one line when each holds one item, nothing holds a comment, and the line
  /// fits; otherwise each block expanded, `} else {` joining them.
  func chain(_ parts: [ChainPart], indent: Int) -> [String] {
    if let line = flatChain(parts), indent + line.count <= style.lineWidth { return [pad(indent) + line] }
    var lines: [String] = []
    for (index, part) in parts.enumerated() {
      lines.append(pad(indent) + (index == 0 ? "" : "} ") + part.lead + " {")
      appendSequence(part.items, in: insideOf(part.braces), indent: indent + style.indentWidth, to: &lines)
    }
    lines.append(pad(indent) + "}")
    return lines
  }

  /// A chain on one line, whatever its length; nil when a block is empty, holds a comment or
  /// more than one item.
  func flatChain(_ parts: [ChainPart]) -> String? {
    var pieces: [String] = []
    for part in parts {
      guard part.items.count == 1, let piece = flatBlock(part.lead, items: part.items, braces: part.braces)
      else {
        return nil
      }
      pieces.append(piece)
    }
    return pieces.joined(separator: " ")
  }

  /// True when a comment lies in `span` outside the given ranges (the insides of its blocks,
  /// where comments are placed item by item): the construct then keeps its written layout.
  func hasUnplaceableComment(in span: SourceSpan, outside ranges: [Range<Int>]) -> Bool {
    source.comments(in: span.start..<span.end).contains { comment in
      !ranges.contains { $0.contains(comment.span.start) }
    }
  }
}
