import RuleEngine

/// Case files: facts and expectations, in the order written.
extension LayoutPrinter {
  func factFile(_ syntax: FactFileSyntax) -> [String] {
    // A fact lists its named values in the order its template declares them, when known.
    let facts = syntax.facts.map { fact in
      parenthesisedItem(
        fact.span, anchor: fact.kind.span.start, values: fact.values.map(\.span),
        order: slotOrder.canonicalOrder(kind: fact.kind.text, labels: fact.values.map { $0.label?.text }))
    }
    let expectations = syntax.expectations.map { leafItem($0.span) }
    var lines: [String] = []
    let items = (facts + expectations).sorted { $0.span.start < $1.span.start }
    appendSequence(items, in: 0..<source.file.bytes.count, indent: 0, to: &lines)
    return lines
  }
}
