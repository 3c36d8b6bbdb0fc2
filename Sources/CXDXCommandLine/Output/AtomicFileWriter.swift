import RuleEngine

/// Writes a file so that a reader sees the old content or the new, never part of either:
/// the text goes to a temporary file in the same folder, is flushed to disk (`fsync`), then
/// renamed over the target (atomic within one file system). On any failure the temporary file
/// is removed and the target is left as it was. POSIX only, as the rest of cxdx.
///
/// Every command that writes a file goes through here (`diagnose` and `explain --output`,
/// `consult --save` and `--case`, `fmt --write`), so one set of tests shows none of them can
/// lose a file: ``SimulatedFailure`` makes a chosen step fail as a full disk or a crash would.
enum AtomicFileWriter {
  struct Failure: Error, Sendable {
    let message: String
  }

  /// A step of a write that a test can make fail on purpose.
  enum SimulatedFailure: String, Sendable, CaseIterable {
    /// Creating the temporary file fails, as in a read-only folder (`EACCES`).
    case create
    /// Writing stops after half the bytes, as on a full disk (`ENOSPC`).
    case write
    /// `fsync` fails, as on an I/O error (`EIO`).
    case sync
    /// The final `rename` fails (`EXDEV`), after everything was written and synced.
    case rename

    /// The environment variable that selects a step in a `cxdx` process, for tests that run
    /// the built binary: `CXDX_SIMULATE_WRITE_FAILURE=write`. Nothing else reads it.
    static let environmentVariable = "CXDX_SIMULATE_WRITE_FAILURE"

    /// The error number the failing call reports.
    var errorNumber: Int32 {
      switch self {
      case .create: EACCES
      case .write: ENOSPC
      case .sync: EIO
      case .rename: EXDEV
      }
    }
  }

  /// The step to fail in this task (in-process tests:
  /// `AtomicFileWriter.$simulatedFailure.withValue(.write) { … }`); nil in normal runs.
  @TaskLocal static var simulatedFailure: SimulatedFailure?

  /// The step to fail: the task's, else the process environment's.
  private static var failing: SimulatedFailure? {
    if let step = simulatedFailure { return step }
    guard let value = getenv(SimulatedFailure.environmentVariable) else { return nil }
    return SimulatedFailure(rawValue: String(cString: value))
  }

  /// The file a path names. A symbolic link is written through: the file it leads to is
  /// replaced and the link stays a link (a rename over the link would turn it into a copy).
  private static func destination(_ path: String) -> String {
    var status = stat()
    guard lstat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFLNK, let resolved = realpath(path, nil)
    else { return path }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  static func write(_ text: String, to requested: String) -> Result<Void, Failure> {
    guard !requested.isEmpty, !requested.hasSuffix("/") else {
      return .failure(Failure(message: "'\(requested)' is not a file name"))
    }
    let path = destination(requested)
    var status = stat()
    if stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
      return .failure(Failure(message: "'\(path)' is a folder"))
    }
    let failing = Self.failing
    let slash = path.lastIndex(of: "/")
    let folder = slash.map { String(path[..<$0]) }.map { $0.isEmpty ? "/" : $0 } ?? "."
    let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
    var template = Array("\(folder)/.\(name).XXXXXX".utf8CString)
    let descriptor =
      failing == .create
      ? simulate(.create)
      : template.withUnsafeMutableBufferPointer { buffer in
        buffer.baseAddress.map { mkstemp($0) } ?? -1
      }
    guard descriptor >= 0 else {
      return .failure(
        Failure(
          message:
            "cannot write '\(path)': \(reason(simulated: failing == .create)) (creating a temporary file in '\(folder)')"
        ))
    }
    let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    func abandon(_ message: String) -> Result<Void, Failure> {
      close(descriptor)
      unlink(temporary)
      return .failure(Failure(message: message))
    }
    // Keep an existing file's permissions; a new one is readable by all, as a shell would make it.
    let mode = stat(path, &status) == 0 ? status.st_mode & 0o7777 : 0o644
    guard fchmod(descriptor, mode) == 0 else {
      return abandon("cannot write '\(path)': \(reason(simulated: false))")
    }
    var bytes = Array(text.utf8)
    // A simulated full disk takes half the bytes, then fails, as a real one would part-way.
    let limit = failing == .write ? bytes.count / 2 : bytes.count
    var offset = 0
    while offset < bytes.count {
      let written =
        offset >= limit
        ? Int(simulate(.write))
        : bytes.withUnsafeMutableBytes { buffer in
          Glibc.write(descriptor, buffer.baseAddress.map { $0 + offset }, limit - offset)
        }
      if written < 0 {
        if errno == EINTR { continue }
        return abandon("cannot write '\(path)': \(reason(simulated: failing == .write))")
      }
      offset += written
    }
    bytes.removeAll()
    guard (failing == .sync ? simulate(.sync) : fsync(descriptor)) == 0 else {
      return abandon("cannot write '\(path)': \(reason(simulated: failing == .sync))")
    }
    guard close(descriptor) == 0 else {
      unlink(temporary)
      return .failure(Failure(message: "cannot write '\(path)': \(reason(simulated: false))"))
    }
    guard (failing == .rename ? simulate(.rename) : rename(temporary, path)) == 0 else {
      let message = "cannot write '\(path)': \(reason(simulated: failing == .rename))"
      unlink(temporary)
      return .failure(Failure(message: message))
    }
    // Make the rename itself durable; a folder that cannot be synced loses nothing written.
    let folderDescriptor = open(folder, O_RDONLY)
    if folderDescriptor >= 0 {
      fsync(folderDescriptor)
      close(folderDescriptor)
    }
    return .success(())
  }

  /// Fails a call as `step` would: sets `errno` and returns -1.
  private static func simulate(_ step: SimulatedFailure) -> Int32 {
    errno = step.errorNumber
    return -1
  }

  /// What `errno` says, marked when the failure was the simulated one (a real call that
  /// fails while another step is simulated is not marked).
  private static func reason(simulated: Bool) -> String {
    let text = String(cString: strerror(errno))
    return simulated ? "\(text) (simulated)" : text
  }
}
