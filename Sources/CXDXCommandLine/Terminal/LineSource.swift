import RuleEngine

/// One read from a ``LineSource``.
public enum InputLine: Equatable, Sendable {
  case line(String)
  /// End of input (Ctrl-D, a closed pipe).
  case end
  /// Ctrl-C (SIGINT) arrived while waiting.
  case interrupted
}

/// Where an interactive command reads its answers, a line at a time: standard input, or a
/// function in tests.
public struct LineSource {
  /// Whether the source is a terminal a person types at (colour and echo follow from it).
  public let isTerminal: Bool
  private let read: () -> InputLine

  public init(isTerminal: Bool, read: @escaping () -> InputLine) {
    self.isTerminal = isTerminal
    self.read = read
  }

  public func next() -> InputLine { read() }

  /// The process's standard input, read with `read(2)` so that SIGINT interrupts a wait.
  public static func standardInput() -> LineSource {
    let reader = DescriptorLineReader(descriptor: STDIN_FILENO)
    return LineSource(isTerminal: isatty(STDIN_FILENO) == 1, read: reader.next)
  }

  /// Lines from a list, then the end of input.
  public static func lines(_ lines: [String]) -> LineSource {
    var remaining = lines[...]
    return LineSource(isTerminal: false) { remaining.popFirst().map(InputLine.line) ?? .end }
  }
}

/// Splits a file descriptor's bytes into lines; reports SIGINT when a read is interrupted.
private final class DescriptorLineReader {
  let descriptor: Int32
  private var buffer: [UInt8] = []
  private var ended = false

  init(descriptor: Int32) {
    self.descriptor = descriptor
  }

  func next() -> InputLine {
    while true {
      if InterruptSignal.wasReceived { return .interrupted }
      if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
        let line = String(decoding: buffer[..<newline], as: UTF8.self)
        buffer.removeFirst(newline + 1)
        return .line(line)
      }
      if ended {
        guard !buffer.isEmpty else { return .end }
        let line = String(decoding: buffer, as: UTF8.self)
        buffer.removeAll()
        return .line(line)
      }
      var chunk = [UInt8](repeating: 0, count: 4096)
      let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        ended = true
      } else if count == 0 {
        ended = true
      } else {
        buffer.append(contentsOf: chunk[..<count])
      }
    }
  }
}
