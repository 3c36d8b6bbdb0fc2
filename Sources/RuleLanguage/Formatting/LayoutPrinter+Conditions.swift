import RuleEngine

/// The conditions of a `when` block.
extension LayoutPrinter {
  func conditionItem(_ condition: ConditionSyntax) -> LayoutItem {
    switch condition {
    case .pattern(let pattern): patternItem(pattern, span: pattern.span)
    case .not(let inner, let span): negationItem("not", inner, span: span)
    case .exists(let inner, let span): negationItem("exists", inner, span: span)
    case .either(let alternatives, let span): eitherItem(alternatives, span: span)
    case .count(let count): patternItem(count.pattern, span: count.span)
    case .test(_, let span): leafItem(span)
    }
  }

  /// A pattern, or a construct built around one (`not kind(…)`, `count kind(…) as ?n`).
  private func patternItem(_ pattern: PatternSyntax, span: SourceSpan) -> LayoutItem {
    parenthesisedItem(span, anchor: pattern.kind.span.start, values: pattern.arguments.map(\.span))
  }

  /// `not kind(…)` or `not { … }`, and the same with `exists`.
  private func negationItem(_ word: String, _ inner: [ConditionSyntax], span: SourceSpan) -> LayoutItem {
    let keyword = source.firstToken(atOrAfter: span.start)
    guard keyword + 1 < source.tokens.count, source.tokens[keyword + 1].kind == .leftBrace else {
      if inner.count == 1, case .pattern(let pattern) = inner[0] { return patternItem(pattern, span: span) }
      return verbatimItem(span)
    }
    guard let close = matchingBrace(keyword + 1) else { return verbatimItem(span) }
    return keywordBlockItem(word, span: span, items: inner.map(conditionItem), braces: (keyword + 1, close))
  }

  /// `either { … } or { … }`
  private func eitherItem(_ alternatives: [[ConditionSyntax]], span: SourceSpan) -> LayoutItem {
    var parts: [ChainPart] = []
    var index = source.firstToken(atOrAfter: span.start) + 1
    for (number, alternative) in alternatives.enumerated() {
      guard index < source.tokens.count, source.tokens[index].kind == .leftBrace,
        let close = matchingBrace(index)
      else { return verbatimItem(span) }
      parts.append((number == 0 ? "either" : "or", alternative.map(conditionItem), (index, close)))
      // Past the `}` and the `or` before the next alternative.
      index = close + 2
    }
    return chainItem(parts, span: span)
  }
}
