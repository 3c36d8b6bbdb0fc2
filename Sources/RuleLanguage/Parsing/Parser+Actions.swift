import RuleEngine

extension Parser {
  static let actionKeywords = [
    "assert", "derive", "retract", "modify", "suspect", "print", "write", "let", "if", "halt",
  ]

  /// One action of a `then` block.
  mutating func parseAction() throws(Failure) -> ActionSyntax {
    let start = current
    // Strings in actions fill in `{?var}`; those of conditions are matched as written.
    let outerReading = expressionStrings
    expressionStrings = .interpolated
    defer { expressionStrings = outerReading }
    guard current.kind == .identifier else {
      try fail(.expectedToken, "expected an action, found \(describe(current))", help: actionHelp)
    }
    if isWord("assert") || isWord("derive") {
      let logical = isWord("derive")
      advance()
      let fact = try parseFactTemplate()
      return logical ? .derive(fact) : .assert(fact)
    }
    if isWord("retract") {
      advance()
      var variables = [try expectVariable("the variable of a fact to retract ('?f')")]
      while current.kind == .comma {
        advance()
        variables.append(try expectVariable("another fact variable after ','"))
      }
      return .retract(variables, span(from: start))
    }
    if isWord("modify") {
      advance()
      let variable = try expectVariable("the variable of a fact to modify ('?f')")
      let values = try parseSlotValues("modification of '?\(variable.name)'")
      for value in values where value.label == nil {
        report(
          .error(
            .expectedToken, "'modify' needs slot names", at: value.span, label: "which slot?",
            help: "write 'modify ?\(variable.name)(slot: value)'"))
      }
      return .modify(variable, values, span(from: start))
    }
    if isWord("suspect") {
      advance()
      let diagnosis = try expectName("the diagnosis to suspect")
      let certainty = try parseExpression()
      let because = current.kind == .string ? try parseStringLiteral(.interpolated) : nil
      return .suspect(
        SuspectSyntax(diagnosis: diagnosis, certainty: certainty, because: because, span: span(from: start)))
    }
    if isWord("print") || isWord("write") {
      let newline = isWord("print")
      advance()
      var arguments = [try parseExpression()]
      while current.kind == .comma {
        advance()
        arguments.append(try parseExpression())
      }
      return .print(arguments, newline: newline, span(from: start))
    }
    if isWord("let") {
      advance()
      let variable = try expectVariable("a variable after 'let'")
      try expect(.equal, "'=' after the variable")
      let value = try parseExpression()
      return .bind(variable, value, span(from: start))
    }
    if isWord("halt") {
      advance()
      return .halt(span(start))
    }
    if isWord("if") { return .conditional(try parseConditional()) }
    let suggestion = text(current).closestMatch(in: Parser.actionKeywords)
    try fail(
      .expectedToken, "expected an action, found \(describe(current))",
      help: suggestion.map { "did you mean '\($0)'?" } ?? actionHelp)
  }

  private var actionHelp: String {
    "actions are: \(Parser.actionKeywords.map { "'\($0)'" }.joined(separator: ", "))"
  }

  /// `if test { … } [else if test { … }]… [else { … }]`, at the `if`.
  ///
  /// The chain is read in a loop, but each `else if` is an `if` nested in the `else` before it
  /// (as lowering builds it and the engine runs it), so each counts as one level of nesting.
  private mutating func parseConditional() throws(Failure) -> ConditionalSyntax {
    let start = current
    var branches: [ConditionalSyntax.Branch] = []
    var otherwise: [ActionSyntax]?
    var chained = 0
    defer { depth -= chained }
    while true {
      let keyword = advance()
      if current.kind == .leftBrace {
        try fail(
          .expectedToken, "expected a test after 'if', found '{'", label: "no test",
          help: "write 'if ?x > 2 { … }'")
      }
      let test = try parseExpression()
      let actions = try parseBlock("'if' branch") { (parser: inout Parser) throws(Failure) in
        try parser.parseAction()
      }
      branches.append(ConditionalSyntax.Branch(test: test, actions: actions, span: span(from: keyword)))
      guard isWord("else") else { break }
      advance()
      if isWord("if") {
        try enterNesting()
        chained += 1
        continue
      }
      otherwise = try parseBlock("'else' branch") { (parser: inout Parser) throws(Failure) in
        try parser.parseAction()
      }
      break
    }
    return ConditionalSyntax(branches: branches, otherwise: otherwise, span: span(from: start))
  }

  /// `kind(slot: expression, …)` in `assert` and `derive`.
  private mutating func parseFactTemplate() throws(Failure) -> FactTemplateSyntax {
    let start = current
    let kind = try expectName("a fact kind to create")
    let values = try parseSlotValues("fact '\(kind.text)'")
    return FactTemplateSyntax(kind: kind, values: values, span: span(from: start))
  }

  private mutating func parseSlotValues(_ what: String) throws(Failure) -> [SlotValueSyntax] {
    try parseArgumentList(what) { (parser: inout Parser) throws(Failure) in try parser.parseExpression() }
      .map { SlotValueSyntax(label: $0.label, value: $0.value, span: $0.span) }
  }
}
