import Foundation
import Testing

@testable import CXDXCommandLine

/// `cxdx diagnose` and `cxdx test` on the repository's rules and cases, in process.
@Suite struct DiagnoseCommandTests {
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .deletingLastPathComponent()

  private func run(_ arguments: [String]) -> (CXDXCommandLine.ExitStatus, String, String) {
    let recording = RecordingConsole()
    let status = CommandLineTool().run(
      arguments, environment: [:], console: recording.console(terminal: false))
    return (status, recording.output, recording.errors)
  }

  private func path(_ relative: String) -> String { Self.repository.appendingPathComponent(relative).path }

  @Test func diagnosesABundledCaseWithEvidenceAndRemedy() {
    let (status, output, errors) = run([
      "diagnose", "--rules", path("rules"), path("cases/harbor-insurance.facts"),
    ])
    #expect(status == .success, "\(errors)")
    #expect(output.contains("ENEMIES FOUND"))
    #expect(output.contains("1. complacency: We already put customers first"))
    #expect(output.contains("harbor-insurance.facts:"))
    #expect(output.contains("Remedy:"))
  }

  @Test func folderAsJSONIsValidAndMatchesTheSchema() throws {
    let (status, output, errors) = run([
      "diagnose", "--rules", path("rules"), path("cases"), "--format", "json",
    ])
    #expect(status == .success, "\(errors)")
    let document = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
    #expect(document["schema"] as? String == "cxdx.diagnosis/1")
    let catalogue = try #require(document["diagnoses"] as? [[String: Any]])
    let cases = try #require(document["cases"] as? [[String: Any]])
    #expect(cases.count >= 15)
    for entry in cases {
      for key in ["case", "organization", "threshold", "firings", "found", "ruledOut", "unassessed"] {
        #expect(entry.keys.contains(key), "case lacks \(key)")
      }
      let found = try #require(entry["found"] as? [[String: Any]])
      let ruledOut = try #require(entry["ruledOut"] as? [[String: Any]])
      let unassessed = try #require(entry["unassessed"] as? [[String: Any]])
      #expect(found.count + ruledOut.count + unassessed.count == catalogue.count, "every diagnosis once")
      for diagnosis in found {
        let evidence = try #require(diagnosis["evidence"] as? [[String: Any]])
        #expect(!evidence.isEmpty)
        for item in evidence {
          #expect(item["rule"] is String && item["location"] is String && item["facts"] is [Any])
        }
      }
    }
  }

  @Test func parallelOutputIsByteIdenticalToSerial() {
    for format in ["json", "text"] {
      let serial = run([
        "diagnose", "--rules", path("rules"), path("cases"), "--format", format, "--jobs", "1",
      ])
      let parallel = run([
        "diagnose", "--rules", path("rules"), path("cases"), "--format", format, "--jobs", "4",
      ])
      #expect(serial.1 == parallel.1, "\(format) output differs between serial and parallel runs")
    }
  }

  @Test func testCommandPassesOnTheRepository() {
    let (status, output, _) = run(["test", "--rules", path("rules"), path("cases")])
    #expect(status == .success)
    #expect(output.hasSuffix("0 failed\n"))
  }

  @Test func testCommandReportsAFailingExpectation() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "cxdx-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let file = folder.appendingPathComponent("wrong.facts")
    try "review(response: acted-on)\nexpect exposure-avoidance\n".write(
      to: file, atomically: true, encoding: .utf8)
    let (status, output, _) = run(["test", "--rules", path("rules"), file.path])
    #expect(status == .failure)
    #expect(output.contains("FAIL"))
    #expect(output.contains("wrong.facts:2: expect exposure-avoidance: ruled out at -0.70"))
    #expect(output.hasSuffix("0 passed, 1 failed\n"))
  }

  @Test func noRulesFolderSaysWhereItLooked() {
    let (status, _, errors) = run(["diagnose", "/nonexistent.facts", "--rules", "/nonexistent-rules"])
    #expect(status == .usage)
    #expect(errors.contains("does not exist"))
  }
}
