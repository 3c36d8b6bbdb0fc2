import RuleEngine

/// A recursive-descent parser for rule files and fact files.
///
/// It never stops at the first error: each problem is recorded, the parser resynchronises at
/// the next item of the enclosing block or the next declaration, and parsing goes on. Nesting
/// is bounded by ``maximumNesting``, so no input can exhaust the stack.
public struct Parser {
  /// How deeply blocks, parentheses and unary operators may nest.
  public static let maximumNesting = 64
  /// How many binary operators one expression may hold, parenthesised parts and call
  /// arguments included. Binary operators group left to right, so a chain of them is a tree as
  /// deep as it is long; this bounds the recursion of every pass over an expression.
  public static let maximumOperators = 256

  /// Thrown to unwind to the nearest recovery point once the problem has been reported.
  struct Failure: Error {}

  let file: SourceFile
  let tokens: [Token]
  var index = 0
  var sink: DiagnosticSink
  var depth = 0
  /// How many times the parser dropped part of the input after an error (unwinding to a
  /// recovery point, or ignoring a fact binding); a declaration compares it before and after
  /// to know whether it lost a part.
  var recoveries = 0
  /// How many `not { … }` and `exists { … }` groups enclose the current condition.
  var negatedGroupDepth = 0
  /// How many calls of ``parseExpression(minimumPrecedence:)`` are under way; 0 outside any.
  var expressionDepth = 0
  /// The binary operators read so far in the outermost expression being parsed.
  var expressionOperators = 0
  /// How strings in expressions are read: interpolated in actions, matched as written (with
  /// `{?var}` reported) in conditions.
  var expressionStrings = StringReading.matched

  init(file: SourceFile, lexed: Lexer.Output) {
    self.file = file
    self.tokens = lexed.tokens
    self.sink = DiagnosticSink()
    sink.add(contentsOf: lexed.diagnostics)
  }

  // MARK: - Entry points

  /// Parses a `.rules` file.
  public static func parseRules(_ file: SourceFile) -> (RuleFileSyntax, [Diagnostic]) {
    let lexed = Lexer.tokenize(file)
    var parser = Parser(file: file, lexed: lexed)
    let declarations = parser.parseRuleFile()
    let syntax = RuleFileSyntax(file: file.id, declarations: declarations, comments: lexed.comments)
    return (syntax, parser.sink.diagnostics)
  }

  /// Parses a `.facts` file.
  public static func parseFacts(_ file: SourceFile) -> (FactFileSyntax, [Diagnostic]) {
    let lexed = Lexer.tokenize(file)
    var parser = Parser(file: file, lexed: lexed)
    let (facts, expectations) = parser.parseFactFile()
    let syntax = FactFileSyntax(
      file: file.id, facts: facts, expectations: expectations, comments: lexed.comments)
    return (syntax, parser.sink.diagnostics)
  }

  // MARK: - Cursor

  var current: Token { tokens[index] }

  func peek(_ distance: Int = 1) -> Token { tokens[min(index + distance, tokens.count - 1)] }

  var isAtEnd: Bool { current.kind == .endOfFile }

  @discardableResult
  mutating func advance() -> Token {
    let token = current
    if index < tokens.count - 1 { index += 1 }
    return token
  }

  func text(_ token: Token) -> String {
    let text = String(decoding: file.bytes[token.start..<token.end], as: UTF8.self)
    // Names are ASCII; a non-ASCII scalar in one is an invisible character that the lexer
    // reported and kept out of the name.
    guard token.kind == .identifier || token.kind == .variable, !text.utf8.allSatisfy({ $0 < 0x80 }) else {
      return text
    }
    return String(String.UnicodeScalarView(text.unicodeScalars.filter(\.isASCII)))
  }

  func span(_ token: Token) -> SourceSpan { SourceSpan(file: file.id, start: token.start, end: token.end) }

  func span(from start: Token, to end: Token) -> SourceSpan {
    SourceSpan(file: file.id, start: start.start, end: max(start.end, end.end))
  }

  /// The span from `start` to the last token consumed.
  func span(from start: Token) -> SourceSpan { span(from: start, to: tokens[max(0, index - 1)]) }

  /// True when the current token is the identifier `word`, compared without allocating.
  func isWord(_ word: StaticString, at token: Token? = nil) -> Bool {
    let token = token ?? current
    guard token.kind == .identifier, token.end - token.start == word.utf8CodeUnitCount else { return false }
    return word.withUTF8Buffer { buffer in
      for offset in 0..<buffer.count where file.bytes[token.start + offset] != buffer[offset] { return false }
      return true
    }
  }

  /// How a token reads in "found …".
  func describe(_ token: Token) -> String {
    switch token.kind {
    case .endOfFile: "end of file"
    case .identifier: "'\(text(token))'"
    case .string: "a string"
    case .number: "the number \(text(token))"
    case .variable: "the variable '\(text(token))'"
    default: "'\(text(token))'"
    }
  }

  // MARK: - Expecting

  @discardableResult
  mutating func expect(_ kind: TokenKind, _ what: String? = nil, help: String? = nil) throws(Failure) -> Token
  {
    try require(kind, what, help: help)
    return advance()
  }

  /// Like ``expect(_:_:help:)`` but leaves the token current, for callers that must act
  /// before consuming it.
  mutating func require(_ kind: TokenKind, _ what: String? = nil, help: String? = nil) throws(Failure) {
    guard current.kind == kind else {
      try fail(.expectedToken, "expected \(what ?? kind.displayName), found \(describe(current))", help: help)
    }
  }

  mutating func expectName(_ what: String) throws(Failure) -> NameSyntax {
    let token = try expect(.identifier, what)
    return NameSyntax(text(token), span: span(token))
  }

