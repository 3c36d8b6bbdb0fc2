import Testing

@testable import RuleEngine

@Suite struct SourceFileTests {
  @Test func linesAndColumnsCountCharacters() {
    let file = SourceFile(id: SourceFileID(0), path: "x", text: "ab\n\u{e9}t\u{e9} x\n\nlast")
    #expect(file.lineCount == 4)
    #expect(file.location(of: 0) == SourceLocation(line: 1, column: 1))
    // "été x": é is two bytes, one column.
    let offsetOfX = Array("ab\n\u{e9}t\u{e9} ".utf8).count
    #expect(file.location(of: offsetOfX) == SourceLocation(line: 2, column: 5))
    #expect(file.text(ofLine: 4) == "last")
    #expect(file.text(ofLine: 3) == "")
  }

  @Test func crlfLineEndingsAreNotPartOfTheLine() {
    let file = SourceFile(id: SourceFileID(0), path: "x", text: "one\r\ntwo\r\n")
    #expect(file.text(ofLine: 1) == "one")
    #expect(file.location(of: 5) == SourceLocation(line: 2, column: 1))
  }

  @Test func emptyFileHasOneLine() {
    let file = SourceFile(id: SourceFileID(0), path: "x", text: "")
    #expect(file.lineCount == 1)
    #expect(file.location(of: 0) == SourceLocation(line: 1, column: 1))
  }

  @Test func rendererKeepsTabsSoTheCaretAligns() {
    var files = SourceFiles()
    let file = files.add(path: "t.rules", text: "\tgroup(suport: x)\n")
    let diagnostic = Diagnostic.error(
      .unknownSlot, "unknown slot", at: SourceSpan(file: file.id, start: 7, end: 13), label: "here",
      help: "fix")
    let text = TextDiagnosticRenderer().render(diagnostic, files: files)
    #expect(
      text == """
        t.rules:1:8: error: unknown slot [E0302]
           1 | \tgroup(suport: x)
             | \t      ^^^^^^ here
             = help: fix

        """)
  }

  @Test func ansiStyleColoursOnlyWhenAsked() {
    var files = SourceFiles()
    let file = files.add(path: "t", text: "x")
    let diagnostic = Diagnostic.error(
      .unexpectedCharacter, "bad", at: SourceSpan(file: file.id, start: 0, end: 1))
    #expect(!TextDiagnosticRenderer(style: .plain).render(diagnostic, files: files).contains("\u{1B}["))
    #expect(TextDiagnosticRenderer(style: .ansi).render(diagnostic, files: files).contains("\u{1B}["))
  }

  @Test func suggestionsPreferTheClosestCandidate() {
    #expect("suport".closestMatch(in: ["name", "support", "view"]) == "support")
    #expect("xyz".closestMatch(in: ["support"]) == nil)
  }

  @Test func jsonIsDeterministicAndEscaped() {
    let value = JSONValue.object([("b", .number(1.5)), ("a", .string("q\"\n")), ("n", .number(3))])
    #expect(value.rendered(pretty: false) == #"{"b":1.5,"a":"q\"\n","n":3}"#)
  }
}

@Suite struct PlatformTests {
  @Test func fixedDecimalsRoundHalfAwayFromZero() {
    #expect((0.5).fixed(2) == "0.50")
    #expect((-0.7).fixed(2) == "-0.70")
    #expect((12.345).fixed(1) == "12.3")
    #expect((0.125).fixed(2) == "0.13")
    #expect((1234.0).fixed(0) == "1234")
    #expect((-0.001).fixed(2) == "0.00")
    #expect((0.999).fixed(2) == "1.00")
  }
}
