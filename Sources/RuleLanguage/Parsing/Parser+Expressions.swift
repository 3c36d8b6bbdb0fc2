import RuleEngine

extension Parser {
  /// An expression by precedence climbing: `or` < `and` < comparisons < `+ -` < `* / %` < unary.
  /// Binary operators loop rather than recurse, so only parentheses and unary operators nest.
  ///
  /// A loop still builds a left-deep tree, as deep as the chain is long, so the operators of one
  /// whole expression are counted and limited to ``Parser/maximumOperators``.
  mutating func parseExpression(minimumPrecedence: Int = 1) throws(Failure) -> ExpressionSyntax {
    if expressionDepth == 0 { expressionOperators = 0 }
    expressionDepth += 1
    defer { expressionDepth -= 1 }
    var left = try parseUnary()
    while let binary = binaryOperator(at: current), binary.precedence >= minimumPrecedence {
      expressionOperators += 1
      if expressionOperators > Parser.maximumOperators {
        try fail(
          .nestingTooDeep, "more than \(Parser.maximumOperators) operators in one expression",
          label: "one too many",
          help: "split the expression: several 'test' conditions, or 'let' steps in the actions")
      }
      advance()
      let right = try parseExpression(minimumPrecedence: binary.precedence + 1)
      left = .binary(binary, left, right, left.span.union(right.span))
    }
    return left
  }

  private func binaryOperator(at token: Token) -> BinaryOperator? {
    switch token.kind {
    case .identifier:
      if isWord("and", at: token) { return .and }
      if isWord("or", at: token) { return .or }
      return nil
    case .equal: return .equal
    case .notEqual: return .notEqual
    case .less: return .less
    case .lessEqual: return .lessOrEqual
    case .greater: return .greater
    case .greaterEqual: return .greaterOrEqual
    case .plus: return .add
    case .minus: return .subtract
    case .star: return .multiply
    case .slash: return .divide
    case .percent: return .remainder
    default: return nil
    }
  }

  private mutating func parseUnary() throws(Failure) -> ExpressionSyntax {
    let start = current
    if current.kind == .minus || isWord("not") {
      let op: UnaryOperator = current.kind == .minus ? .negate : .not
      try enterNesting()
      defer { leaveNesting() }
      advance()
      let operand = try parseUnary()
      // Fold `-3` into a literal so that facts and constraints see a plain number.
      if op == .negate, case .literal(let literal) = operand, case .number(let value) = literal.value {
        return .literal(LiteralSyntax(.number(-value), span: span(from: start)))
      }
      return .unary(op, operand, span(from: start))
    }
    return try parsePrimary()
  }

  private mutating func parsePrimary() throws(Failure) -> ExpressionSyntax {
    let start = current
    if let number = try leadingDotNumber("a value, a variable or '('") { return .literal(number) }
    switch current.kind {
    case .number:
      return .literal(try parseLiteral("a value"))
    case .identifier where !isCallStart():
      return .literal(try parseLiteral("a value"))
    case .identifier:
      let name = try expectName("a function name")
      try enterNesting()
      defer { leaveNesting() }
      let opening = try expect(.leftParen)
      var arguments: [ExpressionSyntax] = []
      while current.kind != .rightParen {
        if isAtEnd || current.kind == .rightBrace {
          try failUnclosedCall(name, opening)
        }
        arguments.append(try parseExpression())
        if current.kind == .comma {
          advance()
        } else if current.kind != .rightParen {
          if atEndOfLineOrBlock { try failUnclosedCall(name, opening) }
          try fail(
            .expectedToken, "expected ',' or ')' in the call to '\(name.text)', found \(describe(current))")
        }
      }
      advance()
      return .call(name, arguments, span(from: start))
    case .string:
      return .string(try parseStringLiteral(expressionStrings))
    case .variable:
      return .variable(try expectVariable())
    case .leftParen:
      try enterNesting()
      defer { leaveNesting() }
      let opening = advance()
      let inner = try parseExpression()
      if current.kind != .rightParen, atEndOfLineOrBlock {
        try fail(
          .unclosedDelimiter, "the parenthesis is not closed", at: opening, label: "opened here",
          help: "add ')' at the end of the parenthesised expression")
      }
      try expect(.rightParen, "')' to close the parenthesis")
      return inner
    default:
      try fail(.expectedToken, "expected a value, a variable or '(', found \(describe(current))")
    }
  }

  private func isCallStart() -> Bool { peek().kind == .leftParen }

  /// `.7` written for `0.7`: reported, then read as the number that was meant. Nil, consuming
  /// nothing, unless a '.' is directly followed by digits.
  private mutating func leadingDotNumber(_ what: String) throws(Failure) -> LiteralSyntax? {
    guard current.kind == .dot, peek().kind == .number, peek().start == current.end else { return nil }
    let dot = advance()
    let digits = text(current)
    report(
      .error(
        .expectedToken, "expected \(what), found '.'", at: span(dot), label: "no digit before the '.'",
        help: "write 0.\(digits)"))
    let fraction = try parseNumber()
    let value = Double("0." + digits) ?? fraction
    return LiteralSyntax(.number(value), span: span(from: dot))
  }

