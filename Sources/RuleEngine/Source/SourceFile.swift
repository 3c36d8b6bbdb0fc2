/// Identifies one loaded source file inside a ``SourceFiles`` registry.
public struct SourceFileID: Hashable, Sendable, Comparable, CustomStringConvertible {
  public let rawValue: Int
  public init(_ rawValue: Int) { self.rawValue = rawValue }
  public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
  public var description: String { "file#\(rawValue)" }
}

/// A 1-based line and column, for display.
///
/// Conventions, fixed once for the whole project: offsets are 0-based UTF-8 byte offsets;
/// lines are 1-based and end at `\n`, `\r\n` (one line) or a lone `\r` (old Mac files);
/// columns are 1-based and count characters (grapheme clusters), so a caret lines up under
/// what a reader sees.
public struct SourceLocation: Hashable, Sendable, Comparable {
  public let line: Int
  public let column: Int
  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }
  public static func < (lhs: Self, rhs: Self) -> Bool {
    (lhs.line, lhs.column) < (rhs.line, rhs.column)
  }
}

/// The text of one rule or fact file, kept as the UTF-8 bytes it was read as.
///
/// The bytes are kept rather than a `String` so that invalid UTF-8, NUL bytes and a BOM can
/// be reported at their exact place instead of being lost by decoding.
public struct SourceFile: Sendable {
  public let id: SourceFileID
  /// The path as the user gave it; diagnostics print it unchanged.
  public let path: String
  public let bytes: [UInt8]
  /// Byte offset at which each line starts; `lineStarts[0] == 0`.
  public let lineStarts: [Int]
  /// 3 when the file begins with a UTF-8 byte order mark, else 0. The mark is not text: it
  /// takes no column and is not shown.
  public var byteOrderMarkLength: Int {
    bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
  }

  public init(id: SourceFileID, path: String, bytes: [UInt8]) {
    self.id = id
    self.path = path
    self.bytes = bytes
    var starts = [0]
    starts.reserveCapacity(bytes.count / 32 + 1)
    for (offset, byte) in bytes.enumerated() {
      if byte == UInt8(ascii: "\n")
        || (byte == UInt8(ascii: "\r")
          && (offset + 1 == bytes.count || bytes[offset + 1] != UInt8(ascii: "\n")))
      {
        starts.append(offset + 1)
      }
    }
    self.lineStarts = starts
  }

  public init(id: SourceFileID, path: String, text: String) {
    self.init(id: id, path: path, bytes: Array(text.utf8))
  }

  public var lineCount: Int { lineStarts.count }

  /// The 1-based line holding `offset`.
  /// - Complexity: O(log lines).
  public func line(containing offset: Int) -> Int {
    var low = 0
    var high = lineStarts.count - 1
    while low < high {
      let middle = (low + high + 1) / 2
      if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
    }
    return low + 1
  }

  /// Byte range of a 1-based line, without its line terminator (`\n`, `\r\n` or `\r`).
  public func byteRange(ofLine line: Int) -> Range<Int> {
    guard line >= 1, line <= lineStarts.count else { return bytes.count..<bytes.count }
    let start = line == 1 ? byteOrderMarkLength : lineStarts[line - 1]
    var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
    if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
    return start..<max(start, end)
  }

  /// The text of a 1-based line, decoded leniently (invalid UTF-8 shows as U+FFFD).
  public func text(ofLine line: Int) -> String {
    String(decoding: bytes[byteRange(ofLine: line)], as: UTF8.self)
  }

  /// The display location of a byte offset.
  public func location(of offset: Int) -> SourceLocation {
    let clamped = min(max(0, offset), bytes.count)
    let line = line(containing: clamped)
    let start = line == 1 ? min(byteOrderMarkLength, clamped) : lineStarts[line - 1]
    let prefix = String(decoding: bytes[start..<clamped], as: UTF8.self)
    return SourceLocation(line: line, column: prefix.count + 1)
  }

  /// The source text a span covers, decoded leniently.
  public func text(of span: SourceSpan) -> String {
    let start = min(max(0, span.start), bytes.count)
    let end = min(max(start, span.end), bytes.count)
    return String(decoding: bytes[start..<end], as: UTF8.self)
  }
}

/// Every file loaded in one session, so that a ``SourceSpan`` can be turned back into a
/// path, a line and the line's text.
public struct SourceFiles: Sendable {
  public private(set) var files: [SourceFile] = []
  public init() {}

  /// Registers a file's bytes and returns it with its new identifier.
  @discardableResult
  public mutating func add(path: String, bytes: [UInt8]) -> SourceFile {
    let file = SourceFile(id: SourceFileID(files.count), path: path, bytes: bytes)
    files.append(file)
    return file
  }

  @discardableResult
  public mutating func add(path: String, text: String) -> SourceFile {
    add(path: path, bytes: Array(text.utf8))
  }

  public subscript(id: SourceFileID) -> SourceFile? {
    files.indices.contains(id.rawValue) ? files[id.rawValue] : nil
  }

  /// `path:line:column` of a span's start, or `<unknown>` for a span from no file.
  public func describe(_ span: SourceSpan) -> String {
    guard let file = self[span.file] else { return "<unknown>" }
    let location = file.location(of: span.start)
    return "\(file.path):\(location.line):\(location.column)"
  }

  /// `path:line` of a span's start, the short form explanations cite.
  public func describeLine(_ span: SourceSpan) -> String {
    guard let file = self[span.file] else { return "<unknown>" }
    return "\(file.path):\(file.line(containing: span.start))"
  }
}
