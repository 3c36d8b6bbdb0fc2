import RuleEngine
import Testing

@testable import RuleLanguage

@Suite struct CheckerTests {
  private func codes(_ text: String) -> [DiagnosticCode] { Fixtures.checkRules(text).1.map(\.code) }

  @Test func repositoryRulesAndCasesCheckClean() throws {
    var loader = RuleBaseLoader()
    loader.reader.maximumFileSize = 1 << 20
    var ruleBase = loader.loadRules(from: [Fixtures.repository.appendingPathComponent("rules").path])
    #expect(ruleBase.diagnostics.isEmpty, "\(ruleBase.diagnostics.map(\.message))")
    let cases = try FileReader().list(
      Fixtures.repository.appendingPathComponent("cases").path, suffixes: [".facts"]
    ).get().files
    #expect(cases.count >= 3)
    for path in cases {
      let loaded = loader.loadCase(path, into: &ruleBase)
      #expect(loaded.diagnostics.isEmpty, "\(path): \(loaded.diagnostics.map(\.message))")
    }
  }

  @Test func variableMustBeBoundBeforeUse() {
    #expect(codes("rule r { when { metric(years: ?y) where ?z > 1 } then { halt } }") == [.unboundVariable])
    #expect(codes("rule r { when { metric(years: > ?y) } then { halt } }") == [.unboundVariable])
    #expect(codes("rule r { when { metric(years: ?y) } then { print ?q } }") == [.unboundVariable])
  }

  @Test func ruleWithSyntaxErrorReportsNoUnboundVariable() {
    // The broken pattern would have bound ?w; only the syntax error is reported.
    let text = "rule r { when { group(name: ?w, support: ~polite) } then { print ?w } }"
    #expect(codes(text) == [.unexpectedCharacter])
    // A rule that parsed cleanly still gets E0309.
    #expect(codes("rule r { when { group(support: polite) } then { print ?w } }") == [.unboundVariable])
  }

  @Test func variablesInsideNegationDoNotEscape() {
    #expect(codes("rule r { when { not metric(years: ?y) } then { print ?y } }") == [.unboundVariable])
  }

  @Test func eitherBindsOnlyWhatEveryAlternativeBinds() {
    let both = "rule r { when { either { metric(years: ?y) } or { stall(years: ?y) } } then { print ?y } }"
    #expect(codes(both).isEmpty)
    let one = "rule r { when { either { metric(years: ?y) } or { stall(years: 1) } } then { print ?y } }"
    #expect(codes(one) == [.unboundVariable])
  }

