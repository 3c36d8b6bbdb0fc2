import Foundation
import Testing

@testable import CXDXCommandLine

/// `cxdx check` lints a clean rule base: warnings with L-codes, in text and JSON; exit 0
/// unless `--deny-warnings`.
@Suite struct CheckLintTests {
  static let draft = """
    template team { passion: high | low }
    diagnosis gap { title "Gap" source "001_0dd9f2884dd0cef4.txt" }
    rule passionate {
      when { team(passion: high) }
      then { suspect gap 0.5 "passion is not competence" }
    }
    rule calm {
      source "001_0dd9f2884dd0cef4.txt"
      when { team(passion: low) }
      then { suspect gap -0.2 "calm" }
    }
    """

  private func draftFile(_ text: String = draft) throws -> String {
    let file = try InProcess.temporaryFolder().appendingPathComponent("draft.rules")
    try text.write(to: file, atomically: true, encoding: .utf8)
    return file.path
  }

  @Test func warningsAreShownWithCaretAndExitZero() throws {
    let file = try draftFile()
    let (status, _, errors) = InProcess.run(["check", file])
    #expect(status == .success)
    #expect(errors.contains("\(file):3:6: warning: rule 'passionate' cites no source [L0401]"))
    #expect(errors.contains("^^^^^^^^^^ no 'source'"))
    #expect(errors.contains("checked 1 rule file and 0 case files: 0 errors, 1 warning"))
  }

  @Test func denyWarningsExitsOne() throws {
    let file = try draftFile()
    #expect(InProcess.run(["check", file, "--deny-warnings"]).status == .failure)
    let silenced = try draftFile(
      Self.draft.replacingOccurrences(
        of: "rule passionate {", with: "rule passionate {  # cxdx:allow L0401 a sketch"))
    let (status, output, _) = InProcess.run(["check", silenced, "--deny-warnings"])
    #expect(status == .success)
    #expect(output.contains("no problems"))
  }

  @Test func jsonCarriesTheFindings() throws {
    let file = try draftFile()
    let (status, output, _) = InProcess.run(["check", file, "--format", "json"])
    #expect(status == .success)
    let document = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
    #expect(document?["errors"] as? Int == 0)
    #expect(document?["warnings"] as? Int == 1)
    let diagnostics = document?["diagnostics"] as? [[String: Any]] ?? []
    #expect(diagnostics.first?["code"] as? String == "L0401")
    #expect(diagnostics.first?["severity"] as? String == "warning")
    let location = diagnostics.first?["location"] as? [String: Any]
    #expect(location?["line"] as? Int == 3)
    #expect(location?["column"] as? Int == 6)
  }

  @Test func noLintBesideErrors() throws {
    let file = try draftFile(Self.draft + "\nrule broken { then { suspect nothing 0.1 } }\n")
    let (status, _, errors) = InProcess.run(["check", file])
    #expect(status == .failure)
    #expect(!errors.contains("[L0"))
  }

  @Test func rulesGivenOnlyAsVocabularyAreNotLintedAndOneCaseDoesNotJudgeValues() throws {
    let folder = try InProcess.temporaryFolder()
    let rules = folder.appendingPathComponent("rules")
    try FileManager.default.createDirectory(at: rules, withIntermediateDirectories: true)
    try Self.draft.replacingOccurrences(of: "high | low", with: "high | low | moderate")
      .write(to: rules.appendingPathComponent("draft.rules"), atomically: true, encoding: .utf8)
    let cases = folder.appendingPathComponent("cases")
    try FileManager.default.createDirectory(at: cases, withIntermediateDirectories: true)
    let acme = cases.appendingPathComponent("acme.facts")
    try "team(passion: high)\nexpect gap\n".write(to: acme, atomically: true, encoding: .utf8)
    // Checking a case: the rules are its vocabulary, not linted.
    #expect(!InProcess.run(["check", "--rules", rules.path, acme.path]).errors.contains("[L0"))
    // Rules with one case: linted, but no judgement on values the other cases may use.
    let one = InProcess.run(["check", rules.path, acme.path]).errors
    #expect(one.contains("[L0401]") && !one.contains("[L0303]"))
    // Rules with the folder of cases: 'moderate' is used by no rule and no case.
    let all = InProcess.run(["check", rules.path, cases.path]).errors
    #expect(all.contains("value 'moderate' of team.passion is used by no rule and no case [L0303]"))
    #expect(all.contains("[L0401]"))
  }

  @Test func repositoryChecksCleanWithDeniedWarnings() {
    let (status, output, errors) = InProcess.run([
      "check", InProcess.rules, InProcess.path("cases"), "--deny-warnings",
    ])
    #expect(status == .success, "\(errors)")
    #expect(output.contains("no problems"))
  }
}
