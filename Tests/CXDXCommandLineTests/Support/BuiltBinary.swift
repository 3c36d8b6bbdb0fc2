import Foundation
import Testing

/// The built `cxdx` executable, run as a user runs it: a real process, its own exit status,
/// standard output and standard error.
enum BuiltBinary {
  /// Beside the test bundle (so `--build-path` and sanitizer builds find their own), else in
  /// `.build/debug`.
  static var path: String? {
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent("cxdx").path
    let candidates = [beside, InProcess.repository.appendingPathComponent(".build/debug/cxdx").path]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  /// Whether this process is root, which ignores file permissions.
  static var isRoot: Bool { getuid() == 0 }

  /// `runuser`, with which a test running as root runs cxdx as `nobody`, so that permissions hold.
  static var runuser: String? {
    ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"].first {
      FileManager.default.isExecutableFile(atPath: $0)
    }
  }

  /// Whether permissions can be tested: not root, or root with `runuser` to drop to `nobody`.
  static var canTestPermissions: Bool { !isRoot || runuser != nil }

  struct Outcome {
    let status: Int32
    let output: String
    let errors: String
    let terminatedBySignal: Bool
  }

  /// Runs cxdx in `folder`. `unprivileged` runs it as `nobody` when this process is root.
  static func run(
    _ arguments: [String], in folder: URL, unprivileged: Bool = false, environment: [String: String] = [:],
    input: String = ""
  ) throws -> Outcome {
    let binary = try #require(path, "build cxdx first: swift build")
    let process = Process()
    if unprivileged, isRoot, let runuser {
      process.executableURL = URL(fileURLWithPath: runuser)
      process.arguments = ["-u", "nobody", "--", binary] + arguments
    } else {
      process.executableURL = URL(fileURLWithPath: binary)
      process.arguments = arguments
    }
    process.currentDirectoryURL = folder
    process.environment = ["PATH": "/usr/bin:/bin"].merging(environment) { $1 }
    // Files rather than pipes: a child that fills one pipe while the other is read would block.
    let capture = FileManager.default.temporaryDirectory.appendingPathComponent(
      "cxdx-run-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: capture, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: capture) }
    let outputURL = capture.appendingPathComponent("stdout")
    let errorURL = capture.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
    let output = try FileHandle(forWritingTo: outputURL)
    let errors = try FileHandle(forWritingTo: errorURL)
    let standardInput = Pipe()
    process.standardOutput = output
    process.standardError = errors
    process.standardInput = standardInput
    try process.run()
    standardInput.fileHandleForWriting.write(Data(input.utf8))
    try standardInput.fileHandleForWriting.close()
    process.waitUntilExit()
    try output.close()
    try errors.close()
    return Outcome(
      status: process.terminationStatus,
      output: try TestFile.text(outputURL),
      errors: try TestFile.text(errorURL),
      terminatedBySignal: process.terminationReason == .uncaughtSignal)
  }
}
