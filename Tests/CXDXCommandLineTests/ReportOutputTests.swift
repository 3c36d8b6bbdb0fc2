import Foundation
import Testing

@testable import CXDXCommandLine

/// `--output FILE`: reports written atomically, and left alone when anything fails.
@Suite struct ReportOutputTests {
  @Test func theReportGoesToTheFileAndNothingToStandardOutput() throws {
    let folder = try InProcess.temporaryFolder()
    let file = folder.appendingPathComponent("report.md").path
    let (status, output, errors) = InProcess.run([
      "explain", "--rules", InProcess.rules, InProcess.path("cases/harbor-insurance.facts"), "complacency",
      "--format", "markdown", "--output", file,
    ])
    #expect(status == .success, "\(errors)")
    #expect(output.isEmpty)
    let written = try String(contentsOfFile: file, encoding: .utf8)
    #expect(written.hasPrefix("# Harbor Insurance\n"))
    // No temporary file is left beside it.
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.md"])
  }

  @Test func aBatchReportIsWrittenWhole() throws {
    let folder = try InProcess.temporaryFolder()
    let file = folder.appendingPathComponent("all.json").path
    let (status, _, _) = InProcess.run([
      "diagnose", "--rules", InProcess.rules, InProcess.path("cases"), "--format", "json", "--output", file,
    ])
    #expect(status == .success)
    let document = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file)))
    #expect(((document as? [String: Any])?["cases"] as? [Any])?.count == InProcess.cases.count)
  }

  @Test func aFailedRunLeavesTheFileAsItWas() throws {
    let folder = try InProcess.temporaryFolder()
    let file = folder.appendingPathComponent("report.txt").path
    try "the earlier report\n".write(toFile: file, atomically: true, encoding: .utf8)
    let (status, _, _) = InProcess.run([
      "explain", "--rules", InProcess.rules, InProcess.path("cases/harbor-insurance.facts"), "nonsense",
      "--output", file,
    ])
    #expect(status == .usage)
    #expect(try String(contentsOfFile: file, encoding: .utf8) == "the earlier report\n")
  }

  @Test func aFileThatCannotBeWrittenIsAClearError() {
    let (status, output, errors) = InProcess.run([
      "explain", "--rules", InProcess.rules, InProcess.path("cases/harbor-insurance.facts"), "complacency",
      "--output", "/nonexistent-folder/report.txt",
    ])
    #expect(status == .failure)
    #expect(output.isEmpty)
    #expect(
      errors.contains(
        "cxdx explain: error: cannot write '/nonexistent-folder/report.txt': No such file or directory"))
  }

  @Test func theWriterReplacesAFileAndKeepsItsPermissions() throws {
    let folder = try InProcess.temporaryFolder()
    let file = folder.appendingPathComponent("kept.txt").path
    try "old".write(toFile: file, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
    #expect(throws: Never.self) { try AtomicFileWriter.write("new", to: file).get() }
    #expect(try String(contentsOfFile: file, encoding: .utf8) == "new")
    let permissions = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
    #expect(permissions == 0o600)
    guard case .failure(let failure) = AtomicFileWriter.write("x", to: folder.path) else {
      Issue.record("writing over a folder must fail")
      return
    }
    #expect(failure.message.contains("is a folder"))
  }
}
