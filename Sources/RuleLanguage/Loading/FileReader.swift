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
          "'\(path)' is \(Self.mebibytes(size)) MiB; the limit is \(Self.mebibytes(maximumFileSize)) MiB",
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
            .fileTooLarge, "'\(path)' is larger than the \(Self.mebibytes(maximumFileSize)) MiB limit",
            at: nil,
            help: "raise the limit with --max-file-size MIB"))
      }
    }
    return .success(bytes)
  }

  /// What a folder holds for a loader: the files to read, and the entries refused.
  public struct FolderListing: Sendable {
    /// Paths (`directory/name`) sorted by name, so that loading order, and so every output,
    /// does not depend on the file system.
    public var files: [String] = []
    /// One diagnostic per entry that matched but cannot be read safely: a symbolic link to a
    /// file outside the folder (E0406), or to nothing (E0401).
    public var refused: [Diagnostic] = []

    public init(files: [String] = [], refused: [Diagnostic] = []) {
      self.files = files
      self.refused = refused
    }
  }

  /// The files directly inside a folder whose names end in one of `suffixes` (hidden files
  /// and subfolders left out).
  ///
  /// A folder never reaches outside itself: an entry that is a symbolic link is read only when
  /// it resolves to a file inside the folder; one that leads elsewhere is refused with E0406,
  /// and reading it takes naming it explicitly. `..` cannot occur, since the entries are the
  /// folder's own names (`.` and `..` are hidden).
  public func list(_ directory: String, suffixes: [String]) -> Result<FolderListing, Diagnostic> {
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
      if suffixes.contains(where: { name.hasSuffix($0) }), !name.hasPrefix(".") { names.append(name) }
    }
    var listing = FolderListing()
    let folder = Self.resolved(directory)
    for path in names.sorted().map({ join(directory, $0) }) {
      var status = stat()
      guard lstat(path, &status) == 0 else { continue }
      guard (status.st_mode & S_IFMT) == S_IFLNK else {
        if (status.st_mode & S_IFMT) != S_IFDIR { listing.files.append(path) }
        continue
      }
      guard let target = Self.resolved(path) else {
        listing.refused.append(
          .error(
            .cannotRead, "cannot read '\(path)': a symbolic link to a file that does not exist", at: nil,
            help: "remove the link, or point it at the file"))
        continue
      }
      guard let folder, target.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/") else {
        listing.refused.append(
          .error(
            .outsideFolder, "'\(path)' is a symbolic link to '\(target)', outside the folder '\(directory)'",
            at: nil, help: "a folder is read only within itself; name the file to read it: '\(target)'"))
        continue
      }
      if kind(of: path) == .file { listing.files.append(path) }
    }
    return .success(listing)
  }

  /// A size in MiB with one decimal, rounded up, so that a file just over the limit never
  /// reads as the limit itself ("1.1 MiB; the limit is 1 MiB").
  static func mebibytes(_ bytes: Int) -> String {
    let tenths = (bytes * 10 + 1_048_575) / 1_048_576
    return tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)"
  }

  /// The canonical absolute path (links and `..` resolved), or nil when it does not exist.
  public static func resolved(_ path: String) -> String? {
    guard let pointer = realpath(path, nil) else { return nil }
    defer { free(pointer) }
    return String(cString: pointer)
  }

  private func join(_ directory: String, _ name: String) -> String {
    directory.hasSuffix("/") ? directory + name : directory + "/" + name
  }
}
