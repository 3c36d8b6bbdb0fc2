import RuleEngine
import Synchronization

/// Ctrl-C during a consultation: a flag the signal handler sets, and the read loop checks.
///
/// The handler only stores to an atomic, which is async-signal-safe. It is installed with
/// `sigaction` and without `SA_RESTART`, so a `read(2)` blocked on the terminal or a pipe
/// returns `EINTR` and the consultation can save what was answered before it exits.
enum InterruptSignal {
  private static let received = Atomic<Bool>(false)

  static var wasReceived: Bool { received.load(ordering: .relaxed) }

  /// Replaces the default action of SIGINT (ending the process) with setting the flag.
  static func install() {
    // Initialise the static before a signal can arrive: its lazy initialiser is not
    // async-signal-safe.
    received.store(false, ordering: .relaxed)
    // A parent may have blocked SIGINT (the mask is inherited): unblock it, or it would wait.
    var unblock = sigset_t()
    sigemptyset(&unblock)
    sigaddset(&unblock, SIGINT)
    sigprocmask(SIG_UNBLOCK, &unblock, nil)
    #if canImport(Glibc)
      var action = sigaction()
      action.__sigaction_handler.sa_handler = { _ in InterruptSignal.received.store(true, ordering: .relaxed)
      }
      sigemptyset(&action.sa_mask)
      action.sa_flags = 0
      sigaction(SIGINT, &action, nil)
    #else
      signal(SIGINT) { _ in InterruptSignal.received.store(true, ordering: .relaxed) }
      siginterrupt(SIGINT, 1)
    #endif
  }

  /// Puts back the default action.
  static func uninstall() {
    signal(SIGINT, SIG_DFL)
  }
}
