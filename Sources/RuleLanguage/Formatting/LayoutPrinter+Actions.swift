import RuleEngine

/// The actions of a `then` block.
extension LayoutPrinter {
  func actionItem(_ action: ActionSyntax) -> LayoutItem {
    let span = actionSpan(action)
    switch action {
    case .assert(let fact), .derive(let fact):
      return parenthesisedItem(span, anchor: fact.kind.span.start, values: fact.values.map(\.span))
    case .modify(let variable, let values, _):
      return parenthesisedItem(span, anchor: variable.span.start, values: values.map(\.span))
    case .retract, .suspect, .print, .bind, .halt: return leafItem(span)
    case .conditional(let conditional): return conditionalItem(conditional)
    }
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

  /// `if test { … } else if test { … } else { … }`
  private func conditionalItem(_ conditional: ConditionalSyntax) -> LayoutItem {
    var parts: [ChainPart] = []
    var searchFrom = conditional.span.start
    for (number, branch) in conditional.branches.enumerated() {
      // The test is read from the tokens between `if` and `{`: the span of `(a) + b` in the
      // tree starts inside the parenthesis.
      let keyword = source.firstToken(atOrAfter: branch.span.start)
      guard keyword < source.tokens.count,
        let open = source.firstToken(
          .leftBrace, atOrAfter: source.tokens[keyword].end, before: branch.span.end),
        let close = matchingBrace(open)
      else { return verbatimItem(conditional.span) }
      let test = source.joined((keyword + 1)..<open)
      parts.append(((number == 0 ? "if " : "else if ") + test, branch.actions.map(actionItem), (open, close)))
      searchFrom = source.tokens[close].end
    }
    if let otherwise = conditional.otherwise {
      guard let open = source.firstToken(.leftBrace, atOrAfter: searchFrom, before: conditional.span.end),
        let close = matchingBrace(open)
      else { return verbatimItem(conditional.span) }
      parts.append(("else", otherwise.map(actionItem), (open, close)))
    }
    return chainItem(parts, span: conditional.span)
  }
}
