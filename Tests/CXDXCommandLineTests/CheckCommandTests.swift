import Foundation
import Testing

@testable import CXDXCommandLine

/// `cxdx check`, help, version and usage errors, run in process.
@Suite struct CheckCommandTests {
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .deletingLastPathComponent()

  private func run(_ arguments: [String], environment: [String: String] = [:], terminal: Bool = false)
    -> (CXDXCommandLine.ExitStatus, String, String)
  {
    let recording = RecordingConsole()
    let status = CommandLineTool().run(
      arguments, environment: environment, console: recording.console(terminal: terminal))
    return (status, recording.output, recording.errors)
  }

  private func path(_ relative: String) -> String { Self.repository.appendingPathComponent(relative).path }

  private func temporaryFile(_ name: String, _ text: String) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "cxdx-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let file = folder.appendingPathComponent(name)
    try text.write(to: file, atomically: true, encoding: .utf8)
    return file.path
  }

  @Test func repositoryRulesAndCasesAreClean() {
    let (status, output, errors) = run(["check", path("rules"), path("cases")])
    #expect(status == .success, "\(errors)")
    #expect(output.hasPrefix("checked ") && output.contains(": no problems"))
  }

  @Test func misspeltSlotExitsOneWithLocationCaretAndSuggestion() throws {
    let file = try temporaryFile(
      "draft.rules",
      """
      rule r {
        when { group(suport: polite) }
        then { suspect complacency 0.1 }
      }
      """)
    let (status, _, errors) = run(["check", path("rules"), file])
    #expect(status == .failure)
    #expect(errors.contains("\(file):2:16: error: unknown slot 'suport' for template 'group' [E0302]"))
    #expect(errors.contains("^^^^^^ not a slot of 'group'"))
    #expect(errors.contains("help: did you mean 'support'?"))
  }

  @Test func jsonFormatIsOneDocument() throws {
    let file = try temporaryFile("bad.facts", "group(suport: polite)\n")
    let (status, output, _) = run(["check", "--rules", path("rules"), file, "--format", "json"])
    #expect(status == .failure)
    let document = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
    #expect(document?["errors"] as? Int == 1)
  }

  @Test func helpVersionAndUsageErrors() {
    #expect(run(["--help"]).0 == .success)
    #expect(run(["help", "check"]).1.contains("USAGE: cxdx check"))
    #expect(run(["check", "--help"]).1.contains("OPTIONS:"))
    #expect(run(["--version"]).1 == "cxdx \(CommandLineTool.version)\n")
    let unknownFlag = run(["check", "--formt", "json"])
    #expect(unknownFlag.0 == .usage)
    #expect(unknownFlag.2.contains("did you mean '--format'?"))
    let unknownCommand = run(["chek"])
    #expect(unknownCommand.0 == .usage)
    #expect(unknownCommand.2.contains("did you mean 'check'?"))
    #expect(run([]).0 == .usage)
  }

  @Test func colourOnlyOnATerminalAndNeverWithNoColor() throws {
    let file = try temporaryFile("bad.facts", "group(suport: polite)\n")
    let arguments = ["check", "--rules", path("rules"), file]
    #expect(!run(arguments, terminal: false).2.contains("\u{1B}["))
    #expect(run(arguments, terminal: true).2.contains("\u{1B}["))
    #expect(!run(arguments, environment: ["NO_COLOR": "1"], terminal: true).2.contains("\u{1B}["))
    #expect(run(arguments + ["--color", "always"]).2.contains("\u{1B}["))
  }

  @Test func missingFileAndUnknownKindAreReported() {
    let (status, _, errors) = run([
      "check", "--rules", path("rules"), "/nonexistent/case.facts", path("README.md"),
    ])
    #expect(status == .failure)
    #expect(errors.contains("[E0401]"))
    #expect(errors.contains("[E0405]"))
  }

  @Test func rulesTakesAFolderAndAnEmptyOneStopsAtE0404() throws {
    let caseFile = path("cases/harbor-insurance.facts")
    let (fileStatus, _, fileErrors) = run(["check", "--rules", caseFile, caseFile])
    #expect(fileStatus == .usage)
    #expect(fileErrors.contains("error: --rules takes a folder; '\(caseFile)' is a file"))
    let empty = FileManager.default.temporaryDirectory.appendingPathComponent(
      "cxdx-empty-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
    let (status, _, errors) = run(["check", "--rules", empty.path, caseFile])
    #expect(status == .failure)
    #expect(errors.contains("[E0404]"))
    #expect(!errors.contains("[E0301]") && !errors.contains("[E0305]"), "\(errors)")
    #expect(errors.contains("checked 0 rule files and 0 case files: 1 error"))
  }
}
