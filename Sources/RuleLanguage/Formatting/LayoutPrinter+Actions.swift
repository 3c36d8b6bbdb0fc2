import RuleEngine

/// The actions of a `then` block.
extension LayoutPrinter {
  func actionItem(_ action: ActionSyntax) -> LayoutItem {
    let span = actionSpan(action)
    return LayoutItem(span: span) { self.action(action, span: span, indent: $0) }
  }

  /// The whole action, keyword included: the span of `assert kind(…)` in the tree starts at
  /// the kind.
  private func actionSpan(_ action: ActionSyntax) -> SourceSpan {
    let span = action.span
    switch action {
    case .assert, .derive:
      let kind = source.firstToken(atOrAfter: span.start)
      guard kind > 0 else { return span }
      return SourceSpan(file: span.file, start: source.tokens[kind - 1].start, end: span.end)
    default: return span
    }
  }

  private func action(_ action: ActionSyntax, span: SourceSpan, indent: Int) -> [String] {
    switch action {
    case .assert(let fact), .derive(let fact):
      parenthesised(span, anchor: fact.kind.span.start, values: fact.values.map(\.span), indent: indent)
    case .modify(let variable, let values, _):
      parenthesised(span, anchor: variable.span.start, values: values.map(\.span), indent: indent)
    case .retract, .suspect, .print, .bind, .halt: leaf(span, indent: indent)
    case .conditional(let conditional): self.conditional(conditional, indent: indent)
    }
  }

  /// `if test { … } else if test { … } else { … }`
  private func conditional(_ conditional: ConditionalSyntax, indent: Int) -> [String] {
    var parts: [(lead: String, items: [LayoutItem], braces: (open: Int, close: Int))] = []
    var searchFrom = conditional.span.start
    for (number, branch) in conditional.branches.enumerated() {
      // The test is read from the tokens between `if` and `{`: the span of `(a) + b` in the
      // tree starts inside the parenthesis.
      let keyword = source.firstToken(atOrAfter: branch.span.start)
      guard keyword < source.tokens.count,
        let open = source.firstToken(
          .leftBrace, atOrAfter: source.tokens[keyword].end, before: branch.span.end),
        let close = matchingBrace(open)
      else { return verbatim(conditional.span, indent: indent) }
      let test = source.joined((keyword + 1)..<open)
      parts.append(((number == 0 ? "if " : "else if ") + test, branch.actions.map(actionItem), (open, close)))
      searchFrom = source.tokens[close].end
    }
    if let otherwise = conditional.otherwise {
      guard let open = source.firstToken(.leftBrace, atOrAfter: searchFrom, before: conditional.span.end),
        let close = matchingBrace(open)
      else { return verbatim(conditional.span, indent: indent) }
      parts.append(("else", otherwise.map(actionItem), (open, close)))
    }
    let ranges = parts.map { source.tokens[$0.braces.open].end..<source.tokens[$0.braces.close].start }
    if hasUnplaceableComment(in: conditional.span, outside: ranges) {
      return verbatim(conditional.span, indent: indent)
    }
    return chain(parts, indent: indent)
  }
}
