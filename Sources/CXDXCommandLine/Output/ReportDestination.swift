import RuleEngine

/// Where a report goes: standard output, or with `--output FILE` a file written atomically
/// once the report is complete (so a failed run never leaves half a report behind).
struct ReportDestination {
  let invocation: Invocation
  let command: String
  private let buffer = Buffer()

  init(invocation: Invocation, command: String) {
    self.invocation = invocation
    self.command = command
  }

  var path: String? { invocation.arguments.value("--output") }

  /// The console a command writes its report to: the real one, or one that keeps the report
  /// for ``finish(_:)`` when it goes to a file. Errors always go to standard error.
  var console: Console {
    guard path != nil else { return invocation.console }
    let real = invocation.console
    let buffer = self.buffer
    return Console(
      outputIsTerminal: false, errorIsTerminal: real.errorIsTerminal, out: { buffer.append($0) },
      error: { real.error($0) })
  }

  /// Whether colour suits the destination: never in a file.
  var color: Bool { path == nil && invocation.outputColor }

  /// Writes the kept report to its file when the command succeeded (or stopped at a limit);
  /// otherwise, or when the file cannot be written (exit 1), an earlier file stays as it was.
  func finish(_ status: ExitStatus) -> ExitStatus {
    guard let path else { return status }
    guard status == .success || status == .limitReached else {
      invocation.console.error("cxdx \(command): '\(path)' was not written\n")
      return status
    }
    switch AtomicFileWriter.write(buffer.text, to: path) {
    case .success: return status
    case .failure(let failure):
      invocation.console.error("cxdx \(command): error: \(failure.message)\n")
      return status == .success ? .failure : status
    }
  }

  /// Text kept for a file. `@unchecked Sendable`: written only through `Console`, which
  /// serialises its writes, and read after the command is done.
  private final class Buffer: @unchecked Sendable {
    private(set) var text = ""
    func append(_ piece: String) { text += piece }
  }
}
