import Foundation
import Testing

/// The bad-input corpus at the command line: the built `cxdx`, run as a process, must end each
/// bad input with its exact diagnostics and exit status, and never crash.
///
/// Two parts. Every file of the library corpus (`Tests/RuleLanguageTests/Fixtures/bad-input`)
/// goes through `cxdx check`, which must print its golden, then the summary line, and exit 1.
/// And `Fixtures/bad-input-cli/NAME/` holds what only a command line has: missing files,
/// folders given as files, unreadable files, links out of a folder, empty files, limits. Each
/// case folder holds:
///
/// - `command`: the arguments, one a line;
/// - `input/` (optional): files copied into a fresh working folder, where the command runs;
///   `rules` there links to the repository's `rules/` unless `input/` has its own;
/// - `setup` (optional): one step a line: `unreadable PATH` (mode 000), `symlink PATH TARGET`,
///   `mkdir PATH`, `sized PATH BYTES` (a case file of comments that long);
/// - `status`, `stdout`, `stderr`: what the command must give, with the working folder written
///   `$WORK` and the repository `$REPO`.
///
/// Root ignores file permissions, so a case with an `unreadable` step runs cxdx as `nobody`
/// (`runuser -u nobody --`) when the tests run as root; without `runuser` those cases are
/// skipped, with a message. `CXDX_RECORD_GOLDEN=1` rewrites the expected files and fails.
@Suite struct BadInputCommandLineTests {
  static let libraryFixtures = InProcess.repository.appendingPathComponent("Tests/RuleLanguageTests/Fixtures")
  static let folder = InProcess.repository.appendingPathComponent(
    "Tests/CXDXCommandLineTests/Fixtures/bad-input-cli")

  static var libraryCorpus: [String] {
    let names =
      (try? FileManager.default.contentsOfDirectory(
        atPath: libraryFixtures.appendingPathComponent("bad-input").path)) ?? []
    return names.filter { [".rules", ".facts", ".json"].contains(where: $0.hasSuffix) }.sorted()
  }

  static var cases: [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
  }

  @Test func theCorpusCoversSixtyFilesAtLeast() {
    #expect(Self.libraryCorpus.count + Self.cases.count >= 60)
    #expect(Self.cases.count >= 30)
  }

  @Test(arguments: libraryCorpus)
  func everyLibraryCorpusFileFailsCheckWithItsGolden(_ name: String) throws {
    let outcome = try BuiltBinary.run(
      ["check", "vocabulary.rules", "bad-input/\(name)"], in: Self.libraryFixtures)
    #expect(!outcome.terminatedBySignal, "cxdx crashed on \(name)")
    #expect(outcome.status == 1, "\(name): exit \(outcome.status)")
    #expect(outcome.output.isEmpty)
    let golden = try TestFile.text(Self.libraryFixtures.appendingPathComponent("bad-input/\(name).expected"))
    var lines = outcome.errors.split(separator: "\n", omittingEmptySubsequences: false)
    // The last line is empty (the text ends in a line break); the one before, the summary.
    #expect(lines.count >= 2 && lines[lines.count - 2].hasPrefix("checked "), "\(name): no summary line")
    lines.removeLast(min(2, lines.count))
    #expect(lines.joined(separator: "\n") + "\n" == golden, "\(name): stderr differs from its golden")
  }

  @Test(arguments: cases)
  func commandMatchesGolden(_ name: String) throws {
    let caseFolder = Self.folder.appendingPathComponent(name)
    let arguments = try String(contentsOf: caseFolder.appendingPathComponent("command"), encoding: .utf8)
      .split(separator: "\n").map(String.init)
    let setup =
      ((try? String(contentsOf: caseFolder.appendingPathComponent("setup"), encoding: .utf8)) ?? "")
      .split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
    let unprivileged = setup.contains { $0.first == "unreadable" }
    if unprivileged, !BuiltBinary.canTestPermissions {
      print("skipped \(name): running as root without runuser, so permissions cannot be tested")
      return
    }
    let work = try WorkingFolder(input: caseFolder.appendingPathComponent("input"), setup: setup)
    defer { work.remove() }
    let outcome = try BuiltBinary.run(arguments, in: work.url, unprivileged: unprivileged)
    #expect(!outcome.terminatedBySignal, "cxdx crashed: \(name)")
    let actual = [
      ("status", "\(outcome.status)\n"), ("stdout", work.normalized(outcome.output)),
      ("stderr", work.normalized(outcome.errors)),
    ]
    for (file, text) in actual {
      let url = caseFolder.appendingPathComponent(file)
      if Golden.recording {
        try text.write(to: url, atomically: true, encoding: .utf8)
        continue
      }
      let expected = (try? TestFile.text(url)) ?? "(missing \(file))"
      #expect(text == expected, "\(name)/\(file) differs:\n--- expected\n\(expected)--- actual\n\(text)")
    }
    if Golden.recording { Issue.record("recorded \(name); unset CXDX_RECORD_GOLDEN to compare") }
  }
}

/// A fresh folder a corpus case runs in, readable by `nobody`.
private struct WorkingFolder {
  let url: URL

  init(input: URL, setup: [[String]]) throws {
    let manager = FileManager.default
    url = try InProcess.temporaryFolder()
    try manager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
    let entries = (try? manager.contentsOfDirectory(atPath: input.path)) ?? []
    for entry in entries {
      try manager.copyItem(at: input.appendingPathComponent(entry), to: url.appendingPathComponent(entry))
    }
    if !entries.contains("rules") {
      try manager.createSymbolicLink(
        atPath: url.appendingPathComponent("rules").path, withDestinationPath: InProcess.rules)
    }
    for step in setup where !step.isEmpty {
      let path = url.appendingPathComponent(step.count > 1 ? step[1] : "").path
      switch (step[0], step.count) {
      case ("unreadable", 2):
        try manager.setAttributes([.posixPermissions: 0], ofItemAtPath: path)
      case ("mkdir", 2):
        try manager.createDirectory(atPath: path, withIntermediateDirectories: true)
      case ("symlink", 3):
        let target = step[2].replacingOccurrences(of: "$REPO", with: InProcess.repository.path)
          .replacingOccurrences(of: "$WORK", with: url.path)
        try manager.createSymbolicLink(atPath: path, withDestinationPath: target)
      case ("sized", 3):
        let size = Int(step[2]) ?? 0
        let line = "# padding to make the file large\n"
        let text = String(repeating: line, count: size / line.utf8.count + 1)
        try Data(text.utf8.prefix(size)).write(to: URL(fileURLWithPath: path))
      default:
        Issue.record("unknown setup step: \(step.joined(separator: " "))")
      }
    }
  }

  /// Output with the folder and the repository written `$WORK` and `$REPO`, as the goldens keep it.
  func normalized(_ text: String) -> String {
    let real = (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)) ?? url.path
    return text.replacingOccurrences(of: url.resolvingSymlinksInPath().path, with: "$WORK")
      .replacingOccurrences(of: real, with: "$WORK")
      .replacingOccurrences(of: InProcess.repository.path, with: "$REPO")
  }

  func remove() {
    // Make everything writable again first, so an unreadable folder can be removed.
    if let walker = FileManager.default.enumerator(atPath: url.path) {
      for case let entry as String in walker {
        let path = url.appendingPathComponent(entry).path
        // Never through a link: it may lead into the repository.
        let type = (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
        guard type != .typeSymbolicLink else { continue }
        try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
      }
    }
    try? FileManager.default.removeItem(at: url)
  }
}
