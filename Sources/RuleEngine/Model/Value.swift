/// A slot value as users and embedders see it: a symbol, a string, a number or a boolean.
///
/// The matcher works on interned atoms, never on these; a `Value` is what goes in and comes
/// out of the engine's public API.
public enum Value: Hashable, Sendable, CustomStringConvertible {
  case symbol(String)
  case string(String)
  case number(Double)
  case boolean(Bool)

  /// The value as written in a rule or fact file.
  public var description: String {
    switch self {
    case .symbol(let name): name
    case .string(let text): "\"" + text.replacingEscapes() + "\""
    case .number(let number): Value.format(number)
    case .boolean(let flag): flag ? "true" : "false"
    }
  }

  /// The value as `print` shows it: strings without quotes.
  public var displayText: String {
    if case .string(let text) = self { return text }
    return description
  }

  /// The name of the value's type, for messages.
  public var typeName: String {
    switch self {
    case .symbol: "symbol"
    case .string: "string"
    case .number: "number"
    case .boolean: "boolean"
    }
  }

  /// Whole numbers print without a fraction, others with up to 12 significant digits.
  public static func format(_ number: Double) -> String {
    if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
    var text = "\(number)"
    if text.count > 16, let shorter = Double(String(format12(number))) { text = "\(shorter)" }
    return text
  }

  private static func format12(_ number: Double) -> String {
    let scale = 1e12
    return String((number * scale).rounded() / scale)
  }
}

extension String {
  /// Escapes quotes, backslashes, braces and control characters as the language writes them.
  func replacingEscapes() -> String {
    var out = ""
    for character in self {
      switch character {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "{": out += "\\{"
      case "}": out += "\\}"
      default: out.append(character)
      }
    }
    return out
  }
}
