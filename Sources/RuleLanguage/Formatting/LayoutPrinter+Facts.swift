import RuleEngine

/// Case files: facts and expectations, in the order written.
extension LayoutPrinter {
  func factFile(_ syntax: FactFileSyntax) -> [String] {
    let facts = syntax.facts.map { fact in
      LayoutItem(span: fact.span) { self.fact(fact, indent: $0) }
    }
    let expectations = syntax.expectations.map { expectation in
      LayoutItem(span: expectation.span) { self.leaf(expectation.span, indent: $0) }
    }
    var lines: [String] = []
    let items = (facts + expectations).sorted { $0.span.start < $1.span.start }
    appendSequence(items, in: 0..<source.file.bytes.count, indent: 0, to: &lines)
    return lines
  }

  /// A fact, its named values in the order its template declares them when that is known.
  private func fact(_ fact: FactSyntax, indent: Int) -> [String] {
    let order = slotOrder.canonicalOrder(kind: fact.kind.text, labels: fact.values.map { $0.label?.text })
    return parenthesised(
      fact.span, anchor: fact.kind.span.start, values: fact.values.map(\.span), order: order, indent: indent)
  }
}