  private mutating func failUnclosedCall(_ name: NameSyntax, _ opening: Token) throws(Failure) -> Never {
    try fail(
      .unclosedDelimiter, "the call to '\(name.text)' is not closed", at: opening, label: "opened here",
      help: "add ')' after the last argument")
  }

  // MARK: - Literals

  /// A literal: a number (with an optional leading '-'), a string, `true`/`false`, or a symbol.
  mutating func parseLiteral(_ what: String) throws(Failure) -> LiteralSyntax {
    let start = current
    if let number = try leadingDotNumber(what) { return number }
    switch current.kind {
    case .minus:
      advance()
      guard current.kind == .number else {
        try fail(.expectedToken, "expected a number after '-', found \(describe(current))")
      }
      let number = try parseNumber()
      return LiteralSyntax(.number(-number), span: span(from: start))
    case .number:
      let number = try parseNumber()
      return LiteralSyntax(.number(number), span: span(from: start))
    case .string:
      let string = try parseStringLiteral(.plain)
      return LiteralSyntax(.string(string.plainText ?? string.template), span: string.span)
    case .identifier:
      advance()
      if isWord("true", at: start) { return LiteralSyntax(.boolean(true), span: span(start)) }
      if isWord("false", at: start) { return LiteralSyntax(.boolean(false), span: span(start)) }
      return LiteralSyntax(.symbol(text(start)), span: span(start))
    default:
      try fail(.expectedToken, "expected \(what), found \(describe(current))")
    }
  }

  private mutating func parseNumber() throws(Failure) -> Double {
    let token = advance()
    guard let value = Double(text(token)), value.isFinite else {
      try fail(.malformedNumber, "the number \(text(token)) is out of range", at: token, label: "too large")
    }
    return value
  }

  /// One or more adjacent string tokens, joined, with escapes decoded and, when
  /// ``StringReading/interpolated``, `{?var}` pieces split out.
  mutating func parseStringLiteral(_ reading: StringReading) throws(Failure) -> StringLiteralSyntax {
    let first = try expect(.string, "a string")
    var parts: [StringLiteralSyntax.Part] = []
    decodeString(first, reading, into: &parts)
    while current.kind == .string {
      decodeString(advance(), reading, into: &parts)
    }
    return StringLiteralSyntax(parts: parts, span: span(from: first))
  }

  private mutating func decodeString(
    _ token: Token, _ reading: StringReading, into parts: inout [StringLiteralSyntax.Part]
  ) {
    let bytes = file.bytes
    let end = token.content.upperBound
    var text: [UInt8] = []
    var position = token.content.lowerBound
    func flush(_ parts: inout [StringLiteralSyntax.Part]) {
      guard !text.isEmpty else { return }
      let piece = String(decoding: text, as: UTF8.self)
      if case .text(let previous)? = parts.last {
        parts[parts.count - 1] = .text(previous + piece)
      } else {
        parts.append(.text(piece))
      }
      text.removeAll()
    }
    while position < end {
      let byte = bytes[position]
      if byte == UInt8(ascii: "\\"), position + 1 < end {
        let escaped = bytes[position + 1]
        switch escaped {
        case UInt8(ascii: "n"): text.append(UInt8(ascii: "\n"))
        case UInt8(ascii: "t"): text.append(UInt8(ascii: "\t"))
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "{"), UInt8(ascii: "}"):
          text.append(escaped)
        default:
          report(
            .error(
              .invalidEscape, "unknown escape sequence in a string",
              at: SourceSpan(file: file.id, start: position, end: position + 2), label: "not an escape",
              help: "the escapes are \\\" \\\\ \\n \\t \\{ \\}"))
        }
        position += 2
      } else if reading != .plain, byte == UInt8(ascii: "{") {
        var close = position + 1
        while close < end, bytes[close] != UInt8(ascii: "}") { close += 1 }
        let inner = bytes[(position + 1)..<min(close, end)]
        let isVariable =
          close < end && inner.count >= 2 && inner.first == UInt8(ascii: "?")
          && Lexer.isIdentifierStart(inner[inner.startIndex + 1])
          && inner.dropFirst().allSatisfy(Lexer.isIdentifierContinue)
        if reading == .matched {
          // Plain text, but `{?var}` looks like an interpolation that would not happen.
          if isVariable {
            let name = String(decoding: inner.dropFirst(), as: UTF8.self)
            report(
              .error(
                .invalidInterpolation,
                "a string in a condition is matched as written; '{?\(name)}' is not filled in",
                at: SourceSpan(file: file.id, start: position, end: close + 1), label: "not filled in here",
                help:
                  "use the variable itself (?\(name)), or build the text with 'concat'; write '\\{' for a literal brace"
              ))
          }
          text.append(byte)
          position += 1
        } else if isVariable {
          flush(&parts)
          let name = String(decoding: inner.dropFirst(), as: UTF8.self)
          parts.append(
            .variable(VariableSyntax(name, span: SourceSpan(file: file.id, start: position + 1, end: close))))
          position = close + 1
        } else {
          report(
            .error(
              .invalidInterpolation, "'{' in a string must hold a variable, as in '{?who}'",
              at: SourceSpan(file: file.id, start: position, end: min(close + 1, end)),
              label: "not a variable", help: "write '\\{' for a literal brace"))
          text.append(byte)
          position += 1
        }
      } else {
        text.append(byte)
        position += 1
      }
    }
    flush(&parts)
  }
}
