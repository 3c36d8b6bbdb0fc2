import RuleEngine

/// Items for constructs that hold blocks, and for constructs kept as written.
extension LayoutPrinter {
  /// A construct kept exactly as written (its first line re-indented).
  func verbatimItem(_ span: SourceSpan) -> LayoutItem {
    LayoutItem(span: span, render: { self.verbatim(span, indent: $0) }, flat: { nil }, canBreak: true)
  }

  /// `when { … }`, `not { … }`: a word and a block; as written when a comment sits between the
  /// word and the brace.
  func keywordBlockItem(
    _ word: String, span: SourceSpan, items: [LayoutItem], braces: (open: Int, close: Int)
  )
    -> LayoutItem
  {
    if hasUnplaceableComment(in: span, outside: [insideOf(braces)]) { return verbatimItem(span) }
    return LayoutItem(
      span: span,
      render: { self.block(header: [self.pad($0) + word], items: items, braces: braces, indent: $0) },
      flat: { self.flatBlock(word, items: items, braces: braces) }, canBreak: true)
  }

  /// `if … { } else { }`, `either { } or { }`; as written when a comment sits outside the blocks.
  func chainItem(_ parts: [ChainPart], span: SourceSpan) -> LayoutItem {
    if hasUnplaceableComment(in: span, outside: parts.map { insideOf($0.braces) }) {
      return verbatimItem(span)
    }
    return LayoutItem(
      span: span, render: { self.chain(parts, indent: $0) }, flat: { self.flatChain(parts) }, canBreak: true)
  }

  /// An item that is never put on one line with others (a declaration, a template's slot).
  func lineItem(_ span: SourceSpan, render: @escaping (Int) -> [String]) -> LayoutItem {
    LayoutItem(span: span, render: render, flat: { nil }, canBreak: true)
  }
}
