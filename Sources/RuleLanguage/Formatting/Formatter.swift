import RuleEngine

/// Puts rule files and case files in canonical layout (`cxdx fmt`).
///
/// The formatter prints from the syntax tree and the tokens, so every number, string piece and
/// parenthesis stays as written; only white space, line breaks, separators (`,` `;` between
/// items) and the order of a case fact's named values change. It refuses a file with syntax
/// errors, and it checks its own work: the output must parse to the same tree (``SyntaxDump``)
/// with the same comments, or the file is reported as ``FormatOutcome/unsafe(_:)``.
public struct Formatter: Sendable {
  public var style: FormatStyle
  /// Templates' slot orders, for case facts; facts of kinds it does not know keep their order.
  public var slotOrder: SlotOrder

  public init(style: FormatStyle = FormatStyle(), slotOrder: SlotOrder = .asWritten) {
    self.style = style
    self.slotOrder = slotOrder
  }

  /// Formats a `.facts` file when its path ends so, otherwise a `.rules` file.
  public func format(_ file: SourceFile) -> FormatOutcome {
    file.path.hasSuffix(".facts") ? formatFacts(file) : formatRules(file)
  }

  public func formatRules(_ file: SourceFile) -> FormatOutcome {
    // Lexed once, for the parser and for the printer, which reads the tokens themselves.
    let lexed = Lexer.tokenize(file)
    var parser = Parser(file: file, lexed: lexed)
    let syntax = RuleFileSyntax(file: file.id, declarations: parser.parseRuleFile(), comments: lexed.comments)
    let diagnostics = parser.sink.diagnostics
    guard !diagnostics.hasErrors else { return .notParsed(diagnostics) }
    var source = FormatSource(file: file, lexed: lexed)
    var collector = PrefixMinusCollector(file: file)
    collector.add(syntax)
    source.prefixMinusOffsets = collector.offsets
    let text = Self.joinLines(
      LayoutPrinter(source: source, style: style, slotOrder: slotOrder).ruleFile(syntax))
    let reread = Parser.parseRules(SourceFile(id: file.id, path: file.path, text: text))
    return verified(
      text, original: (SyntaxDump.dump(syntax), syntax.comments),
      reread: (SyntaxDump.dump(reread.0), reread.0.comments, reread.1))
  }

  public func formatFacts(_ file: SourceFile) -> FormatOutcome {
    let lexed = Lexer.tokenize(file)
    var parser = Parser(file: file, lexed: lexed)
    let (facts, expectations) = parser.parseFactFile()
    let syntax = FactFileSyntax(
      file: file.id, facts: facts, expectations: expectations, comments: lexed.comments)
    let diagnostics = parser.sink.diagnostics
    guard !diagnostics.hasErrors else { return .notParsed(diagnostics) }
    var source = FormatSource(file: file, lexed: lexed)
    var collector = PrefixMinusCollector(file: file)
    collector.add(syntax)
    source.prefixMinusOffsets = collector.offsets
    let text = Self.joinLines(
      LayoutPrinter(source: source, style: style, slotOrder: slotOrder).factFile(syntax))
    let reread = Parser.parseFacts(SourceFile(id: file.id, path: file.path, text: text))
    return verified(
      text, original: (SyntaxDump.dump(syntax), syntax.comments),
      reread: (SyntaxDump.dump(reread.0), reread.0.comments, reread.1))
  }

  /// The comment texts of a file as the formatter keeps them: trailing white space dropped.
  public static func commentTexts(_ comments: [Comment]) -> [String] {
    comments.map { comment in
      var text = comment.text
      while let last = text.last, last == " " || last == "\t" { text.removeLast() }
      return text
    }
  }

  private func verified(
    _ text: String, original: (dump: String, comments: [Comment]),
    reread: (dump: String, comments: [Comment], diagnostics: [Diagnostic])
  ) -> FormatOutcome {
    if reread.diagnostics.hasErrors {
      return .unsafe("the formatted text does not parse: \(reread.diagnostics[0].message)")
    }
    if reread.dump != original.dump { return .unsafe("the formatted text would not mean the same") }
    if Self.commentTexts(reread.comments) != Self.commentTexts(original.comments) {
      return .unsafe("a comment would be lost or reordered")
    }
    return .formatted(text)
  }

  /// Lines joined with a line feed after each; trailing blank lines dropped; an empty file stays empty.
  private static func joinLines(_ lines: [String]) -> String {
    var lines = lines
    while let last = lines.last, last.isEmpty { lines.removeLast() }
    return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
  }
}
