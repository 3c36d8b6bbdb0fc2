import Foundation
import Testing

@testable import CXDXCommandLine

/// `cxdx fmt`: printing, `--check`, `--write`, and files it must leave alone.
@Suite struct FormatCommandTests {
  private static let messy = "rule r { when { group(support: polite) } then { halt } }\n"
  private static let canonical = "rule r {\n  when { group(support: polite) }\n  then { halt }\n}\n"

  /// A fresh folder, readable by everyone (the read-only test runs the binary as `nobody`),
  /// holding the given files.
  private func folder(_ files: [String: String]) throws -> URL {
    let folder = try InProcess.temporaryFolder()
    chmod(folder.path, 0o755)
    for (name, text) in files {
      let url = folder.appendingPathComponent(name)
      try text.write(to: url, atomically: true, encoding: .utf8)
      chmod(url.path, 0o644)
    }
    return folder
  }

  private func contents(_ url: URL) -> String {
    (try? String(contentsOf: url, encoding: .utf8)) ?? "<unreadable>"
  }

  /// The inode and modification time of a file: a rewrite (a rename over it) changes both.
  private func identity(_ url: URL) -> [Int] {
    var status = stat()
    guard stat(url.path, &status) == 0 else { return [] }
    return [Int(status.st_ino), status.st_mtim.tv_sec, status.st_mtim.tv_nsec]
  }

  @Test func withoutAFlagPrintsTheFormattedFile() throws {
    let folder = try folder(["a.rules": Self.messy])
    let run = InProcess.run(["fmt", folder.appendingPathComponent("a.rules").path])
    #expect(run.status == .success)
    #expect(run.output == Self.canonical)
    #expect(contents(folder.appendingPathComponent("a.rules")) == Self.messy)
  }

  @Test func withoutAFlagSeveralFilesAreAUsageError() throws {
    let folder = try folder(["a.rules": Self.messy, "b.rules": Self.canonical])
    let run = InProcess.run(["fmt", folder.path])
    #expect(run.status == .usage)
    #expect(run.errors.contains("--check"))
  }

  @Test func writingThroughALinkKeepsTheLinkAndFormatsItsFileOnce() throws {
    let folder = try folder(["real.rules": Self.messy])
    let link = folder.appendingPathComponent("link.rules")
    try FileManager.default.createSymbolicLink(
      at: link, withDestinationURL: folder.appendingPathComponent("real.rules"))
    let run = InProcess.run(["fmt", "--write", folder.path, link.path])
    #expect(run.status == .success, "\(run.errors)")
    #expect(run.output.split(separator: "\n").count == 1, "\(run.output)")
    let destination = try FileManager.default.destinationOfSymbolicLink(atPath: link.path)
    #expect(destination.hasSuffix("real.rules"))
    #expect(contents(folder.appendingPathComponent("real.rules")) == Self.canonical)
  }

  @Test func aLinkOutOfTheFolderIsRefusedAndItsTargetLeftAlone() throws {
    let outside = try folder(["outside.rules": Self.messy])
    let inside = try folder(["a.rules": Self.messy])
    let link = inside.appendingPathComponent("linked.rules")
    try FileManager.default.createSymbolicLink(
      at: link, withDestinationURL: outside.appendingPathComponent("outside.rules"))
    let run = InProcess.run(["fmt", "--write", inside.path])
    #expect(run.status == .failure)
    #expect(run.errors.contains("[E0406]"), "\(run.errors)")
    #expect(contents(outside.appendingPathComponent("outside.rules")) == Self.messy)
    #expect(contents(inside.appendingPathComponent("a.rules")) == Self.canonical)
  }

  @Test func usageErrors() {
    #expect(InProcess.run(["fmt"]).status == .usage)
    #expect(InProcess.run(["fmt", "--check", "--write", "rules"]).status == .usage)
    // A limit too large to count in bytes is refused, not an arithmetic trap.
    #expect(InProcess.run(["fmt", "--check", "--max-file-size", "99999999999999", "rules"]).status == .usage)
    #expect(InProcess.run(["check", "--max-file-size", "99999999999999"]).status == .usage)
    #expect(InProcess.run(["fmt", "nope-1.rules", "nope-2.rules"]).errors.contains("2 paths were given"))
    #expect(InProcess.run(["fmt", "--help"]).output.contains("USAGE: cxdx fmt"))
    #expect(InProcess.run(["help"]).output.contains("fmt"))
  }

  @Test func checkListsTheFilesThatDifferAndExitsOne() throws {
    let folder = try folder(["a.rules": Self.messy, "b.rules": Self.canonical])
    let run = InProcess.run(["fmt", "--check", folder.path])
    #expect(run.status == .failure)
    #expect(run.output == folder.appendingPathComponent("a.rules").path + "\n")
    #expect(run.errors.contains("1 of 2 files not in canonical layout"))
    #expect(contents(folder.appendingPathComponent("a.rules")) == Self.messy)
    let clean = InProcess.run(["fmt", "--check", folder.appendingPathComponent("b.rules").path])
    #expect(clean.status == .success)
    #expect(clean.output.isEmpty)
  }

