import RuleEngine

/// Writes a file so that a reader sees the old content or the new, never part of either:
/// the text goes to a temporary file in the same folder, is flushed to disk (`fsync`), then
/// renamed over the target (atomic within one file system). On any failure the temporary file
/// is removed and the target is left as it was. POSIX only, as the rest of cxdx.
enum AtomicFileWriter {
  struct Failure: Error, Sendable {
    let message: String
  }

  /// A step of ``write(_:to:)`` whose system call can fail.
  enum Step: Sendable {
    case createTemporaryFile
    case writeBytes
    case sync
    case rename
  }

  /// Test hook: ``write(_:to:)`` fails at this step as if its system call had failed (with
  /// `EIO`), so a test can see the target left as it was. Bound per task with
  /// `AtomicFileWriter.$simulatedFailure.withValue(.rename) { … }`; nil, the default, fails nothing.
  @TaskLocal static var simulatedFailure: Step?

  /// True, with `errno` set, when a test asked this step to fail.
  private static func simulatesFailure(at step: Step) -> Bool {
    guard simulatedFailure == step else { return false }
    errno = EIO
    return true
  }

  static func write(_ text: String, to path: String) -> Result<Void, Failure> {
    guard !path.isEmpty, !path.hasSuffix("/") else {
      return .failure(Failure(message: "'\(path)' is not a file name"))
    }
    var status = stat()
    if stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
      return .failure(Failure(message: "'\(path)' is a folder"))
    }
    let slash = path.lastIndex(of: "/")
    let folder = slash.map { String(path[..<$0]) }.map { $0.isEmpty ? "/" : $0 } ?? "."
    let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
    var template = Array("\(folder)/.\(name).XXXXXX".utf8CString)
    let descriptor =
      simulatesFailure(at: .createTemporaryFile)
      ? -1
      : template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
    guard descriptor >= 0 else {
      return .failure(
        Failure(message: "cannot write '\(path)': \(reason()) (creating a temporary file in '\(folder)')"))
    }
    let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    func abandon(_ message: String) -> Result<Void, Failure> {
      close(descriptor)
      unlink(temporary)
      return .failure(Failure(message: message))
    }
    // Keep an existing file's permissions; a new one is readable by all, as a shell would make it.
    let mode = stat(path, &status) == 0 ? status.st_mode & 0o7777 : 0o644
    guard fchmod(descriptor, mode) == 0 else { return abandon("cannot write '\(path)': \(reason())") }
    var bytes = Array(text.utf8)
    var offset = 0
    if simulatesFailure(at: .writeBytes) { return abandon("cannot write '\(path)': \(reason())") }
    while offset < bytes.count {
      let written = bytes.withUnsafeMutableBytes { buffer in
        Glibc.write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
      }
      if written < 0 {
        if errno == EINTR { continue }
        return abandon("cannot write '\(path)': \(reason())")
      }
      offset += written
    }
    bytes.removeAll()
    guard !simulatesFailure(at: .sync), fsync(descriptor) == 0 else {
      return abandon("cannot write '\(path)': \(reason())")
    }
    guard close(descriptor) == 0 else {
      unlink(temporary)
      return .failure(Failure(message: "cannot write '\(path)': \(reason())"))
    }
    guard !simulatesFailure(at: .rename), rename(temporary, path) == 0 else {
      let message = "cannot write '\(path)': \(reason())"
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

  private static func reason() -> String { String(cString: strerror(errno)) }
}
