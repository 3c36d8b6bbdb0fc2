import RuleEngine

/// Strings, numbers and the errors that name what was found instead of what was expected.
extension JSONParser {
  // MARK: - Strings

  /// Reads a string at the cursor (on its opening quote); returns its decoded text and
  /// whether it held an escape.
  mutating func parseString() throws(Diagnostic) -> (String, Bool) {
    let open = offset
    offset += 1
    var scalars = String.UnicodeScalarView()
    var escaped = false
    while true {
      guard offset < bytes.count else {
        throw Diagnostic.error(
          .malformedJSON, "unterminated string", at: span(open, open + 1), label: "string starts here",
          help: "close the string with '\"'")
      }
      let byte = bytes[offset]
      switch byte {
      case UInt8(ascii: "\""):
        offset += 1
        return (String(scalars), escaped)
      case UInt8(ascii: "\\"):
        escaped = true
        scalars.append(try parseEscape())
      case 0:
        throw Diagnostic.error(
          .nulByte, "NUL byte in a string", at: span(offset, offset + 1), label: "NUL",
          help: "remove it; write \\u0000 if the text needs it")
      case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
        throw Diagnostic.error(
          .malformedJSON, "unterminated string: a line break inside a string", at: span(open, open + 1),
          label: "string starts here", help: "close the string on its line, or write a line break as \\n")
      case ..<0x20:
        throw error(
          "a control character inside a string", at: offset, length: 1,
          help: "write it as an escape, e.g. \\t")
      case ..<0x80:
        scalars.append(Unicode.Scalar(byte))
        offset += 1
      default:
        guard let (scalar, length) = Lexer.decodeScalar(bytes, at: offset) else {
          throw invalidUTF8()
        }
        scalars.append(scalar)
        offset += length
      }
    }
  }

  private mutating func parseEscape() throws(Diagnostic) -> Unicode.Scalar {
    let start = offset
    offset += 1
    guard offset < bytes.count else { throw unexpected("expected an escape after '\\'") }
    let letter = bytes[offset]
    offset += 1
    switch letter {
    case UInt8(ascii: "\""): return "\""
    case UInt8(ascii: "\\"): return "\\"
    case UInt8(ascii: "/"): return "/"
    case UInt8(ascii: "b"): return "\u{08}"
    case UInt8(ascii: "f"): return "\u{0C}"
    case UInt8(ascii: "n"): return "\n"
    case UInt8(ascii: "r"): return "\r"
    case UInt8(ascii: "t"): return "\t"
    case UInt8(ascii: "u"):
      let first = try parseHex(escapeStart: start)
      guard (0xD800...0xDBFF).contains(first) else {
        guard let scalar = Unicode.Scalar(first) else { throw loneSurrogate(start) }
        return scalar
      }
      // A character outside the Basic Multilingual Plane is written as a surrogate pair.
      guard offset + 1 < bytes.count, bytes[offset] == UInt8(ascii: "\\"),
        bytes[offset + 1] == UInt8(ascii: "u")
      else { throw loneSurrogate(start) }
      offset += 2
      let second = try parseHex(escapeStart: start)
      guard (0xDC00...0xDFFF).contains(second),
        let scalar = Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
      else { throw loneSurrogate(start) }
      return scalar
    default:
      throw Diagnostic.error(
        .malformedJSON, "unknown escape sequence in a string", at: span(start, offset),
        label: "not an escape",
        help: "the escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX")
    }
  }

  private mutating func parseHex(escapeStart: Int) throws(Diagnostic) -> UInt32 {
    var value: UInt32 = 0
    for _ in 0..<4 {
      guard offset < bytes.count, let digit = hexValue(bytes[offset]) else {
        throw Diagnostic.error(
          .malformedJSON, "'\\u' takes four hexadecimal digits", at: span(escapeStart, offset),
          label: "incomplete", help: "write e.g. \\u00e9 for é")
      }
      value = value * 16 + digit
      offset += 1
    }
    return value
  }

