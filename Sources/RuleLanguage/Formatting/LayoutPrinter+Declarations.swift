import RuleEngine

/// Rule files: templates, diagnoses, questions and rules.
extension LayoutPrinter {
  func ruleFile(_ syntax: RuleFileSyntax) -> [String] {
    var lines: [String] = []
    let items = syntax.declarations.map { declaration in
      LayoutItem(span: declaration.span) { indent in self.declaration(declaration, indent: indent) }
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
        items: diagnosis.properties.map { property in
          LayoutItem(span: property.span) { self.leaf(property.span, indent: $0) }
        }, indent: indent)
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
      LayoutItem(span: slot.span) { self.slot(slot, typeColumn: typeColumn, indent: $0) }
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
    var items = rule.properties.map { property in
      LayoutItem(span: property.span) { self.leaf(property.span, indent: $0) }
    }
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
        let conditions = rule.conditions.map(conditionItem)
        items.append(
          LayoutItem(span: span) {
            self.keywordBlock("when", span: span, items: conditions, braces: braces, indent: $0)
          })
      } else if word == "then" {
        let actions = rule.actions.map(actionItem)
        items.append(
          LayoutItem(span: span) {
            self.keywordBlock("then", span: span, items: actions, braces: braces, indent: $0)
          })
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

  /// `when { … }`, `not { … }`: a word and a block.
  func keywordBlock(
    _ word: String, span: SourceSpan, items: [LayoutItem], braces: (open: Int, close: Int), indent: Int
  ) -> [String] {
    let inside = source.tokens[braces.open].end..<source.tokens[braces.close].start
    if hasUnplaceableComment(in: span, outside: [inside]) { return verbatim(span, indent: indent) }
    return block(header: [pad(indent) + word], items: items, braces: braces, indent: indent)
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
