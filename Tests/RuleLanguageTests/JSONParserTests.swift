import RuleEngine
import Testing

@testable import RuleLanguage

/// The JSON reader on valid input (escapes, numbers, positions), and on input made to break it:
/// no truncation, mutation or depth ends in anything but a value or one diagnostic.
@Suite struct JSONParserTests {
  private func parse(_ text: String) -> Result<JSONSyntax, Diagnostic> {
    var sources = SourceFiles()
    return JSONParser.parse(sources.add(path: "t.json", text: text))
  }

  @Test func readsEscapesSurrogatePairsAndNumbers() throws {
    let value = try parse(
      #"{"a": "\u00e9\ud83d\ude00\n\"\/", "b": [-0.5e3, 0, 12, true, false, null], "c": {}}"#
    ).get()
    guard case .object(let members) = value.value, members.count == 3 else {
      Issue.record("not an object of three members: \(value)")
      return
    }
    #expect(members[0].value.value == .string("é😀\n\"/", escaped: true))
    #expect(
      members[1].value.value
        == .array([
          JSONSyntax(value: .number(-500), span: members[1].value.spanOfElement(0)),
          JSONSyntax(value: .number(0), span: members[1].value.spanOfElement(1)),
          JSONSyntax(value: .number(12), span: members[1].value.spanOfElement(2)),
          JSONSyntax(value: .boolean(true), span: members[1].value.spanOfElement(3)),
          JSONSyntax(value: .boolean(false), span: members[1].value.spanOfElement(4)),
          JSONSyntax(value: .null, span: members[1].value.spanOfElement(5)),
        ]))
    #expect(members[2].value.value == .object([]))
    // Spans are byte offsets: the key "b" starts at byte 34.
    #expect(members[1].keySyntax.span.start == 34)
  }

  @Test func aByteOrderMarkIsSkipped() throws {
    #expect(throws: Never.self) { try parse("\u{FEFF}{}").get() }
  }

  @Test func aHundredThousandOpeningBracketsStopAtTheNestingLimit() {
    guard case .failure(let diagnostic) = parse(String(repeating: "[", count: 100_000)) else {
      Issue.record("accepted")
      return
    }
    #expect(diagnostic.code == .nestingTooDeep)
  }

  @Test func everyTruncationAndMutationOfACaseEndsInAValueOrOneDiagnostic() {
    let text = #"""
      {"format": "cxdx.facts/1", "facts": [{"kind": "group", "slots": {"name": "n\u00e9", "support": "polite",
       "years": -1.5e2}, "certainty": 0.7}], "expect": ["not complacency", "complacency >= 0.5"]}
      """#
    let bytes = Array(text.utf8)
    var vocabularySources = SourceFiles()
    let vocabulary = Checker.check(
      ruleFiles: [
        Parser.parseRules(vocabularySources.add(path: "v.rules", text: "template group { name: string }")).0
      ]
    ).0
    var state: UInt64 = 0x2545_F491_4F6C_DD1D
    var inputs = (0...bytes.count).map { Array(bytes.prefix($0)) }
    for _ in 0..<2000 {
      var mutated = bytes
      for _ in 0..<3 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        mutated[Int(state % UInt64(mutated.count))] = UInt8(truncatingIfNeeded: state >> 32)
      }
      inputs.append(mutated)
    }
    for input in inputs {
      var sources = SourceFiles()
      let file = sources.add(path: "t.json", bytes: input)
      let (_, diagnostics) = JSONCaseReader.read(file, vocabulary: vocabulary)
      for diagnostic in diagnostics {
        let span = diagnostic.primary?.span
        #expect(span.map { $0.start >= 0 && $0.end <= input.count } ?? true)
      }
    }
  }
}

extension JSONSyntax {
  /// The span of an array's element, for comparing trees without spelling out offsets.
  fileprivate func spanOfElement(_ index: Int) -> SourceSpan {
    guard case .array(let elements) = value, elements.indices.contains(index) else { return span }
    return elements[index].span
  }
}