  private func hexValue(_ byte: UInt8) -> UInt32? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
    default: nil
    }
  }

  private func loneSurrogate(_ start: Int) -> Diagnostic {
    .error(
      .malformedJSON, "a lone UTF-16 surrogate in a '\\u' escape", at: span(start, offset),
      label: "not a character",
      help: "a character above U+FFFF is written as a pair, e.g. \\ud83d\\ude00")
  }

  // MARK: - Numbers

  /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, as RFC 8259 has it.
  mutating func parseNumber() throws(Diagnostic) -> Double {
    let start = offset
    func digits() -> Int {
      let from = offset
      while offset < bytes.count, bytes[offset] >= UInt8(ascii: "0"), bytes[offset] <= UInt8(ascii: "9") {
        offset += 1
      }
      return offset - from
    }
    func malformed(_ help: String) -> Diagnostic {
      while offset < bytes.count, wordAtOffset().isEmpty == false || peek(is: ".") || peek(is: "+") {
        offset += max(1, wordAtOffset().utf8.count)
      }
      return .error(
        .malformedJSON, "malformed number", at: span(start, offset), label: "not a JSON number", help: help)
    }
    if peek(is: "-") { offset += 1 }
    let integerStart = offset
    let integerDigits = digits()
    guard integerDigits > 0 else { throw malformed("a number starts with a digit after '-', as in -0.5") }
    if integerDigits > 1, bytes[integerStart] == UInt8(ascii: "0") {
      let digits = String(decoding: bytes[integerStart..<offset], as: UTF8.self).drop { $0 == "0" }
      throw malformed("JSON numbers have no leading zeros: write \(digits.isEmpty ? "0" : digits)")
    }
    if peek(is: ".") {
      offset += 1
      guard digits() > 0 else { throw malformed("write a digit after the '.', as in 1.0") }
    }
    if peek(is: "e") || peek(is: "E") {
      offset += 1
      if peek(is: "+") || peek(is: "-") { offset += 1 }
      guard digits() > 0 else { throw malformed("write the exponent's digits, as in 1e-3") }
    }
    let text = String(decoding: bytes[start..<offset], as: UTF8.self)
    guard let value = Double(text), value.isFinite else {
      throw Diagnostic.error(
        .malformedJSON, "number out of range", at: span(start, offset), label: "too large",
        help: "numbers are double precision, at most about 1.8e308")
    }
    return value
  }

  // MARK: - Errors

  func error(_ message: String, at start: Int, length: Int, help: String? = nil) -> Diagnostic {
    .error(.malformedJSON, message, at: span(start, start + length), help: help)
  }

  func invalidUTF8() -> Diagnostic {
    let byte = offset < bytes.count ? bytes[offset] : 0
    let hex = String(byte, radix: 16, uppercase: true)
    return .error(
      .invalidUTF8, "invalid UTF-8 (byte 0x\(hex.count < 2 ? "0" : "")\(hex))", at: span(offset, offset + 1),
      label: "not UTF-8", help: "save the file as UTF-8")
  }

  /// "`expectation`, found X" for what is at the cursor, with a hint for the usual slips.
  /// `opened` is the container still open, pointed at when the file ends inside it.
  func unexpected(_ expectation: String, opened: Int? = nil, help: String? = nil) -> Diagnostic {
    guard offset < bytes.count else {
      var diagnostic = Diagnostic.error(
        .malformedJSON, "\(expectation), found the end of the file", at: span(offset, offset),
        help: opened.map {
          bytes[$0] == UInt8(ascii: "{") ? "close the object with '}'" : "close the array with ']'"
        }
          ?? help ?? "the file ends too early: was it cut short?")
      if let opened {
        diagnostic = diagnostic.with(secondary: DiagnosticLabel(span(opened, opened + 1), "opened here"))
      }
      return diagnostic
    }
    let byte = bytes[offset]
    if byte == 0 {
      return .error(.nulByte, "NUL byte", at: span(offset, offset + 1), label: "NUL", help: "remove it")
    }
    if byte >= 0x80 {
      guard let (scalar, length) = Lexer.decodeScalar(bytes, at: offset) else { return invalidUTF8() }
      return .error(
        .malformedJSON, "\(expectation), found \(Lexer.describe(scalar))", at: span(offset, offset + length),
        help: Lexer.typographicClosers[scalar] != nil || scalar == "\u{2019}"
          ? "use a straight double quote '\"' instead of a typographic one" : help)
    }
    let word = wordAtOffset()
    if !word.isEmpty, !(byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) {
      return .error(
        .malformedJSON, "\(expectation), found '\(word)'", at: span(offset, offset + word.utf8.count),
        help: help ?? wordHint(word))
    }
    let character = Character(Unicode.Scalar(byte))
    let shown = byte < 0x20 ? Lexer.describe(Unicode.Scalar(byte)) : "'\(character)'"
    return .error(
      .malformedJSON, "\(expectation), found \(shown)", at: span(offset, offset + 1),
      help: characterHint(byte) ?? help)
  }

  private func characterHint(_ byte: UInt8) -> String? {
    switch byte {
    case UInt8(ascii: "'"): "JSON strings and keys use double quotes: \"text\""
    case UInt8(ascii: "/"), UInt8(ascii: "#"): "JSON has no comments; remove it"
    default: nil
    }
  }

  private func wordHint(_ word: String) -> String {
    switch word {
    case "True", "TRUE", "False", "FALSE": "JSON writes booleans in lowercase: \(word.lowercased())"
    case "None", "NULL", "Null", "nil", "undefined":
      "leave the slot out instead: a slot not given is unknown"
    case "NaN", "Infinity", "-Infinity": "JSON has no \(word); leave the slot out"
    default: "put text in double quotes: \"\(word)\""
    }
  }
}
