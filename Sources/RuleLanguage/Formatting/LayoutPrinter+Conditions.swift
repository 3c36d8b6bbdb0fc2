import RuleEngine

/// The conditions of a `when` block.
extension LayoutPrinter {
  func conditionItem(_ condition: ConditionSyntax) -> LayoutItem {
    LayoutItem(span: condition.span) { self.condition(condition, indent: $0) }
  }

  private func condition(_ condition: ConditionSyntax, indent: Int) -> [String] {
    switch condition {
    case .pattern(let pattern): self.pattern(pattern, span: pattern.span, indent: indent)
    case .not(let inner, let span): negation("not", inner, span: span, indent: indent)
    case .exists(let inner, let span): negation("exists", inner, span: span, indent: indent)
    case .either(let alternatives, let span): either(alternatives, span: span, indent: indent)
    case .count(let count): self.pattern(count.pattern, span: count.span, indent: indent)
    case .test(_, let span): leaf(span, indent: indent)
    }
  }

  /// A pattern, or a construct built around one (`not kind(…)`, `count kind(…) as ?n`).
  private func pattern(_ pattern: PatternSyntax, span: SourceSpan, indent: Int) -> [String] {
    parenthesised(
      span, anchor: pattern.kind.span.start, values: pattern.arguments.map(\.span), indent: indent)
  }

  /// `not kind(…)` or `not { … }`, and the same with `exists`.
  private func negation(_ word: String, _ inner: [ConditionSyntax], span: SourceSpan, indent: Int) -> [String]
  {
    let keyword = source.firstToken(atOrAfter: span.start)
    guard keyword + 1 < source.tokens.count, source.tokens[keyword + 1].kind == .leftBrace else {
      if inner.count == 1, case .pattern(let pattern) = inner[0] {
        return self.pattern(pattern, span: span, indent: indent)
      }
      return verbatim(span, indent: indent)
    }
    guard let close = matchingBrace(keyword + 1) else { return verbatim(span, indent: indent) }
    return keywordBlock(
      word, span: span, items: inner.map(conditionItem), braces: (keyword + 1, close), indent: indent)
  }

  /// `either { … } or { … }`
  private func either(_ alternatives: [[ConditionSyntax]], span: SourceSpan, indent: Int) -> [String] {
    var parts: [(lead: String, items: [LayoutItem], braces: (open: Int, close: Int))] = []
    var index = source.firstToken(atOrAfter: span.start) + 1
    for (number, alternative) in alternatives.enumerated() {
      guard index < source.tokens.count, source.tokens[index].kind == .leftBrace,
        let close = matchingBrace(index)
      else { return verbatim(span, indent: indent) }
      parts.append((number == 0 ? "either" : "or", alternative.map(conditionItem), (index, close)))
      // Past the `}` and the `or` before the next alternative.
      index = close + 2
    }
    let ranges = parts.map { source.tokens[$0.braces.open].end..<source.tokens[$0.braces.close].start }
    if hasUnplaceableComment(in: span, outside: ranges) { return verbatim(span, indent: indent) }
    return chain(parts, indent: indent)
  }
}