  mutating func expectVariable(_ what: String = "a variable") throws(Failure) -> VariableSyntax {
    let token = try expect(.variable, what)
    // A lone '?' (already reported by the lexer) stands for the wildcard: it binds nothing, so
    // it causes no follow-on "never bound" error.
    let name = token.content.isEmpty ? "_" : String(text(token).dropFirst(Int(token.openingLength)))
    return VariableSyntax(name, span: span(token))
  }

  mutating func report(_ diagnostic: Diagnostic) { sink.add(diagnostic) }

  /// Reports an error at the current token and unwinds to the nearest recovery point.
  ///
  /// Right after an unterminated string the error is not reported: the string ran to the end
  /// of its line, so whatever was expected there (a `)`, a `,`, a `{`) was most likely
  /// swallowed by it, and the lexer has already reported the real problem.
  mutating func fail(
    _ code: DiagnosticCode, _ message: String, at token: Token? = nil, label: String = "", help: String? = nil
  ) throws(Failure) -> Never {
    if !followsUnterminatedString {
      let token = token ?? current
      let location = token.kind == .endOfFile ? endOfFileSpan() : span(token)
      sink.add(.error(code, message, at: location, label: label, help: help))
    }
    recoveries += 1
    throw Failure()
  }

  /// True when the previous token is a string that ran to the end of its line.
  var followsUnterminatedString: Bool { index > 0 && tokens[index - 1].isUnterminatedString }

  /// End of file is reported on the last line that has text, where the reader will look.
  func endOfFileSpan() -> SourceSpan {
    var end = file.bytes.count
    while end > 0,
      [UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: " "), UInt8(ascii: "\t")]
        .contains(file.bytes[end - 1])
    {
      end -= 1
    }
    return SourceSpan(file: file.id, start: end, end: end)
  }

  // MARK: - Nesting

  /// Enters one level of nesting; past the limit, reports it, skips the whole nested group
  /// (iteratively) and unwinds.
  ///
  /// Call it while the current token is still the one that opens the level (`(`, `{`, or a
  /// unary operator): the caret then points at it, and the skip removes exactly that group, so
  /// the enclosing levels still find their own closing tokens.
  mutating func enterNesting() throws(Failure) {
    depth += 1
    guard depth > Parser.maximumNesting else { return }
    let opening = current
    let diagnostic = Diagnostic.error(
      .nestingTooDeep, "nesting deeper than \(Parser.maximumNesting) levels", at: span(opening),
      label: "too deep", help: "split the expression or condition into smaller parts")
    skipBalancedGroup()
    depth -= 1
    sink.add(diagnostic)
    recoveries += 1
    throw Failure()
  }

  mutating func leaveNesting() { depth -= 1 }

  /// Skips a bracketed group starting at the current token, or one token.
  mutating func skipBalancedGroup() {
    var balance = 0
    repeat {
      switch current.kind {
      case .leftParen, .leftBrace, .leftBracket: balance += 1
      case .rightParen, .rightBrace, .rightBracket: balance -= 1
      default: break
      }
      advance()
    } while balance > 0 && !isAtEnd
  }

  // MARK: - Recovery

  /// True at the first token of a new line, a `}` or the end of the file: where a missing
  /// closing `)` shows, since lists and calls are rarely continued on the next line.
  var atEndOfLineOrBlock: Bool { current.startsLine || current.kind == .rightBrace || isAtEnd }

  /// True at a word that begins a top-level declaration: `rule x`, `template x`, …
  func atDeclarationStart() -> Bool {
    guard current.kind == .identifier, peek().kind == .identifier else { return false }
    return isWord("rule") || isWord("template") || isWord("diagnosis") || isWord("ask")
  }

  /// Skips to the next line that starts a declaration.
  mutating func synchronizeToDeclaration() {
    if !isAtEnd { advance() }
    while !isAtEnd, !(current.startsLine && atDeclarationStart()) { advance() }
  }

  /// Skips to the first token of a later line at the same brace depth, or to the `}` that
  /// closes the enclosing block.
  mutating func synchronizeToNextItem(from start: Int) {
    var braces = 0
    if index == start, !isAtEnd, current.kind != .rightBrace { advance() }
    while !isAtEnd {
      if current.startsLine, braces == 0, index != start { return }
      switch current.kind {
      case .leftBrace: braces += 1
      case .rightBrace:
        if braces == 0 { return }
        braces -= 1
      default: break
      }
      advance()
    }
  }

  /// Parses `{ item* }`, recovering per item, and stopping (with an error) at a new declaration
  /// when the closing brace is missing.
  mutating func parseBlock<Item>(
    _ what: String, _ item: (inout Parser) throws(Failure) -> Item?
  ) throws(Failure) -> [Item] {
    try require(.leftBrace, "'{' to open the \(what)")
    try enterNesting()
    defer { leaveNesting() }
    let opening = advance()
    var items: [Item] = []
    while true {
      if sink.isFull { throw Failure() }
      if current.kind == .rightBrace {
        advance()
        return items
      }
      if isAtEnd || (current.startsLine && atDeclarationStart()) {
        // The closing brace may be inside a string that ran to the end of its line.
        if followsUnterminatedString { return items }
        report(
          .error(
            .unclosedDelimiter, "the \(what) is not closed", at: span(opening), label: "opened here",
            help: "add '}' at the end of the \(what)"))
        return items
      }
      let start = index
      do throws(Failure) {
        if let parsed = try item(&self) { items.append(parsed) }
        while current.kind == .comma || current.kind == .semicolon { advance() }
      } catch {
        synchronizeToNextItem(from: start)
      }
    }
  }
}
