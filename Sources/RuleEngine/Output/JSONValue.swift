/// A JSON document built in memory and printed deterministically.
///
/// Object keys keep the order they were given in; callers list them in a fixed order, so
/// the same value always prints the same bytes (Foundation's encoder guarantees neither
/// key order nor number formatting across platforms).
public indirect enum JSONValue: Sendable, Hashable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object([(String, JSONValue)])

  public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
    lhs.rendered(pretty: false) == rhs.rendered(pretty: false)
  }
  public func hash(into hasher: inout Hasher) { hasher.combine(rendered(pretty: false)) }

  /// The document as text; `pretty` indents by two spaces.
  public func rendered(pretty: Bool = true, indentLevel: Int = 0) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(4096)
    write(into: &out, indent: pretty ? indentLevel : nil)
    return String(decoding: out, as: UTF8.self)
  }

  // Written as UTF-8 bytes: appending to a byte array is far cheaper than growing a String
  // piece by piece, and batch reports run to megabytes.
  private func write(into out: inout [UInt8], indent: Int?) {
    switch self {
    case .null: out.append(contentsOf: "null".utf8)
    case .bool(let value): out.append(contentsOf: (value ? "true" : "false").utf8)
    case .number(let value): out.append(contentsOf: JSONValue.format(value).utf8)
    case .string(let value): JSONValue.writeString(value, into: &out)
    case .array(let items):
      guard !items.isEmpty else { return out.append(contentsOf: "[]".utf8) }
      out.append(UInt8(ascii: "["))
      for (index, item) in items.enumerated() {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        JSONValue.newline(indent.map { $0 + 1 }, into: &out)
        item.write(into: &out, indent: indent.map { $0 + 1 })
      }
      JSONValue.newline(indent, into: &out)
      out.append(UInt8(ascii: "]"))
    case .object(let members):
      guard !members.isEmpty else { return out.append(contentsOf: "{}".utf8) }
      out.append(UInt8(ascii: "{"))
      for (index, (key, value)) in members.enumerated() {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        JSONValue.newline(indent.map { $0 + 1 }, into: &out)
        JSONValue.writeString(key, into: &out)
        out.append(contentsOf: (indent == nil ? ":" : ": ").utf8)
        value.write(into: &out, indent: indent.map { $0 + 1 })
      }
      JSONValue.newline(indent, into: &out)
      out.append(UInt8(ascii: "}"))
    }
  }

  private static func newline(_ indent: Int?, into out: inout [UInt8]) {
    guard let indent else { return }
    out.append(UInt8(ascii: "\n"))
    out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * indent))
  }

  /// Whole numbers print without a fraction; others with up to 6 decimals, trailing zeros cut.
  public static func format(_ value: Double) -> String {
    guard value.isFinite else { return "null" }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    var text = String(format6(value))
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text
  }

  private static func format6(_ value: Double) -> String {
    let scaled = (value * 1_000_000).rounded()
    let negative = scaled < 0
    let magnitude = Int64(abs(scaled))
    let whole = magnitude / 1_000_000
    let fraction = String(magnitude % 1_000_000)
    let padded = String(repeating: "0", count: 6 - fraction.count) + fraction
    return (negative ? "-" : "") + "\(whole).\(padded)"
  }

  private static func writeString(_ value: String, into out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    // Most strings need no escape: copy them whole.
    if !value.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
      out.append(contentsOf: value.utf8)
      out.append(UInt8(ascii: "\""))
      return
    }
    for byte in value.utf8 {
      switch byte {
      case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
      case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
      case UInt8(ascii: "\n"): out.append(contentsOf: "\\n".utf8)
      case UInt8(ascii: "\r"): out.append(contentsOf: "\\r".utf8)
      case UInt8(ascii: "\t"): out.append(contentsOf: "\\t".utf8)
      case 0..<0x20:
        let hex = String(byte, radix: 16)
        out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
      default: out.append(byte)
      }
    }
    out.append(UInt8(ascii: "\""))
  }
}