  @Test func ifChecksItsTestsAndBranchesAndBindsWhatEveryBranchLets() {
    let when = "rule r { when { metric(years: ?y) } then { "
    #expect(codes(when + "if ?y > 2 { print ?y } else if ?q { halt } } }") == [.unboundVariable])
    #expect(codes(when + "if ?y > 2 { print ?z } } }") == [.unboundVariable])
    #expect(codes(when + "if ?y > 2 { suspect nonexistent 0.5 } } }") == [.unknownDiagnosis])
    #expect(codes(when + "if 3 { halt } else if \"yes\" { halt } } }") == [.typeMismatch, .typeMismatch])
    // Bound in every branch, the final else included: visible after the `if`.
    let every = "if ?y > 2 { let ?n = 1 } else if ?y > 1 { let ?n = 2 } else { let ?n = 3 } print ?n } }"
    #expect(codes(when + every).isEmpty)
    // A branch's own variables stay inside it.
    #expect(codes(when + "if ?y > 2 { let ?n = 1 print ?n } print ?n } }") == [.unboundVariable])
    #expect(
      codes(when + "if ?y > 2 { let ?n = 1 } else if ?y > 1 { let ?n = 2 } print ?n } }") == [
        .unboundVariable
      ])
    #expect(codes(when + "if ?y > 2 { let ?n = 1 } else { let ?m = 2 } print ?n } }") == [.unboundVariable])
    // A later test does not see an earlier branch's `let`.
    #expect(codes(when + "if ?y > 2 { let ?n = 1 } else if ?n > 1 { halt } } }") == [.unboundVariable])
    // Nested: the inner `if` binds in both of its branches, so the outer branch binds.
    let nested = "if ?y > 2 { if ?y > 3 { let ?n = 1 } else { let ?n = 2 } } else { let ?n = 0 } print ?n } }"
    #expect(codes(when + nested).isEmpty)
  }

  @Test func eitherBindsAFactVariableThatEveryAlternativeBinds() {
    let every = "either { ?f <- group(support: polite) } or { ?f <- department(turf: defends) } "
    #expect(codes("rule r { when { " + every + "} then { retract ?f } }").isEmpty)
    // Modified slots are checked against every kind the variable may hold.
    #expect(codes("rule r { when { " + every + "} then { modify ?f(name: \"x\") } }").isEmpty)
    let (_, diagnostics) = Fixtures.checkRules(
      "rule r { when { " + every + "} then { modify ?f(support: neutral) } }")
    #expect(diagnostics.map(\.code) == [.unknownSlot])
    #expect(diagnostics.first?.message == "unknown slot 'support' for template 'department'")
    #expect(codes("rule r { when { " + every + "} then { modify ?f(name: ?nobody) } }") == [.unboundVariable])
    // Bound in one alternative only, or to a value in the other: not bound after.
    let one = "either { ?f <- group(support: polite) } or { department(turf: defends) } "
    #expect(codes("rule r { when { " + one + "} then { retract ?f } }") == [.unboundVariable])
    let mixed = "either { ?f <- group(support: polite) } or { department(name: ?f) } "
    #expect(codes("rule r { when { " + mixed + "} then { retract ?f } }") == [.unboundVariable])
    // Bound after the `either`, so bound again is E0318.
    #expect(codes("rule r { when { " + every + "?f <- metric() } then { halt } }") == [.variableRebound])
  }

  @Test func retractNeedsAFactVariable() {
    #expect(codes("rule r { when { metric(years: ?y) } then { retract ?y } }") == [.notAFactVariable])
    #expect(codes("rule r { when { ?m <- metric(years: ?y) } then { retract ?m } }").isEmpty)
  }

  @Test func valuesAreTypeChecked() {
    #expect(codes("rule r { when { metric(years: flat) } then { halt } }") == [.typeMismatch])
    #expect(codes("rule r { when { metric(trend: 3) } then { halt } }") == [.typeMismatch])
    #expect(codes("rule r { when { group(name: bob) } then { halt } }") == [.typeMismatch])
    #expect(codes("rule r { when { group(support: > 2) } then { halt } }") == [.typeMismatch])
  }

  @Test func stringsAreTypeCheckedLikeCaseFileValues() {
    #expect(codes("rule r { when { group(support: \"polite\") } then { halt } }") == [.typeMismatch])
    #expect(codes("rule r { when { metric(years: \"three\") } then { halt } }") == [.typeMismatch])
    #expect(codes("rule r { when { metric(years: != \"three\") } then { halt } }") == [.typeMismatch])
    #expect(codes("rule r { when { metric(years: > \"three\") } then { halt } }") == [.typeMismatch])
    #expect(codes("rule r { then { assert metric(trend: \"flat\") } }") == [.typeMismatch])
    #expect(codes("rule r { then { derive stall(years: \"3\") } }") == [.typeMismatch])
    #expect(
      codes("rule r { when { ?m <- metric(name: ?n) } then { modify ?m(trend: \"flat\") } }") == [
        .typeMismatch
      ])
    #expect(codes("rule r { then { suspect complacency \"high\" } }") == [.typeMismatch])
    // A string with `{?var}` pieces is a string whatever the variables hold.
    #expect(
      codes("rule r { when { group(name: ?n) } then { assert metric(trend: \"{?n}\") } }") == [.typeMismatch])
    #expect(
      codes("rule r { when { group(name: ?n) } then { suspect complacency \"{?n}\" } }") == [.typeMismatch])
    // Where a string belongs, strings are fine.
    #expect(codes("rule r { when { group(name: \"x\" | \"y\") } then { halt } }").isEmpty)
    #expect(codes("rule r { when { group(name: ?n) } then { assert group(name: \"{?n} again\") } }").isEmpty)
    // The message is the one a case file gets.
    let (_, diagnostics) = Fixtures.checkRules("rule r { when { group(support: \"polite\") } then { halt } }")
    #expect(diagnostics.first?.message == "group.support takes a symbol, not a string")
  }

  @Test func suspectNeedsADeclaredDiagnosisAndCertaintyInRange() {
    #expect(codes("rule r { then { suspect nonexistent 0.5 } }") == [.unknownDiagnosis])
    #expect(codes("rule r { then { suspect complacency 1.5 } }") == [.certaintyOutOfRange])
  }

  @Test func functionsAreKnownWithTheirArity() {
    #expect(codes("rule r { then { print abs(1, 2) } }") == [.wrongArgumentCount])
    #expect(codes("rule r { then { print sine(1) } }") == [.unknownFunction])
  }

  @Test func duplicatesAreReportedWithTheFirstDeclaration() {
    let (_, diagnostics) = Fixtures.checkRules("rule a { then { halt } }\nrule a { then { halt } }")
    #expect(diagnostics.map(\.code) == [.duplicateRule])
    #expect(diagnostics.first?.secondary.count == 1)
  }

  @Test func misspeltSlotSuggestsTheDeclaredOne() {
    let (sources, diagnostics) = Fixtures.checkRules(
      "rule r {\n  when { group(suport: polite) }\n  then { halt }\n}")
    let rendered = TextDiagnosticRenderer().render(diagnostics, files: sources)
    #expect(
      rendered.hasPrefix("test.rules:2:16: error: unknown slot 'suport' for template 'group' [E0302]\n"))
    #expect(rendered.contains("  2 |   when { group(suport: polite) }\n"))
    #expect(rendered.contains("    |                ^^^^^^ not a slot of 'group'\n"))
    #expect(rendered.contains("= help: did you mean 'support'?"))
  }
}
