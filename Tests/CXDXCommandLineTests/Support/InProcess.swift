import Foundation
import Testing

@testable import CXDXCommandLine

/// Runs `cxdx` in process, as `main.swift` would, with the output kept.
enum InProcess {
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static func path(_ relative: String) -> String { repository.appendingPathComponent(relative).path }

  static var rules: String { path("rules") }

  /// The bundled cases, by path, in name order.
  static var cases: [String] {
    let folder = repository.appendingPathComponent("cases")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".facts") }.sorted().map { folder.appendingPathComponent($0).path }
  }

  static func run(_ arguments: [String], environment: [String: String] = [:])
    -> (status: CXDXCommandLine.ExitStatus, output: String, errors: String)
  {
    let recording = RecordingConsole()
    let status = CommandLineTool().run(
      arguments, environment: environment, console: recording.console(terminal: false))
    return (status, recording.output, recording.errors)
  }

  /// Output with the repository's absolute path taken out, so it reads as a run from the
  /// repository's folder would (`cases/a.facts`, `rules/b.rules`) on any machine.
  static func relative(_ text: String) -> String {
    text.replacingOccurrences(of: repository.path + "/", with: "")
  }

  /// A fresh temporary folder.
  static func temporaryFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "cxdx-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }
}

/// Golden files under `Tests/CXDXCommandLineTests/Goldens/`: output compared byte for byte.
/// `CXDX_RECORD_GOLDEN=1` rewrites them and fails, so a recording is never taken for a pass.
enum Golden {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Goldens")

  static var recording: Bool { ProcessInfo.processInfo.environment["CXDX_RECORD_GOLDEN"] == "1" }

  static func check(_ actual: String, against name: String, sourceLocation: SourceLocation = #_sourceLocation)
  {
    let url = folder.appendingPathComponent(name)
    if recording {
      try? FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try? actual.write(to: url, atomically: true, encoding: .utf8)
      Issue.record("recorded \(name); unset CXDX_RECORD_GOLDEN to compare", sourceLocation: sourceLocation)
      return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
      Issue.record(
        "no golden file \(name); record it with CXDX_RECORD_GOLDEN=1", sourceLocation: sourceLocation)
      return
    }
    guard expected != actual else { return }
    let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let first =
      zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
      ?? min(expectedLines.count, actualLines.count)
    let expectedLine = first < expectedLines.count ? String(expectedLines[first]) : "(end of file)"
    let actualLine = first < actualLines.count ? String(actualLines[first]) : "(end of output)"
    Issue.record(
      "\(name) differs at line \(first + 1):\n  expected: \(expectedLine)\n  actual:   \(actualLine)",
      sourceLocation: sourceLocation)
  }
}
