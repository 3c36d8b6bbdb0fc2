import RuleEngine

/// Reads source files with precise, located errors: a missing file, a folder, an unreadable
/// file and a file over the size limit each get their own diagnostic.
public struct FileReader: Sendable {
  /// Files larger than this are refused before being read.
  public var maximumFileSize: Int

  /// 256 MiB: far above any hand-written rule base or case, below what would exhaust memory.
  public static let defaultMaximumFileSize = 256 * 1024 * 1024

  public init(maximumFileSize: Int = FileReader.defaultMaximumFileSize) {
    self.maximumFileSize = maximumFileSize
  }

  public enum Kind: Sendable {
    case file
    case directory
    case missing
  }

  public func kind(of path: String) -> Kind {
    var status = stat()
    guard stat(path, &status) == 0 else { return .missing }
    return (status.st_mode & S_IFMT) == S_IFDIR ? .directory : .file
  }

  /// The bytes of a file, or a diagnostic saying why they cannot be had.
  public func read(_ path: String) -> Result<[UInt8], Diagnostic> {
    switch kind(of: path) {
    case .missing:
      return .failure(
        .error(
          .cannotRead, "cannot read '\(path)': no such file", at: nil,
          help: "check the path; paths are relative to the current folder"))
    case .directory:
      return .failure(.error(.notAFile, "'\(path)' is a folder, not a file", at: nil))
    case .file:
      break
    }
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else {
      return .failure(
        .error(.cannotRead, "cannot read '\(path)': \(String(cString: strerror(errno)))", at: nil))
    }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else {
      return .failure(
        .error(.cannotRead, "cannot read '\(path)': \(String(cString: strerror(errno)))", at: nil))
    }
    let size = Int(status.st_size)
    if size > maximumFileSize {
      return .failure(
        .error(
          .fileTooLarge,
          "'\(path)' is \(size / 1_048_576) MiB; the limit is \(maximumFileSize / 1_048_576) MiB",
          at: nil, help: "raise the limit with --max-file-size MIB"))
    }
    var bytes = [UInt8](repeating: 0, count: size)
    var total = 0
    while total < size {
      let count = bytes.withUnsafeMutableBytes { buffer in
        Glibc.read(descriptor, buffer.baseAddress.map { $0 + total }, size - total)
      }
      if count < 0 {
        if errno == EINTR { continue }
        return .failure(
          .error(.cannotRead, "cannot read '\(path)': \(String(cString: strerror(errno)))", at: nil))
      }
      if count == 0 { break }
      total += count
    }
    if total < size { bytes.removeLast(size - total) }
    // A file that grew while being read (or a pipe): read the rest in chunks, within the limit.
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
      let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
      if count < 0, errno == EINTR { continue }
      if count <= 0 { break }
      bytes.append(contentsOf: chunk[0..<count])
      if bytes.count > maximumFileSize {
        return .failure(
          .error(
            .fileTooLarge, "'\(path)' is larger than the \(maximumFileSize / 1_048_576) MiB limit", at: nil,
            help: "raise the limit with --max-file-size MIB"))
      }
    }
    return .success(bytes)
  }

  /// The files directly inside a folder whose names end in `suffix`, sorted by name, so that
  /// loading order (and so every output) does not depend on the file system.
  public func files(in directory: String, withSuffix suffix: String) -> Result<[String], Diagnostic> {
    guard let stream = opendir(directory) else {
      return .failure(
        .error(
          .cannotRead, "cannot list the folder '\(directory)': \(String(cString: strerror(errno)))", at: nil))
    }
    defer { closedir(stream) }
    var names: [String] = []
    while let entry = readdir(stream) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      if name.hasSuffix(suffix), !name.hasPrefix(".") { names.append(name) }
    }
    return .success(names.sorted().map { join(directory, $0) }.filter { kind(of: $0) == .file })
  }

  private func join(_ directory: String, _ name: String) -> String {
    directory.hasSuffix("/") ? directory + name : directory + "/" + name
  }
}
