import Foundation
import RuleEngine
import Testing

@testable import RuleLanguage

/// `cxdx fmt`'s formatter: on every rule and case file of the repository and on generated
/// ones, formatting keeps the syntax tree and the comments, and formatting twice changes
/// nothing more.
@Suite struct FormatterTests {
  // MARK: - Round trips

  /// Formats `text` and checks the three properties; returns the formatted text.
  @discardableResult
  private func expectRoundTrip(
    _ text: String, path: String, slotOrder: SlotOrder = .asWritten,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) -> String? {
    let formatter = Formatter(slotOrder: slotOrder)
    let original = SourceFile(id: SourceFileID(0), path: path, text: text)
    guard case .formatted(let once) = formatter.format(original) else {
      Issue.record("\(path) was not formatted: \(formatter.format(original))", sourceLocation: sourceLocation)
      return nil
    }
    let formatted = SourceFile(id: SourceFileID(0), path: path, text: once)
    // Independent of the formatter's own verification (which compares syntax dumps): the
    // tokens, separators aside, are the same ones, in the same order in a rule file (a case
    // file's values may move into the template's order).
    let (tokensBefore, tokensAfter) = (spellings(original), spellings(formatted))
    if path.hasSuffix(".rules") {
      #expect(tokensBefore == tokensAfter, "\(path): the tokens changed", sourceLocation: sourceLocation)
    } else {
      #expect(
        tokensBefore.sorted() == tokensAfter.sorted(), "\(path): the tokens changed",
        sourceLocation: sourceLocation)
    }
    #expect(
      dump(original) == dump(formatted), "\(path): the syntax tree changed", sourceLocation: sourceLocation)
    let (commentsBefore, neighboursBefore) = comments(original)
    let (commentsAfter, neighboursAfter) = comments(formatted)
    #expect(commentsBefore == commentsAfter, "\(path): the comments changed", sourceLocation: sourceLocation)
    #expect(
      neighboursBefore == neighboursAfter, "\(path): a comment moved to other tokens\n\(once)",
      sourceLocation: sourceLocation)
    guard case .formatted(let twice) = formatter.format(formatted) else {
      Issue.record("\(path): the formatted text was not formatted again", sourceLocation: sourceLocation)
      return nil
    }
    #expect(
      twice == once, "\(path): formatting twice changed the text\n\(once)", sourceLocation: sourceLocation)
    return once
  }

  /// Every token but the separators the formatter drops, as written.
  private func spellings(_ file: SourceFile) -> [String] {
    Lexer.tokenize(file).tokens.filter { $0.kind != .comma && $0.kind != .semicolon }.map { token in
      token.kind == .equal ? "=" : String(decoding: file.bytes[token.start..<token.end], as: UTF8.self)
    }
  }

  private func dump(_ file: SourceFile) -> String {
    file.path.hasSuffix(".facts")
      ? SyntaxDump.dump(Parser.parseFacts(file).0) : SyntaxDump.dump(Parser.parseRules(file).0)
  }

  /// The multiset of comment texts, without trailing white space (which the formatter drops),
  /// and each comment, in order, with the tokens just before and after it (separators, which
  /// the formatter drops, skipped): a comment that stays between the same two tokens stays with
  /// the construct it was written in.
  private func comments(_ file: SourceFile) -> (texts: [String], neighbours: [String]) {
    let lexed = Lexer.tokenize(file)
    let tokens = lexed.tokens.filter { $0.kind != .comma && $0.kind != .semicolon }
    func spelling(_ token: Token) -> String {
      token.kind == .equal ? "=" : String(decoding: file.bytes[token.start..<token.end], as: UTF8.self)
    }
    let texts = Formatter.commentTexts(lexed.comments)
    let neighbours = zip(lexed.comments, texts).map { comment, text in
      // The first token after the comment, by binary search (the end-of-file token is last).
      var low = 0
      var high = tokens.count - 1
      while low < high {
        let middle = (low + high) / 2
        if tokens[middle].start < comment.span.end { low = middle + 1 } else { high = middle }
      }
      let before = low > 0 ? spelling(tokens[low - 1]) : "<start>"
      return "\(before) #\(text) \(spelling(tokens[low]))"
    }
    return (texts.sorted(), neighbours)
  }

  /// Every `.rules` and `.facts` file of the repository that parses cleanly.
  static let repositoryFiles: [String] = {
    let root = Fixtures.repository
    var found: [String] = []
    for folder in ["rules", "cases", "examples", "bench", "Tests"] {
      let enumerator = FileManager.default.enumerator(atPath: root.appendingPathComponent(folder).path)
      while let relative = enumerator?.nextObject() as? String {
        guard relative.hasSuffix(".rules") || relative.hasSuffix(".facts") else { continue }
        // bench/out is what `bench/run` generates (git ignores it): 100,000-case inputs.
        if folder == "bench", relative.hasPrefix("out/") { continue }
        found.append(folder + "/" + relative)
      }
    }
    return found.sorted()
  }()

  /// The repository files that parse: rules/, cases/, examples/, the benchmark ports and the
  /// clean fixtures. (The bad-input corpus is refused, as `fileWithSyntaxErrorsIsNotFormatted`
  /// shows.)
  static let parsingRepositoryFiles: [String] = repositoryFiles.filter { relative in
    let bytes = Fixtures.bytes(Fixtures.repository.appendingPathComponent(relative))
    let file = SourceFile(id: SourceFileID(0), path: relative, bytes: bytes)
    let diagnostics = relative.hasSuffix(".facts") ? Parser.parseFacts(file).1 : Parser.parseRules(file).1
    return !diagnostics.hasErrors
  }

  @Test func theRepositoryHasFilesToRoundTrip() {
    #expect(Self.parsingRepositoryFiles.count >= 100)
  }

  /// One test case a file, so that the files are spread over the cores.
  @Test(arguments: parsingRepositoryFiles) func repositoryFileRoundTrips(_ relative: String) {
    let bytes = Fixtures.bytes(Fixtures.repository.appendingPathComponent(relative))
    expectRoundTrip(
      String(decoding: bytes, as: UTF8.self), path: relative, slotOrder: Self.repositorySlotOrder)
  }

  @Test func repositoryRulesAndCasesAreInCanonicalLayout() {
    for relative in Self.repositoryFiles where relative.hasPrefix("rules/") || relative.hasPrefix("cases/") {
      let text = String(
        decoding: Fixtures.bytes(Fixtures.repository.appendingPathComponent(relative)), as: UTF8.self)
      let file = SourceFile(id: SourceFileID(0), path: relative, text: text)
      guard case .formatted(let formatted) = Formatter(slotOrder: Self.repositorySlotOrder).format(file)
      else {
        Issue.record("\(relative) was not formatted")
        continue
      }
      #expect(formatted == text, "\(relative) is not in canonical layout: run 'cxdx fmt --write \(relative)'")
    }
  }

  private static let repositorySlotOrder: SlotOrder = {
    let vocabulary = SourceFile(
      id: SourceFileID(1), path: "rules/vocabulary.rules",
      bytes: Fixtures.bytes(Fixtures.repository.appendingPathComponent("rules/vocabulary.rules")))
    return SlotOrder(ruleFiles: [Parser.parseRules(vocabulary).0])
  }()

  /// 1,000 generated files (a rule file and a case file from each of 500 seeds), in ten batches
  /// spread over the cores.
  @Test(arguments: 0..<10) func generatedFilesRoundTrip(batch: Int) {
    var checked = 0
    for seed in UInt64(batch * 50 + 1)...UInt64(batch * 50 + 50) {
      var generator = RandomSourceText(seed: seed)
      let rules = generator.ruleFile()
      let slotOrder = SlotOrder(slotsByTemplate: generator.templates)
      let facts = generator.caseFile()
      for (text, path) in [(rules, "generated-\(seed).rules"), (facts, "generated-\(seed).facts")] {
        let file = SourceFile(id: SourceFileID(0), path: path, text: text)
        let diagnostics =
          path.hasSuffix(".facts") ? Parser.parseFacts(file).1 : Parser.parseRules(file).1
        guard !diagnostics.hasErrors else {
          Issue.record(
            "the generator wrote a file that does not parse (\(path)): \(diagnostics[0].message)\n\(text)")
          continue
        }
        expectRoundTrip(text, path: path, slotOrder: slotOrder)
        checked += 1
      }
    }
    #expect(checked == 100)
  }

  // MARK: - The canonical layout

  private func format(_ text: String, path: String = "test.rules", slotOrder: SlotOrder = .asWritten)
    -> String
  {
    expectRoundTrip(text, path: path, slotOrder: slotOrder) ?? ""
  }

  @Test func rulesGetIndentationSpacingAndOneItemALine() {
    let text = """
      rule   r "Title"{source "s.txt" ; salience -10
      when{group( name:?who,support :enthusiastic|polite )  metric(years: ?y&>=2) where ?y-1>2}
      then{print ?who , "x" suspect complacency -0.4 "because" halt}}
      """
    #expect(
      format(text) == """
        rule r "Title" {
          source "s.txt"
          salience -10
          when {
            group(name: ?who, support: enthusiastic | polite)
            metric(years: ?y & >= 2) where ?y-1 > 2
          }
          then {
            print ?who, "x"
            suspect complacency -0.4 "because"
            halt
          }
        }

        """)
  }

  @Test func aBlockWithOneItemStaysOnOneLineWhenItFits() {
    let text = "rule r {\n  when {\n    group()\n  }\n  then {\n    halt\n  }\n}\n"
    #expect(format(text) == "rule r {\n  when { group() }\n  then { halt }\n}\n")
  }

  @Test func templatesAlignTheirTypes() {
    let text = "template t { name: string  cx-stage: a|b = a }\n"
    #expect(format(text) == "template t {\n  name:     string\n  cx-stage: a | b = a\n}\n")
  }

  @Test func longTextsKeepTheirPiecesOnContinuationLines() {
    let text = "diagnosis d { title \"T\" summary \"one \" \"two\" source \"s\" }\n"
    #expect(
      format(text) == "diagnosis d {\n  title \"T\"\n  summary \"one \"\n    \"two\"\n  source \"s\"\n}\n")
  }

  @Test func longFactsWrapAlignedAfterTheParenthesis() {
    let text =
      "group(name: \"call-center supervisors\", level: frontline, support: enthusiastic, behaviour-change: none, view: x)\n"
    #expect(
      format(text, path: "c.facts") == """
        group(name: "call-center supervisors", level: frontline, support: enthusiastic,
              behaviour-change: none, view: x)

        """)
  }

  @Test func factsFollowTheTemplatesSlotOrderWhenKnown() {
    let order = SlotOrder(slotsByTemplate: ["group": ["name", "level", "support"]])
    #expect(
      format("group(support: polite, name: \"a\")\n", path: "c.facts", slotOrder: order)
        == "group(name: \"a\", support: polite)\n")
    // An unknown slot (the checker's error to report): kept as written.
    #expect(
      format("group(suport: polite, name: \"a\")\n", path: "c.facts", slotOrder: order)
        == "group(suport: polite, name: \"a\")\n")
    #expect(format("metric(b: 1, a: 2)\n", path: "c.facts", slotOrder: order) == "metric(b: 1, a: 2)\n")
  }

  @Test func commentsStayWhereTheyAre() {
    let text = """
      # header

      rule r { # after the brace
        source "s" # trailing

        # before when
        when {
          group() # on the pattern
          # last in the block
        }
        then { halt }
      } # after the rule
      """
    #expect(
      format(text) == """
        # header

        rule r {  # after the brace
          source "s"  # trailing

          # before when
          when {
            group()  # on the pattern
            # last in the block
          }
          then { halt }
        }  # after the rule

        """)
  }

  @Test func aCommentInsideAConstructKeepsItsWrittenLayout() {
    let text = """
      rule r {
        when { group(name: ?x,   # who
                     level: y) }
        then { halt }
      }

      """
    #expect(
      format(text) == """
        rule r {
          when {
            group(name: ?x,   # who
                  level: y)
          }
          then { halt }
        }

        """)
  }

  @Test func parenthesesNumbersAndKeywordSpacingAreKept() {
    let text = "rule r { when { test (?a > 1) and not (?b = 2) } then { let ?x = -(?a + 1.50) * 2 } }\n"
    #expect(
      format(text) == """
        rule r {
          when { test (?a > 1) and not (?b = 2) }
          then { let ?x = -(?a + 1.50) * 2 }
        }

        """)
  }

  @Test func fileWithSyntaxErrorsIsNotFormatted() {
    let file = SourceFile(id: SourceFileID(0), path: "bad.rules", text: "rule r { when { group( } }\n")
    guard case .notParsed(let diagnostics) = Formatter().format(file) else {
      Issue.record("a file with a syntax error was formatted")
      return
    }
    #expect(diagnostics.hasErrors)
  }

  /// Each block asks its only item for a one-line form rather than printing it twice, so
  /// blocks nested as deep as the parser allows take moments, not 2^60 steps.
  @Test(.timeLimit(.minutes(1))) func deeplyNestedBlocksFormatQuickly() {
    let depth = Parser.maximumNesting - 4
    let conditions =
      String(repeating: "not { ", count: depth) + "group()" + String(repeating: " }", count: depth)
    let actions = String(repeating: "if ?x { ", count: depth) + "halt" + String(repeating: " }", count: depth)
    let text = "rule r { when { \(conditions) } then { \(actions) } }\n"
    let formatted = format(text)
    #expect(formatted.hasPrefix("rule r {\n  when {\n    not {\n"))
  }

  /// The example under "Formatting" in docs/language.md shows the layout, so it must be in it.
  @Test func languageGuideExampleIsInCanonicalLayout() throws {
    let page = String(
      decoding: Fixtures.bytes(Fixtures.repository.appendingPathComponent("docs/language.md")), as: UTF8.self)
    let section = try #require(page.range(of: "## Formatting\n"))
    let open = try #require(page.range(of: "```cxdx\n", range: section.upperBound..<page.endIndex))
    let close = try #require(page.range(of: "```\n", range: open.upperBound..<page.endIndex))
    let example = String(page[open.upperBound..<close.lowerBound])
    #expect(format(example) == example)
  }

  @Test func emptyAndCommentOnlyFiles() {
    #expect(format("") == "")
    #expect(format("\n\n# only a comment   \n\n") == "# only a comment\n")
  }
}
