/// A range of bytes in one source file: what every syntax node, engine rule, pattern, fact
/// and diagnostic carries, so that anything can be traced back to `file:line:column`.
public struct SourceSpan: Hashable, Sendable, Comparable, CustomStringConvertible {
  public let file: SourceFileID
  /// 0-based UTF-8 offset of the first byte.
  public let start: Int
  /// 0-based UTF-8 offset one past the last byte.
  public let end: Int

  public init(file: SourceFileID, start: Int, end: Int) {
    self.file = file
    self.start = start
    self.end = max(start, end)
  }

  /// A span for things that come from no file (facts asserted through the API).
  public static let synthetic = SourceSpan(file: SourceFileID(-1), start: 0, end: 0)

  public var isSynthetic: Bool { file.rawValue < 0 }
  public var length: Int { end - start }

  /// The smallest span covering both.
  public func union(_ other: SourceSpan) -> SourceSpan {
    guard other.file == file else { return self }
    return SourceSpan(file: file, start: min(start, other.start), end: max(end, other.end))
  }

  public static func < (lhs: Self, rhs: Self) -> Bool {
    (lhs.file, lhs.start, lhs.end) < (rhs.file, rhs.start, rhs.end)
  }

  public var description: String { "\(file)@\(start)..<\(end)" }
}
