import RuleEngine

/// Where a command writes: standard output and standard error, or buffers in tests.
///
/// Commands write through a console so that almost every test runs in process.
///
/// `@unchecked Sendable` because batch diagnosis reports progress from worker threads:
/// every write goes through `lock`, so the closures it holds never run concurrently.
public final class Console: @unchecked Sendable {
  private let lock = ThreadLock()
  private let writeOut: (String) -> Void
  private let writeError: (String) -> Void
  /// Whether standard output and standard error are terminals.
  public let outputIsTerminal: Bool
  public let errorIsTerminal: Bool

  public init(
    outputIsTerminal: Bool, errorIsTerminal: Bool, out: @escaping (String) -> Void,
    error: @escaping (String) -> Void
  ) {
    self.outputIsTerminal = outputIsTerminal
    self.errorIsTerminal = errorIsTerminal
    self.writeOut = out
    self.writeError = error
  }

  /// The process's real standard output and standard error.
  public static func standard() -> Console {
    Console(
      outputIsTerminal: isatty(STDOUT_FILENO) == 1, errorIsTerminal: isatty(STDERR_FILENO) == 1,
      out: { Platform.write($0, to: STDOUT_FILENO) },
      error: { Platform.write($0, to: STDERR_FILENO) })
  }

  public func out(_ text: String) { lock.withLock { writeOut(text) } }
  public func error(_ text: String) { lock.withLock { writeError(text) } }
}

/// A console that keeps what is written, for tests.
public final class RecordingConsole {
  public private(set) var output = ""
  public private(set) var errors = ""
  public init() {}

  public func console(terminal: Bool = false) -> Console {
    Console(
      outputIsTerminal: terminal, errorIsTerminal: terminal, out: { [self] in output += $0 },
      error: { [self] in errors += $0 })
  }
}
