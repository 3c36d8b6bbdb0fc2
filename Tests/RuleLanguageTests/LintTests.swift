import Foundation
import RuleEngine
import Testing

@testable import RuleLanguage

/// The linter: every finding kind on a small fixture of `Fixtures/lint` against its golden
/// `NAME.rules.expected` (the fixture with `NAME.facts` beside it, when there is one, checked
/// as its case), none on the repository's rules and cases, and the behaviours around them.
/// `CXDX_RECORD_GOLDEN=1` rewrites the goldens (and fails, so a recording never passes).
@Suite struct LintTests {
  static let folder = Fixtures.folder.appendingPathComponent("lint")

  static var inputs: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".rules") }.sorted()
  }

  /// Loads rule text (and case texts) as `cxdx check` would, and lints.
  static func lint(_ rules: String, path: String = "draft.rules", cases: [String] = [])
    -> (SourceFiles, [Diagnostic])
  {
    var ruleBase = RuleBaseLoader().loadRules(text: rules, path: path)
    var caseSyntax: [FactFileSyntax] = []
    for (index, text) in cases.enumerated() {
      let loaded = RuleBaseLoader().loadCase(text: text, path: "case\(index).facts", into: &ruleBase)
      #expect(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics)")
      if let syntax = loaded.syntax { caseSyntax.append(syntax) }
    }
    #expect(!ruleBase.diagnostics.hasErrors, "\(ruleBase.diagnostics)")
    return (ruleBase.sources, Linter().lint(ruleBase, cases: caseSyntax))
  }

  static func codes(_ diagnostics: [Diagnostic]) -> [String] { diagnostics.map(\.code.rawValue) }

  @Test func everyLintCodeHasAFixture() {
    let lintCodes = DiagnosticCode.allCases.filter { $0.rawValue.hasPrefix("L") }
    #expect(lintCodes.count == 11)
    for code in lintCodes {
      #expect(
        Self.inputs.contains { $0.hasPrefix(code.rawValue + "-") }, "no lint fixture for \(code.rawValue)")
    }
  }

  @Test(arguments: inputs)
  func findingsMatchGolden(_ name: String) throws {
    let input = Self.folder.appendingPathComponent(name)
    let casesURL = input.deletingPathExtension().appendingPathExtension("facts")
    let caseTexts =
      FileManager.default.fileExists(atPath: casesURL.path)
      ? [try String(contentsOf: casesURL, encoding: .utf8)] : []
    let (sources, findings) = Self.lint(
      try String(contentsOf: input, encoding: .utf8), path: "lint/\(name)", cases: caseTexts)
    let rendered = TextDiagnosticRenderer(style: .plain).render(findings, files: sources)
    let expectedURL = input.appendingPathExtension("expected")
    if Fixtures.recording {
      try rendered.write(to: expectedURL, atomically: true, encoding: .utf8)
      Issue.record("recorded \(expectedURL.lastPathComponent); unset CXDX_RECORD_GOLDEN to compare")
      return
    }
    let expected = try String(contentsOf: expectedURL, encoding: .utf8)
    #expect(rendered == expected, "lint findings differ for \(name)")
    let code = String(name.prefix { $0 != "-" })
    #expect(findings.contains { $0.code.rawValue == code }, "\(name) must report \(code)")
    #expect(findings.allSatisfy { $0.severity == .warning })
  }

  @Test func repositoryRulesAndCasesHaveNoFinding() throws {
    let loader = RuleBaseLoader()
    var ruleBase = loader.loadRules(from: [Fixtures.repository.appendingPathComponent("rules").path])
    #expect(!ruleBase.diagnostics.hasErrors)
    let casesFolder = Fixtures.repository.appendingPathComponent("cases")
    let names = try FileManager.default.contentsOfDirectory(atPath: casesFolder.path).filter {
      $0.hasSuffix(".facts")
    }
    #expect(names.count >= 20)
    var cases: [FactFileSyntax] = []
    for name in names.sorted() {
      let loaded = loader.loadCase(casesFolder.appendingPathComponent(name).path, into: &ruleBase)
      if let syntax = loaded.syntax { cases.append(syntax) }
    }
    let findings = Linter().lint(ruleBase, cases: cases)
    let rendered = TextDiagnosticRenderer().render(findings, files: ruleBase.sources)
    #expect(findings.isEmpty, "\(rendered)")
  }

  // MARK: - Silencing

  static let unsourced = """
    template team { passion: high | low }
    diagnosis gap { title "Gap" source "001_0dd9f2884dd0cef4.txt" }
    rule a { when { team(passion: high) } then { suspect gap 0.5 } }
    rule b { when { team(passion: low) } then { suspect gap 0.5 } }
    """

  @Test func anAllowCommentSilencesItsLineOrTheLineBelow() {
    #expect(Self.codes(Self.lint(Self.unsourced).1) == ["L0401", "L0401"])
    let above = Self.unsourced.replacingOccurrences(
      of: "rule a", with: "# cxdx:allow L0401 a sketch, cited later\nrule a")
    #expect(Self.lint(above).1.map(\.message) == ["rule 'b' cites no source"])
    let trailing = Self.unsourced.replacingOccurrences(
      of: "(passion: low) } then { suspect gap 0.5 } }",
      with: "(passion: low) } then { suspect gap 0.5 } }  # cxdx:allow L0401, L0402 later")
    #expect(Self.lint(trailing).1.map(\.message) == ["rule 'a' cites no source"])
  }

  @Test func anAllowCommentSilencesOnlyTheCodesItNamesAndOnlyNearby() {
    let otherCode = Self.unsourced.replacingOccurrences(of: "rule a", with: "# cxdx:allow L0201\nrule a")
    #expect(Self.lint(otherCode).1.count == 2)
    let twoLinesAbove = Self.unsourced.replacingOccurrences(
      of: "rule a", with: "# cxdx:allow L0401\n\nrule a")
    #expect(Self.lint(twoLinesAbove).1.count == 2)
    let notAtStart = Self.unsourced.replacingOccurrences(of: "rule a", with: "# see cxdx:allow L0401\nrule a")
    #expect(Self.lint(notAtStart).1.count == 2)
    #expect(LintSuppressions.codes(in: " cxdx:allow L0101,L0402 because") == ["L0101", "L0402"])
    #expect(LintSuppressions.codes(in: " cxdx:allow because L0101").isEmpty)
  }

  // MARK: - Behaviour around the findings

  @Test func noLintOnARuleBaseWithErrors() {
    let ruleBase = RuleBaseLoader().loadRules(
      text: Self.unsourced + "\nrule c { then { suspect nothing 0.1 } }")
    #expect(ruleBase.diagnostics.hasErrors)
    #expect(Linter().lint(ruleBase, cases: []).isEmpty)
  }

  @Test func caseDependentFindingsNeedCases() {
    let rules = """
      template team { passion: high | low }
      diagnosis gap { title "Gap" source "x" }
      rule a { source "x" when { team(passion: high) } then { suspect gap 0.5 } }
      """
    #expect(Self.lint(rules).1.isEmpty)
    let withCase = Self.lint(rules, cases: ["team(passion: high)\nexpect gap\n"]).1
    #expect(Self.codes(withCase) == ["L0303"])
    #expect(withCase.first?.message == "value 'low' of team.passion is used by no rule and no case")
    let compared = rules.replacingOccurrences(
      of: "team(passion: high) }", with: "team(passion: ?p) where ?p != low }")
    #expect(Self.lint(compared, cases: ["team(passion: high)\nexpect gap\n"]).1.isEmpty)
    let noTeams = Self.lint(rules, cases: ["expect not gap\n"]).1
    #expect(noTeams.contains { $0.code == .ruleNeverFires && $0.message.contains("'team'") })
  }

  @Test func implicationRenamesVariablesAndComparesValueSets() {
    let rules = """
      template group { name: string  level: low | mid | top  years: number }
      diagnosis d { title "D" source "x" }
      rule wide { source "x" when { group(name: ?a, level: mid | top, years: >= 2) } then { suspect d 0.5 "{?a}" } }
      rule narrow { source "x" when { group(years: > 3, level: top, name: ?b) } then { suspect d 0.2 "{?b}" } }
      rule wider-years { source "x" when { group(name: ?c, level: top, years: >= 1) } then { suspect d 0.2 "{?c}" } }
      """
    let findings = Self.lint(rules).1
    // 'narrow' implies 'wide' and 'wider-years'; 'wider-years' does not imply 'wide' (1 < 2).
    #expect(findings.map(\.message) == ["rule 'narrow' fires only when 'wide' fires, and both suspect 'd'"])
  }

  @Test func aJoinMustMapToAJoin() {
    let rules = """
      template group { name: string  view: proud | humble }
      diagnosis d { title "D" source "x" }
      rule same-group {
        source "x"
        when { group(name: ?a, view: proud) group(name: ?a, view: humble) }
        then { suspect d 0.5 "{?a}" }
      }
      rule any-two {
        source "x"
        when { group(name: ?a, view: proud) group(name: ?b, view: humble) }
        then { suspect d 0.3 "{?a} {?b}" }
      }
      """
    // 'same-group' implies 'any-two', not the reverse.
    #expect(
      Self.lint(rules).1.map(\.message) == [
        "rule 'same-group' fires only when 'any-two' fires, and both suspect 'd'"
      ])
  }

  @Test func aNotInTheRightPlaceIsNotReportedAndTooLateIs() {
    let findings = Self.lint(
      """
      template group { name: string  view: proud | humble }
      diagnosis d { title "D" source "x" }
      rule r { source "x" when { exists group(name: ?w) group(name: ?w, view: proud) } then { suspect d 0.5 "{?w}" } }
      """
    ).1
    #expect(Self.codes(findings) == ["L0403"])
  }

  @Test func loopsWithAGuardingNotAreNotReported() {
    let rules = """
      template item { n: number }
      template done { flag: boolean }
      rule bump { source "x" when { ?i <- item(n: ?n) not done() } then { modify ?i(n: ?n + 1) assert done(flag: true) } }
      """
    #expect(Self.lint(rules).1.isEmpty)
    let unguarded = rules.replacingOccurrences(of: " not done()", with: "")
    #expect(Self.codes(Self.lint(unguarded).1) == ["L0501"])
  }
}
