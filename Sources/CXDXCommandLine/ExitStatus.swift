/// The exit codes of every cxdx command, documented in `docs/cli.md`.
public enum ExitStatus: Int32, Sendable, CaseIterable {
  /// Everything worked and nothing was wrong with the input.
  case success = 0
  /// The input has errors, or expectations failed: the user has something to fix.
  case failure = 1
  /// The command line itself was wrong: an unknown command or option, a missing argument.
  case usage = 2
  /// A run stopped at a limit (rule firings, facts, time) before finishing.
  case limitReached = 3
  /// Ctrl-C (SIGINT) stopped an interactive command, after it saved what it could (128 + 2,
  /// as a shell reports a process that SIGINT ended).
  case interrupted = 130
}

/// Frontends return `Result<_, ExitStatus>`: the failure is the status to stop with, the
/// message having been printed already.
extension ExitStatus: Error {}
