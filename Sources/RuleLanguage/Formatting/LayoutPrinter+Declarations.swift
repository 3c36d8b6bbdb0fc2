import RuleEngine

/// Rule files: templates, diagnoses, questions and rules.
extension LayoutPrinter {
  func ruleFile(_ syntax: RuleFileSyntax) -> [String] {
    var lines: [String] = []
    let items = syntax.declarations.map { declaration in
      lineItem(declaration.span) { indent in self.declaration(declaration, indent: indent) }
    }
    appendSequence(items, in: 0..<source.file.bytes.count, indent: 0, to: &lines)
    return lines
  }

  private func declaration(_ declaration: DeclarationSyntax, indent: Int) -> [String] {
    switch declaration {
    case .template(let template): self.template(template, indent: indent)
    case .diagnosis(let diagnosis):
      braced(
        diagnosis.span, after: diagnosis.name.span.end,
        items: diagnosis.properties.map { leafItem($0.span) }, indent: indent)
    case .ask(let ask): leaf(ask.span, indent: indent)
    case .rule(let rule): self.rule(rule, indent: indent)
    }
  }

  /// `keyword name … { items }`, one item a line; as written when a comment sits in the
  /// header or a brace cannot be found.
  private func braced(_ span: SourceSpan, after headerEnd: Int, items: [LayoutItem], indent: Int) -> [String]
  {
    guard let open = source.firstToken(.leftBrace, atOrAfter: headerEnd, before: span.end),
      let close = source.lastToken(.rightBrace, endingBy: span.end, from: source.tokens[open].end),
      close > open
    else { return verbatim(span, indent: indent) }
    let inside = source.tokens[open].end..<source.tokens[close].start
    if hasUnplaceableComment(in: span, outside: [inside]) { return verbatim(span, indent: indent) }
    let headerTokens = source.firstToken(atOrAfter: span.start)..<open
    var header = source.joinedLines(headerTokens, continuationIndent: indent + style.indentWidth)
    header[0] = pad(indent) + header[0]
    return block(header: header, items: items, braces: (open, close), indent: indent, inline: false)
  }

  // MARK: - template

  /// Slots one a line, their types aligned in one column.
  private func template(_ template: TemplateDeclSyntax, indent: Int) -> [String] {
    let typeColumn = (template.slots.map { $0.name.text.count + 1 }.max() ?? 0) + 1
    let items = template.slots.map { slot in
      lineItem(slot.span) { self.slot(slot, typeColumn: typeColumn, indent: $0) }
    }
    return braced(template.span, after: template.name.span.end, items: items, indent: indent)
  }

  private func slot(_ slot: SlotDeclSyntax, typeColumn: Int, indent: Int) -> [String] {
    let tokens = source.tokenRange(slot.span)
    guard !source.hasComment(in: slot.span), tokens.count >= 3,
      source.tokens[tokens.lowerBound + 1].kind == .colon
    else { return leaf(slot.span, indent: indent) }
    let name = slot.name.text + ":"
    let rest = source.joined((tokens.lowerBound + 2)..<tokens.upperBound)
    return [pad(indent) + name + pad(max(1, typeColumn - name.count)) + rest]
  }

  // MARK: - rule

  /// `rule name "title" {`, then its parts in the order written: `source`, `salience`, the
  /// `when` and `then` blocks.
  private func rule(_ rule: RuleDeclSyntax, indent: Int) -> [String] {
    let headerEnd = rule.title?.span.end ?? rule.name.span.end
    guard let open = source.firstToken(.leftBrace, atOrAfter: headerEnd, before: rule.span.end),
      let close = source.lastToken(.rightBrace, endingBy: rule.span.end, from: source.tokens[open].end),
      close > open
    else { return verbatim(rule.span, indent: indent) }
    var items = rule.properties.map { leafItem($0.span) }
    // The blocks are found in the tokens: the tree keeps their contents, not their braces.
    var index = open + 1
    while index < close {
      let token = source.tokens[index]
      if token.kind == .leftBrace || token.kind == .rightBrace {
        return verbatim(rule.span, indent: indent)
      }
      guard token.kind == .identifier, index + 1 < close, source.tokens[index + 1].kind == .leftBrace,
        let blockClose = matchingBrace(index + 1)
      else {
        index += 1
        continue
      }
      let word = source.text(token)
      let span = SourceSpan(file: rule.span.file, start: token.start, end: source.tokens[blockClose].end)
      let braces = (open: index + 1, close: blockClose)
      if word == "when" {
        items.append(
          keywordBlockItem("when", span: span, items: rule.conditions.map(conditionItem), braces: braces))
      } else if word == "then" {
        items.append(
          keywordBlockItem("then", span: span, items: rule.actions.map(actionItem), braces: braces))
      } else {
        return verbatim(rule.span, indent: indent)
      }
      index = blockClose + 1
    }
    items.sort { $0.span.start < $1.span.start }
    let inside = source.tokens[open].end..<source.tokens[close].start
    if hasUnplaceableComment(in: rule.span, outside: [inside]) { return verbatim(rule.span, indent: indent) }
    var header = source.joinedLines(
      source.firstToken(atOrAfter: rule.span.start)..<open, continuationIndent: indent + style.indentWidth)
    header[0] = pad(indent) + header[0]
    return block(header: header, items: items, braces: (open, close), indent: indent, inline: false)
  }

  /// The index of the `}` that closes the `{` at `open`.
  func matchingBrace(_ open: Int) -> Int? {
    var depth = 0
    var index = open
    while index < source.tokens.count {
      switch source.tokens[index].kind {
      case .leftBrace: depth += 1
      case .rightBrace:
        depth -= 1
        if depth == 0 { return index }
      default: break
      }
      index += 1
    }
    return nil
  }
}
