import Foundation
import RuleEngine
import Testing

@testable import RuleLanguage

/// No input crashes or hangs the lexer, parser or checker; each ends in diagnostics or a tree.
@Suite struct RobustnessTests {
  /// A deterministic byte generator (xorshift), so a failure is reproducible.
  private func randomBytes(count: Int, seed: UInt64) -> [UInt8] {
    var state = seed
    return (0..<count).map { _ in
      state ^= state << 13
      state ^= state >> 7
      state ^= state << 17
      return UInt8(truncatingIfNeeded: state)
    }
  }

  @Test func randomBytesEndInBoundedDiagnostics() {
    let bytes = randomBytes(count: 1_000_000, seed: 0x9E37_79B9_7F4A_7C15)
    let (_, rules) = Fixtures.check(bytes: bytes, path: "random.rules")
    let (_, facts) = Fixtures.check(bytes: bytes, path: "random.facts")
    #expect(rules.hasErrors && facts.hasErrors)
    #expect(rules.filter { $0.code.rawValue < "E03" }.count <= DiagnosticSink.defaultLimit + 1)
    #expect(rules.contains { $0.code == .tooManyErrors })
  }

  @Test func tenThousandNestedParenthesesAreRejectedWithoutRecursion() {
    let depth = 10_000
    let text =
      "rule r { when { a(x: ?x) where " + String(repeating: "(", count: depth) + "?x"
      + String(repeating: ")", count: depth) + " > 1 } then { halt } }"
    let (_, diagnostics) = Fixtures.checkRules(text)
    #expect(diagnostics.contains { $0.code == .nestingTooDeep })
    let nestedGroups =
      "rule r { when { " + String(repeating: "not { ", count: depth) + "a(x: 1)"
      + String(repeating: " }", count: depth) + " } then { halt } }"
    let (_, groupDiagnostics) = Fixtures.checkRules(nestedGroups)
    #expect(groupDiagnostics.contains { $0.code == .nestingTooDeep })
    let facts = String(repeating: "(", count: depth)
    let (_, factDiagnostics) = Fixtures.check(bytes: Array(facts.utf8), path: "deep.facts")
    #expect(factDiagnostics.hasErrors)
  }

  @Test func tenThousandChainedOperatorsAreRejectedAtTheLimit() throws {
    let chain = String(repeating: "?y + ", count: 10_000)
    let text = "rule r { when { metric(years: ?y) where " + chain + "1 > 1 } then { print " + chain + "1 } }"
    let (_, diagnostics) = Fixtures.checkRules(text)
    #expect(diagnostics.map(\.code) == [.nestingTooDeep, .nestingTooDeep])
    // Reported at the operator past the limit.
    let offset = try #require(diagnostics.first?.primary?.span.start)
    let before = text.utf8.prefix(offset)
    #expect(before.count(where: { $0 == UInt8(ascii: "+") }) == Parser.maximumOperators)
    // Parentheses and call arguments do not start a new count.
    let grouped = String(repeating: "(?y + 1) * ", count: 200) + "1"
    #expect(
      Fixtures.checkRules("rule r { when { metric(years: ?y) } then { print max(" + grouped + ", 1) } }").1
        .map(
          \.code) == [.nestingTooDeep])
  }

  @Test func theLongestAllowedChainLowersAndRuns() throws {
    let sum = String(repeating: "?n + ", count: Parser.maximumOperators - 1) + "0"
    let ruleBase = RuleBaseLoader().loadRules(
      text: "template t { n: number }\nrule r { when { t(n: ?n) where " + sum + " > 0 } then { print " + sum
        + " } }")
    #expect(ruleBase.diagnostics.isEmpty, "\(ruleBase.diagnostics.map(\.message))")
    let (compiled, diagnostics) = ruleBase.compile()
    let session = InferenceSession(knowledgeBase: try #require(compiled, "\(diagnostics.map(\.message))"))
    _ = try session.assert("t", ["n": .number(1)])
    session.run()
    #expect(session.transcript == "\(Parser.maximumOperators - 1)\n")
  }

  @Test func truncatedInputsNeverCrash() {
    let text = """
      rule r "t" {
        source "s"
        when { ?g <- group(name: ?who, support: enthusiastic | supportive) where ?who != "x"
               not { metric(trend: flat, years: >= 2) } count obstacle(name: ?o) distinct ?o as ?n where ?n > 2 }
        then { suspect complacency 0.5 "{?who}" modify ?g(support: polite) print "a", ?n }
      }
      """
    let bytes = Array(text.utf8)
    for length in 0..<bytes.count {
      let (_, diagnostics) = Fixtures.check(bytes: Array(bytes[0..<length]), path: "cut.rules")
      if length > 0 && length < bytes.count - 1 {
        #expect(diagnostics.hasErrors, "prefix \(length) accepted")
      }
    }
  }

  @Test func byteOrderMarkAndCRLFAreAccepted() {
    let text = "\u{FEFF}organization(name: \"A\", cx-stage: awareness)\r\nexpect complacency\r\n"
    let (_, diagnostics) = Fixtures.check(bytes: Array(text.utf8), path: "bom.facts")
    #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
  }

  @Test func errorsAreCollectedInOnePass() {
    let text = """
      rule a { when { group(suport: polite) } then { suspect complacncy 0.5 } }
      rule b { when { metric(trend: flatt) } then { halt } }
      rule c { when { nonsense(x: 1) } then { halt } }
      """
    let (_, diagnostics) = Fixtures.checkRules(text)
    #expect(
      Set(diagnostics.map(\.code)) == [.unknownSlot, .unknownDiagnosis, .valueNotAllowed, .unknownTemplate])
  }
}
