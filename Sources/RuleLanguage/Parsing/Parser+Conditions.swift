import RuleEngine

extension Parser {
  static let conditionKeywords = ["not", "exists", "either", "count", "test"]

  /// One condition of a `when` block.
  mutating func parseCondition() throws(Failure) -> ConditionSyntax {
    let start = current
    if current.kind == .variable {
      guard peek().kind == .arrow else {
        try fail(
          .expectedToken, "expected a pattern or a condition, found \(describe(current))",
          help: "bind a fact with '?f <- kind(…)', or test variables with 'test ?a > ?b'")
      }
      return .pattern(try parsePattern(allowFilter: true, bindingAllowed: negatedGroupDepth == 0))
    }
    guard current.kind == .identifier else {
      try fail(.expectedToken, "expected a pattern or a condition, found \(describe(current))")
    }
    // A word followed by '(' is a pattern on a template of that name, a keyword too when the
    // '(' touches it: `count(c: 1)`. With a space between, a keyword is the keyword:
    // `test (?a > ?b)`; any other word still starts a pattern: `group (support: polite)`.
    if peek().kind == .leftParen, peek().start == current.end || !atConditionKeyword {
      return .pattern(try parsePattern(allowFilter: true))
    }
    if isWord("not") || isWord("exists") {
      let negated = isWord("not")
      advance()
      if current.kind == .leftParen {
        let keyword = negated ? "not" : "exists"
        try fail(
          .expectedToken, "expected a pattern or '{' after '\(keyword)', found '('",
          label: "parentheses do not group conditions",
          help: "write '\(keyword) group(…)' for one pattern, or '\(keyword) { … }' for several conditions")
      }
      let inner: [ConditionSyntax]
      if current.kind == .leftBrace {
        // A group matches no particular fact either, so the patterns in it cannot bind one.
        negatedGroupDepth += 1
        defer { negatedGroupDepth -= 1 }
        inner = try parseBlock(negated ? "'not' group" : "'exists' group") {
          (parser: inout Parser) throws(Failure) in try parser.parseCondition()
        }
      } else {
        try enterNesting()
        defer { leaveNesting() }
        inner = [.pattern(try parsePattern(allowFilter: true, bindingAllowed: false))]
      }
      return negated ? .not(inner, span(from: start)) : .exists(inner, span(from: start))
    }
    if isWord("either") {
      advance()
      var alternatives: [[ConditionSyntax]] = []
      repeat {
        if !alternatives.isEmpty { advance() }
        alternatives.append(
          try parseBlock("'either' alternative") { (parser: inout Parser) throws(Failure) in
            try parser.parseCondition()
          })
      } while isWord("or") && peek().kind == .leftBrace
      return .either(alternatives, span(from: start))
    }
    if isWord("count") { return .count(try parseCount()) }
    if isWord("test") {
      advance()
      let expression = try parseExpression()
      return .test(expression, span(from: start))
    }
    let word = text(current)
    let suggestion = word.closestMatch(in: Parser.conditionKeywords)
    try fail(
      .expectedToken, "expected a pattern or a condition, found \(describe(current))",
      help: suggestion.map { "did you mean '\($0)'?" } ?? "a pattern looks like 'kind(slot: value)'")
  }

  /// True at one of ``conditionKeywords``, compared without allocating.
  private var atConditionKeyword: Bool {
    isWord("not") || isWord("exists") || isWord("either") || isWord("count") || isWord("test")
  }

  /// `[?f <-] kind(arguments) [where expression]`
  mutating func parsePattern(allowFilter: Bool, bindingAllowed: Bool = true) throws(Failure) -> PatternSyntax
  {
    let start = current
    var binding: VariableSyntax?
    if current.kind == .variable, peek().kind == .arrow {
      let variable = try expectVariable()
      if !bindingAllowed {
        report(
          .error(
            .invalidFactBinding, "a fact binding is not allowed here", at: variable.span,
            label: "no single fact is matched here",
            help: "'not', 'exists' and 'count' match no particular fact; remove '?\(variable.name) <-'"))
        // The binding is dropped; later uses of it must not be reported as never bound.
        recoveries += 1
      }
      advance()
      binding = bindingAllowed ? variable : nil
    }
    let kind = try expectName("a fact kind such as 'group'")
    let arguments = try parseArgumentList("pattern '\(kind.text)'") {
      (parser: inout Parser) throws(Failure) in try parser.parseConstraint()
    }
    var filter: ExpressionSyntax?
    if allowFilter, isWord("where") {
      advance()
      filter = try parseExpression()
    }
    let pieces = arguments.map { SlotArgumentSyntax(label: $0.label, constraint: $0.value, span: $0.span) }
    return PatternSyntax(
      binding: binding, kind: kind, arguments: pieces, filter: filter, span: span(from: start))
  }