  @Test func repositoryRulesAndCasesPassTheCheck() {
    let run = InProcess.run(["fmt", "--check", InProcess.rules, InProcess.path("cases")])
    #expect(run.status == .success, "\(run.output)\(run.errors)")
  }

  @Test func writeRewritesOnlyTheFilesThatChange() throws {
    let folder = try folder(["a.rules": Self.messy, "b.rules": Self.canonical])
    let unchanged = folder.appendingPathComponent("b.rules")
    let before = identity(unchanged)
    let run = InProcess.run(["fmt", "--write", folder.path])
    #expect(run.status == .success, "\(run.errors)")
    #expect(run.output == folder.appendingPathComponent("a.rules").path + "\n")
    #expect(contents(folder.appendingPathComponent("a.rules")) == Self.canonical)
    #expect(identity(unchanged) == before)
    #expect(InProcess.run(["fmt", "--check", folder.path]).status == .success)
  }

  @Test func caseFactsFollowTheTemplatesOfTheRulesFolder() throws {
    let folder = try folder([
      "v.rules": "template group {\n  name:    string\n  support: polite | keen\n}\n",
      "c.facts": "group(support: polite, name: \"a\")\n",
    ])
    let facts = folder.appendingPathComponent("c.facts").path
    #expect(
      InProcess.run(["fmt", "--rules", folder.path, facts]).output == "group(name: \"a\", support: polite)\n")
    #expect(InProcess.run(["fmt", "--check", folder.path]).output == facts + "\n")
    #expect(
      InProcess.run(["fmt", "--rules", folder.appendingPathComponent("missing").path, facts]).status == .usage
    )
  }

  @Test func refusesAFileItCannotParse() throws {
    let broken = "rule r { when { group(support: polite } then { halt } }\n"
    let folder = try folder(["broken.rules": broken, "a.rules": Self.messy])
    let path = folder.appendingPathComponent("broken.rules")
    let before = identity(path)
    for flag in ["--write", "--check"] {
      let run = InProcess.run(["fmt", flag, folder.path])
      #expect(run.status == .failure)
      #expect(run.errors.contains("\(path.path):1:"))
      #expect(run.errors.contains("has syntax errors; left as it is"))
      #expect(contents(path) == broken)
      #expect(identity(path) == before)
    }
    // The other file was still formatted.
    #expect(contents(folder.appendingPathComponent("a.rules")) == Self.canonical)
  }

  @Test(arguments: AtomicFileWriter.SimulatedFailure.allCases)
  func aFailedWriteLeavesTheOriginal(at step: AtomicFileWriter.SimulatedFailure) throws {
    let folder = try folder(["a.rules": Self.messy])
    let run = AtomicFileWriter.$simulatedFailure.withValue(step) {
      InProcess.run(["fmt", "--write", folder.path])
    }
    #expect(run.status == .failure)
    #expect(run.errors.contains("cannot write '\(folder.appendingPathComponent("a.rules").path)'"))
    #expect(contents(folder.appendingPathComponent("a.rules")) == Self.messy)
    // No temporary file is left behind.
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["a.rules"])
  }

  /// In a folder that cannot be written, nothing changes and the reason is given. Root ignores
  /// permissions, so as root the built binary runs as `nobody`.
  @Test func aReadOnlyFolderLeavesTheFileAsItWas() throws {
    let folder = try folder(["a.rules": Self.messy])
    let file = folder.appendingPathComponent("a.rules")
    chmod(folder.path, 0o555)
    defer { chmod(folder.path, 0o755) }
    let status: Int32
    let errors: String
    if getuid() == 0 {
      let runuser = "/usr/sbin/runuser"
      let built = InProcess.repository.appendingPathComponent(".build/debug/cxdx")
      try #require(FileManager.default.isExecutableFile(atPath: runuser), "as root, the test needs runuser")
      try #require(FileManager.default.isExecutableFile(atPath: built.path), "build cxdx first: swift build")
      // A copy nobody can run: the build folder may not be open to other users.
      let binaryFolder = try self.folder([:])
      let binary = binaryFolder.appendingPathComponent("cxdx")
      try FileManager.default.copyItem(at: built, to: binary)
      chmod(binary.path, 0o755)
      let process = Process()
      process.executableURL = URL(fileURLWithPath: runuser)
      process.arguments = ["-u", "nobody", "--", binary.path, "fmt", "--write", file.path]
      process.environment = ["PATH": "/usr/bin:/bin"]
      let errorPipe = Pipe()
      process.standardOutput = Pipe()
      process.standardError = errorPipe
      try process.run()
      let data = errorPipe.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      status = process.terminationStatus
      errors = String(decoding: data, as: UTF8.self)
    } else {
      let run = InProcess.run(["fmt", "--write", file.path])
      status = run.status.rawValue
      errors = run.errors
    }
    #expect(status == 1, "\(errors)")
    #expect(errors.contains("cannot write '\(file.path)'"))
    #expect(errors.contains("ermission denied"))
    #expect(contents(file) == Self.messy)
  }
}
