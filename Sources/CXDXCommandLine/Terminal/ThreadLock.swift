import RuleEngine

/// A mutual-exclusion lock over `pthread_mutex_t`.
///
/// Used instead of the Synchronization module's `Mutex` because ThreadSanitizer understands
/// pthread mutexes but not the futex-based synchronisation inside `Mutex` (uninstrumented), and
/// reported the batch writer's locked state as a race under `swift test --sanitize=thread`.
final class ThreadLock: @unchecked Sendable {
  private let mutex: UnsafeMutablePointer<pthread_mutex_t>

  init() {
    mutex = .allocate(capacity: 1)
    mutex.initialize(to: pthread_mutex_t())
    pthread_mutex_init(mutex, nil)
  }

  deinit {
    pthread_mutex_destroy(mutex)
    mutex.deinitialize(count: 1)
    mutex.deallocate()
  }

  func withLock<Result>(_ body: () throws -> Result) rethrows -> Result {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    return try body()
  }
}
