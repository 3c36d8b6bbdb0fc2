import RuleEngine

extension Parser {
  mutating func parseFactFile() -> ([FactSyntax], [ExpectationSyntax]) {
    var facts: [FactSyntax] = []
    var expectations: [ExpectationSyntax] = []
    while !isAtEnd, !sink.isFull {
      let start = index
      do throws(Failure) {
        if isWord("expect"), peek().kind != .leftParen {
          expectations.append(try parseExpectation())
        } else if atDeclarationStart() {
          report(
            .error(
              .wrongFileKind, "'\(text(current))' declarations belong in a '.rules' file", at: span(current),
              label: "not allowed in a case file", help: "move it to a file under rules/"))
          skipDeclaration()
        } else if current.kind == .identifier, peek().kind == .leftParen {
          facts.append(try parseFact())
        } else {
          let suggestion = current.kind == .identifier ? text(current).closestMatch(in: ["expect"]) : nil
          try fail(
            .expectedDeclaration,
            "expected a fact such as 'group(name: \"…\", support: polite)', found \(describe(current))",
            help: suggestion.map { "did you mean '\($0)'?" } ?? "a case file holds facts and 'expect' lines")
        }
      } catch {
        synchronizeToNextFact(from: start)
      }
    }
    return (facts, expectations)
  }

  /// Skips a declaration pasted into a case file: the rest of its first line and, when that
  /// line opens a block, the whole balanced `{ … }`, so that the body is not read as facts.
  private mutating func skipDeclaration() {
    advance()
    while !isAtEnd, !current.startsLine, current.kind != .leftBrace { advance() }
    if current.kind == .leftBrace { skipBalancedGroup() }
  }

  /// Skips to the next line that begins a fact or an expectation.
  private mutating func synchronizeToNextFact(from start: Int) {
    if index == start { advance() }
    while !isAtEnd {
      if current.startsLine, current.kind == .identifier,
        peek().kind == .leftParen || isWord("expect") || atDeclarationStart()
      {
        return
      }
      advance()
    }
  }

  private mutating func parseFact() throws(Failure) -> FactSyntax {
    let start = current
    let kind = try expectName("a fact kind")
    let values = try parseArgumentList("fact '\(kind.text)'") { (parser: inout Parser) throws(Failure) in
      if parser.current.kind == .variable {
        try parser.fail(
          .expectedToken, "a case fact holds values, not variables", label: "variable",
          help: "write the value itself, e.g. 'support: polite'")
      }
      return try parser.parseLiteral("a value (a word, a number, a string, true or false)")
    }
    var certainty: LiteralSyntax?
    if isWord("certainty") {
      advance()
      certainty = try parseLiteral("a certainty above 0 and at most 1")
    }
    return FactSyntax(
      kind: kind, values: values.map { FactValueSyntax(label: $0.label, value: $0.value, span: $0.span) },
      certainty: certainty, span: span(from: start))
  }

  private mutating func parseExpectation() throws(Failure) -> ExpectationSyntax {
    let start = advance()
    var outcome = ExpectationSyntax.Outcome.present
    if isWord("not"), peek().kind == .identifier {
      advance()
      outcome = .absent
    } else if isWord("unassessed"), peek().kind == .identifier {
      advance()
      outcome = .unassessed
    }
    let diagnosis = try expectName("a diagnosis after 'expect'")
    var bound: (ComparisonOperator, LiteralSyntax)?
    if let comparison = comparisonOperator(current.kind) {
      advance()
      bound = (comparison, try parseLiteral("a certainty"))
    }
    return ExpectationSyntax(outcome: outcome, diagnosis: diagnosis, bound: bound, span: span(from: start))
  }
}
