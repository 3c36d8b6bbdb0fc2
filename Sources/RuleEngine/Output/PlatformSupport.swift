#if canImport(Glibc)
  @_exported import Glibc
#elseif canImport(Musl)
  @_exported import Musl
#elseif canImport(Darwin)
  @_exported import Darwin
#endif

/// Small stand-ins for Foundation, which the engine does without: linking Foundation costs
/// every `cxdx` process 3 ms and 9 MiB before it reads a byte (measured), a real share of a
/// one-case diagnosis.
public enum Platform {
  /// Seconds from an arbitrary, monotonic origin.
  public static func monotonicSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
  }

  /// The number of processors online.
  public static var processorCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

  /// The process environment.
  public static var environment: [String: String] {
    var result: [String: String] = [:]
    var cursor = environ
    while let entry = cursor.pointee {
      let text = String(cString: entry)
      if let equals = text.firstIndex(of: "=") {
        result[String(text[..<equals])] = String(text[text.index(after: equals)...])
      }
      cursor += 1
    }
    return result
  }

  /// Writes all of `text` to a file descriptor, retrying short writes.
  public static func write(_ text: String, to descriptor: Int32) {
    var bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeMutableBytes { buffer in
        Glibc.write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
      }
      if written < 0 {
        if errno == EINTR { continue }
        return
      }
      offset += written
    }
    bytes.removeAll()
  }
}

extension Double {
  /// The number with a fixed count of decimals, rounded half away from zero: `0.5.fixed(2)` is
  /// `"0.50"`. (Foundation's `String(format:)` without Foundation.)
  public func fixed(_ decimals: Int) -> String {
    guard isFinite else { return description }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let scaled = (abs(self) * scale).rounded(.toNearestOrAwayFromZero)
    let whole = (scaled / scale).rounded(.towardZero)
    let fraction = scaled - whole * scale
    var text = String(Int64(whole))
    if decimals > 0 {
      let digits = String(Int64(fraction))
      text += "." + String(repeating: "0", count: max(0, decimals - digits.count)) + digits
    }
    return (self < 0 && scaled != 0 ? "-" : "") + text
  }
}