  /// `count kind(…) [distinct ?a, ?b] as ?n [where expression]`
  private mutating func parseCount() throws(Failure) -> CountSyntax {
    let start = advance()
    if current.kind == .leftParen {
      try fail(
        .expectedToken, "expected a pattern after 'count', found '('", label: "no fact kind",
        help: "write 'count group(…) as ?n'")
    }
    if current.kind == .variable, peek().kind == .arrow {
      try fail(
        .invalidFactBinding, "a fact binding is not allowed in 'count'", label: "count matches many facts",
        help: "remove '\(text(current)) <-'")
    }
    let pattern = try parsePattern(allowFilter: false, bindingAllowed: false)
    var distinct: [VariableSyntax] = []
    if isWord("distinct") {
      advance()
      distinct.append(try expectVariable("a variable after 'distinct'"))
      while current.kind == .comma {
        advance()
        distinct.append(try expectVariable("a variable after ','"))
      }
    }
    guard isWord("as") else {
      try fail(
        .expectedToken, "expected 'as ?variable' to name the count, found \(describe(current))",
        help: "write 'count \(pattern.kind.text)(…) as ?n where ?n >= 2'")
    }
    advance()
    let result = try expectVariable("a variable to hold the count")
    var filter: ExpressionSyntax?
    if isWord("where") {
      advance()
      filter = try parseExpression()
    }
    return CountSyntax(
      pattern: pattern, distinct: distinct, result: result, filter: filter, span: span(from: start))
  }

  /// `( [label:] item, … )` shared by patterns, facts and fact-building actions.
  /// Positional items must come before named ones.
  mutating func parseArgumentList<Value>(
    _ what: String, _ item: (inout Parser) throws(Failure) -> Value
  ) throws(Failure) -> [(label: NameSyntax?, value: Value, span: SourceSpan)] {
    try require(.leftParen, "'(' after the kind")
    try enterNesting()
    defer { leaveNesting() }
    let opening = advance()
    var arguments: [(label: NameSyntax?, value: Value, span: SourceSpan)] = []
    var seenNamed = false
    while current.kind != .rightParen {
      if isAtEnd || current.kind == .rightBrace || (current.startsLine && atDeclarationStart()) {
        try fail(
          .unclosedDelimiter, "the \(what) is not closed", at: opening, label: "opened here",
          help: "add ')' after the last slot")
      }
      let start = current
      var label: NameSyntax?
      var misplaced = false
      if current.kind == .identifier, peek().kind == .colon {
        label = try expectName("a slot name")
        advance()
        seenNamed = true
      } else if seenNamed {
        report(
          .error(
            .positionalAfterNamed, "a positional value after a named slot", at: span(current),
            label: "which slot is this?",
            help: "name the slot ('slot: value') or move it before the named ones"))
        misplaced = true
      }
      let value = try item(&self)
      if misplaced {
        // Its slot is unknown: mapping it by position would blame an unrelated slot (a false
        // E0206), so it is left out, like any other part dropped after an error.
        recoveries += 1
      } else {
        arguments.append((label, value, span(from: start)))
      }
      if current.kind == .comma {
        advance()
      } else if current.kind != .rightParen {
        // `slot: value` on the next line is a list spread over lines that misses a ','; any
        // other new line, or the end of the block, means the ')' itself was forgotten.
        let continuesList = current.kind == .identifier && peek().kind == .colon
        if atEndOfLineOrBlock, !continuesList {
          try fail(
            .unclosedDelimiter, "the \(what) is not closed", at: opening, label: "opened here",
            help: "add ')' after the last slot")
        }
        let message = "expected ',' or ')' in the \(what), found \(describe(current))"
        guard continuesList else {
          let help =
            current.kind == .identifier && label != nil
            ? "slot values are single words; did you forget a ',' or ':'?" : "separate slots with ','"
          try fail(.expectedToken, message, help: help)
        }
        // Only the ',' is missing: go on with the next slot as if it were there, so the rest
        // of the list is still read and checked.
        report(.error(.expectedToken, message, at: span(current), help: "separate slots with ','"))
      }
    }
    advance()
    return arguments
  }

  /// A slot constraint: `value`, `?x`, `a | b`, `>= 2`, `?v & != ?w`.
  mutating func parseConstraint() throws(Failure) -> ConstraintSyntax {
    let start = current
    var conjuncts = [try parseAlternatives()]
    while current.kind == .ampersand {
      advance()
      conjuncts.append(try parseAlternatives())
    }
    return conjuncts.count == 1 ? conjuncts[0] : .allOf(conjuncts, span(from: start))
  }

  private mutating func parseAlternatives() throws(Failure) -> ConstraintSyntax {
    let start = current
    var alternatives = [try parseConstraintTerm()]
    while current.kind == .pipe {
      advance()
      alternatives.append(try parseConstraintTerm())
    }
    return alternatives.count == 1 ? alternatives[0] : .anyOf(alternatives, span(from: start))
  }

  private mutating func parseConstraintTerm() throws(Failure) -> ConstraintSyntax {
    let start = current
    var comparison = ComparisonOperator.equal
    if let explicit = comparisonOperator(current.kind) {
      comparison = explicit
      advance()
    } else if current.kind == .tilde {
      try fail(
        .unexpectedCharacter, "'~' is not an operator in cxdx", help: "write '!= value' for 'not value'")
    }
    let operand = try parseExpression(minimumPrecedence: BinaryOperator.add.precedence)
    return .term(comparison, operand, span(from: start))
  }

  func comparisonOperator(_ kind: TokenKind) -> ComparisonOperator? {
    switch kind {
    case .equal: .equal
    case .notEqual: .notEqual
    case .less: .less
    case .lessEqual: .lessOrEqual
    case .greater: .greater
    case .greaterEqual: .greaterOrEqual
    default: nil
    }
  }
}
