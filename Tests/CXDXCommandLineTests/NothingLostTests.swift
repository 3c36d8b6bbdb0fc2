import Foundation
import Testing

@testable import CXDXCommandLine

/// Every command that writes a file keeps the original intact when the write fails: a write
/// made to fail at each step (``AtomicFileWriter/SimulatedFailure``), and a read-only folder as
/// an unprivileged user. Afterwards the original is byte for byte what it was, no temporary
/// file is left beside it, and the command says why and exits 1.
@Suite struct NothingLostTests {
  /// A command that writes `target` in the working folder, which holds `acme.facts` (a case)
  /// and `target` (the original).
  struct Writer: CustomTestStringConvertible, Sendable {
    let name: String
    let target: String
    let arguments: [String]
    /// What the command reads on standard input (consult's answers).
    var input = ""
    var testDescription: String { name }
  }

  static let writers = [
    Writer(
      name: "diagnose --output", target: "report.txt",
      arguments: ["diagnose", "acme.facts", "--output", "report.txt"]),
    Writer(
      name: "explain --output", target: "report.md",
      arguments: ["explain", "acme.facts", "complacency", "--format", "markdown", "--output", "report.md"]),
    Writer(
      name: "consult --save", target: "saved.facts",
      arguments: ["consult", "--case", "acme.facts", "--save", "saved.facts"],
      input: "1\nquit\n"),
    Writer(
      name: "consult --case", target: "acme.facts", arguments: ["consult", "--case", "acme.facts"],
      input: "1\nquit\n"),
  ]

  static let original = """
    organization(name: "Acme", cx-stage: discovery, self-rating: good)
    metric(name: "NPS", kind: customer, trend: flat, years: 3)
    group(name: "supervisors", level: frontline, support: enthusiastic, behaviour-change: none, view: already-doing-it)

    """

  /// A folder holding the case, the original target, and a `rules` link; readable by all.
  static func folder(for writer: Writer) throws -> URL {
    let folder = try InProcess.temporaryFolder()
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
    try original.write(to: folder.appendingPathComponent("acme.facts"), atomically: false, encoding: .utf8)
    if writer.target != "acme.facts" {
      try "the earlier \(writer.target), kept\n".write(
        to: folder.appendingPathComponent(writer.target), atomically: false, encoding: .utf8)
    }
    try FileManager.default.createSymbolicLink(
      atPath: folder.appendingPathComponent("rules").path, withDestinationPath: InProcess.rules)
    return folder
  }

  static func snapshot(_ folder: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name != "rules" {
      files[name] = try Data(contentsOf: folder.appendingPathComponent(name))
    }
    return files
  }

  @Test(arguments: writers, AtomicFileWriter.SimulatedFailure.allCases)
  func aSimulatedWriteFailureKeepsTheOriginal(_ writer: Writer, _ step: AtomicFileWriter.SimulatedFailure)
    throws
  {
    let folder = try Self.folder(for: writer)
    defer { try? FileManager.default.removeItem(at: folder) }
    let before = try Self.snapshot(folder)
    let outcome = try BuiltBinary.run(
      writer.arguments, in: folder,
      environment: [
        AtomicFileWriter.SimulatedFailure.environmentVariable: step.rawValue,
        "CXDX_CONSULT_DATE": "2026-01-02",
      ], input: writer.input)
    #expect(!outcome.terminatedBySignal)
    #expect(outcome.status == 1, "\(writer.name), \(step): exit \(outcome.status)\n\(outcome.errors)")
    let reason = String(cString: strerror(step.errorNumber))
    let command = writer.arguments[0]
    #expect(
      outcome.errors.contains(
        "cxdx \(command): error: cannot write '\(writer.target)': \(reason) (simulated)"),
      "\(writer.name), \(step): \(outcome.errors)")
    // Byte-identical originals, and nothing else in the folder: no temporary file left.
    #expect(try Self.snapshot(folder) == before, "\(writer.name), \(step): the folder changed")
  }

  @Test(arguments: writers)
  func withoutAFailureTheWriterWrites(_ writer: Writer) throws {
    let folder = try Self.folder(for: writer)
    defer { try? FileManager.default.removeItem(at: folder) }
    let outcome = try BuiltBinary.run(
      writer.arguments, in: folder, environment: ["CXDX_CONSULT_DATE": "2026-01-02"], input: writer.input)
    #expect(outcome.status == 0, "\(writer.name): \(outcome.errors)")
    let written = try String(contentsOf: folder.appendingPathComponent(writer.target), encoding: .utf8)
    #expect(!written.contains("the earlier") && written != Self.original, "\(writer.name) wrote nothing new")
    #expect(try Set(Self.snapshot(folder).keys) == Set(["acme.facts", writer.target]))
  }

  /// Root ignores permissions, so as root cxdx runs as `nobody` (`runuser`); the folder is
  /// root's and mode 0555, so `nobody` can read it but not create the temporary file.
  @Test(arguments: writers)
  func aReadOnlyFolderKeepsTheOriginal(_ writer: Writer) throws {
    guard BuiltBinary.canTestPermissions else {
      print("skipped: running as root without runuser, so permissions cannot be tested")
      return
    }
    let folder = try Self.folder(for: writer)
    defer {
      try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
      try? FileManager.default.removeItem(at: folder)
    }
    try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.path)
    let before = try Self.snapshot(folder)
    let outcome = try BuiltBinary.run(
      writer.arguments, in: folder, unprivileged: true, environment: ["CXDX_CONSULT_DATE": "2026-01-02"],
      input: writer.input)
    #expect(!outcome.terminatedBySignal)
    #expect(outcome.status == 1, "\(writer.name): exit \(outcome.status)\n\(outcome.errors)")
    #expect(
      outcome.errors.contains(
        "cxdx \(writer.arguments[0]): error: cannot write '\(writer.target)': Permission denied (creating a temporary file in '.')"
      ), "\(writer.name): \(outcome.errors)")
    #expect(try Self.snapshot(folder) == before, "\(writer.name): the folder changed")
  }

  /// The hook in process, for code that calls the writer directly (as `fmt --write` will):
  /// each step fails, a file that did not exist is not created, and one that did is kept.
  @Test(arguments: AtomicFileWriter.SimulatedFailure.allCases)
  func theWriterFailsAtEachStepInProcess(_ step: AtomicFileWriter.SimulatedFailure) throws {
    let folder = try InProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let existing = folder.appendingPathComponent("kept.txt").path
    try "old\n".write(toFile: existing, atomically: false, encoding: .utf8)
    let new = folder.appendingPathComponent("new.txt").path
    let text = String(repeating: "new text\n", count: 10_000)
    AtomicFileWriter.$simulatedFailure.withValue(step) {
      for path in [existing, new] {
        guard case .failure(let failure) = AtomicFileWriter.write(text, to: path) else {
          Issue.record("\(step): writing \(path) did not fail")
          continue
        }
        #expect(failure.message.hasSuffix("(simulated)") || failure.message.contains("(simulated) (creating"))
      }
    }
    #expect(try String(contentsOfFile: existing, encoding: .utf8) == "old\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["kept.txt"])
    // Outside the task-local scope the same write succeeds.
    #expect(throws: Never.self) { try AtomicFileWriter.write(text, to: new).get() }
  }
}
