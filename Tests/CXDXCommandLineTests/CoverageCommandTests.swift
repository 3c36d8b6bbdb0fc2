import Foundation
import Testing

@testable import CXDXCommandLine

/// `cxdx test --coverage`: rules fired per case, rules never fired (a warning, exit status
/// unchanged), conditions never deciding, and the `cxdx.coverage/1` document.
@Suite struct CoverageCommandTests {
  /// A small rule base and three cases whose coverage is known by hand.
  static func fixture() throws -> (rules: String, cases: [String]) {
    let folder = try InProcess.temporaryFolder()
    let rules = folder.appendingPathComponent("rules")
    try FileManager.default.createDirectory(at: rules, withIntermediateDirectories: true)
    try """
    template a { x: number }
    template b { y: number }
    template group { name: string  view: proud | humble }
    diagnosis d { title "D" source "x" }
    rule both {
      source "x"
      when {
        a(x: 1)
        b(y: 2)
      }
      then { suspect d 0.5 "both" }
    }
    rule proud-not-humble {
      source "x"
      when {
        group(name: ?w, view: proud)
        not group(name: ?w, view: humble)
      }
      then { suspect d 0.3 "{?w}" }
    }
    rule never {
      source "x"
      when { b(y: 99) }
      then { suspect d 0.1 "never" }
    }
    """.write(to: rules.appendingPathComponent("r.rules"), atomically: true, encoding: .utf8)
    let texts = [
      // 'both' misses only b: its second condition decides. 'proud-not-humble' fires.
      "c1": "a(x: 1)\nb(y: 3)\ngroup(name: \"g\", view: proud)\nexpect d\n",
      // 'both' fires; the group is proud and humble: the 'not' decides.
      "c2": "a(x: 1)\nb(y: 2)\ngroup(name: \"g\", view: proud)\ngroup(name: \"g\", view: humble)\nexpect d\n",
      // Nothing: no condition of 'both' is the only one missing.
      "c3": "b(y: 3)\nexpect not d\n",
    ]
    var cases: [String] = []
    for (name, text) in texts.sorted(by: { $0.key < $1.key }) {
      let file = folder.appendingPathComponent("\(name).facts")
      try text.write(to: file, atomically: true, encoding: .utf8)
      cases.append(file.path)
    }
    return (rules.path, cases)
  }

  @Test func textReportsFiringsWarningsAndConditionsNeverDeciding() throws {
    let (rules, cases) = try Self.fixture()
    let (status, output, _) = InProcess.run(["test", "--rules", rules, "--coverage"] + cases)
    #expect(status == .success, "a rule never fired is a warning, not a failure")
    #expect(output.contains("3 passed, 0 failed"))
    #expect(output.contains("RULE COVERAGE  3 cases, 3 rules, 2 fired in at least one case"))
    let lines = output.split(separator: "\n").map(String.init)
    let both = lines.first { $0.hasPrefix("  both ") }
    #expect(both?.hasSuffix(" 1  c2") == true, "\(both ?? "")")
    #expect(
      lines.contains {
        $0.hasPrefix("warning: rule 'never' never fired in any case (") && $0.hasSuffix("r.rules:21)")
      })
    #expect(output.contains("CONDITIONS NEVER DECIDING  1 of 5: no case shows the rule needs them"))
    // Only a(x: 1) of 'both' is never the deciding one: b decides c1, the 'not' decides c2,
    // the proud-group pattern (with the 'not' that needs its ?w) decides c3, 'never' decides all.
    let undecided = lines.filter { $0.contains(" of ") && $0.hasPrefix("  ") && !$0.contains("CONDITIONS") }
    #expect(undecided.count == 1)
    #expect(
      undecided.first?.contains("both") == true && undecided.first?.hasSuffix("1 of 2  a(x: 1)") == true)
  }

  @Test func jsonDocumentHasTheSchemaAndDecidingCases() throws {
    let (rules, cases) = try Self.fixture()
    let (status, output, _) = InProcess.run(
      ["test", "--rules", rules, "--coverage", "--format", "json"] + cases)
    #expect(status == .success)
    let document = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
    #expect(document?["schema"] as? String == "cxdx.coverage/1")
    let summary = document?["summary"] as? [String: Any]
    #expect(summary?["neverFired"] as? [String] == ["never"])
    #expect(summary?["neverDeciding"] as? Int == 1)
    let ruleEntries = document?["rules"] as? [[String: Any]] ?? []
    let both = ruleEntries.first { $0["rule"] as? String == "both" }
    let conditions = both?["conditions"] as? [[String: Any]] ?? []
    #expect(conditions.count == 2)
    #expect(
      (conditions.last?["decidingIn"] as? [String])?.map { ($0 as NSString).lastPathComponent } == [
        "c1.facts"
      ])
    #expect(conditions.last?["text"] as? String == "b(y: 2)")
    let caseEntries = document?["cases"] as? [[String: Any]] ?? []
    #expect(caseEntries.map { $0["outcome"] as? String } == ["pass", "pass", "pass"])
    #expect(caseEntries.first?["fired"] as? [String] == ["proud-not-humble"])
  }

  @Test func coverageChangesNeitherResultsNorExitStatus() throws {
    let (rules, cases) = try Self.fixture()
    let failing = cases[2].replacingOccurrences(of: "c3.facts", with: "c4.facts")
    try "b(y: 3)\nexpect d\n".write(toFile: failing, atomically: true, encoding: .utf8)
    let plain = InProcess.run(["test", "--rules", rules] + cases + [failing])
    let covered = InProcess.run(["test", "--rules", rules, "--coverage"] + cases + [failing])
    #expect(plain.status == .failure && covered.status == .failure)
    #expect(covered.output.hasPrefix(plain.output))
  }

  @Test func jsonNeedsCoverage() {
    #expect(InProcess.run(["test", "--format", "json"]).status == .usage)
    #expect(InProcess.run(["test", "--coverage", "--format", "xml"]).status == .usage)
  }

  @Test func everyRepositoryRuleIsExercisedByACase() {
    let (status, output, errors) = InProcess.run(
      ["test", "--rules", InProcess.rules, "--coverage"] + InProcess.cases)
    #expect(status == .success, "\(errors)")
    #expect(!output.contains("warning: rule"), "\(output)")
    #expect(output.contains("fired in at least one case"))
  }
}
