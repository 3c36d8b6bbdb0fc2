import RuleEngine

/// Reads JSON (RFC 8259) from a source file's bytes into ``JSONSyntax`` with the span of every
/// value, which Foundation's reader does not keep.
///
/// JSON has no good recovery point, so the first error ends the read: one precise diagnostic
/// (E0109, or E0104 for bytes that are not UTF-8, E0105 for a NUL byte, E0204 for nesting past
/// ``maximumNesting``) with the expectation, a caret and a hint for the usual slips (a comma
/// after the last item, single quotes, comments, unquoted keys). Nesting is bounded, so no
/// input can exhaust the stack.
public struct JSONParser: Sendable {
  /// Containers (objects and arrays) nested deeper than this are refused. A JSON case needs
  /// four levels; the limit matches the rule language's (``Parser/maximumNesting``).
  public static let maximumNesting = 64

  let file: SourceFile
  let bytes: [UInt8]
  var offset: Int

  init(file: SourceFile) {
    self.file = file
    self.bytes = file.bytes
    self.offset = file.byteOrderMarkLength
  }

  /// The one JSON value the file holds, or the first problem found.
  public static func parse(_ file: SourceFile) -> Result<JSONSyntax, Diagnostic> {
    var parser = JSONParser(file: file)
    do throws(Diagnostic) {
      parser.skipWhitespace()
      guard parser.offset < parser.bytes.count else {
        throw parser.error(
          "expected a JSON object, found an empty file", at: parser.offset, length: 0,
          help: "a JSON case is an object: {\"format\": \"cxdx.facts/1\", \"facts\": [...]}")
      }
      let value = try parser.parseValue(depth: 1)
      parser.skipWhitespace()
      if parser.offset < parser.bytes.count {
        throw parser.unexpected(
          "expected the end of the file after the JSON value",
          help: "a JSON case holds one object; remove the rest")
      }
      return .success(value)
    } catch {
      return .failure(error)
    }
  }

  // MARK: - Values

  private mutating func parseValue(depth: Int) throws(Diagnostic) -> JSONSyntax {
    guard offset < bytes.count else { throw unexpected("expected a value") }
    let start = offset
    switch bytes[offset] {
    case UInt8(ascii: "{"), UInt8(ascii: "["):
      guard depth <= Self.maximumNesting else {
        throw Diagnostic.error(
          .nestingTooDeep, "JSON nested deeper than \(Self.maximumNesting) levels",
          at: span(start, start + 1),
          label: "too deep", help: "a JSON case needs four levels: the case, 'facts', a fact, its 'slots'")
      }
      return bytes[offset] == UInt8(ascii: "{")
        ? try parseObject(depth: depth) : try parseArray(depth: depth)
    case UInt8(ascii: "\""):
      let (text, escaped) = try parseString()
      return JSONSyntax(value: .string(text, escaped: escaped), span: span(start, offset))
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      return JSONSyntax(value: .number(try parseNumber()), span: span(start, offset))
    default:
      let word = wordAtOffset()
      switch word {
      case "true", "false":
        offset += word.utf8.count
        return JSONSyntax(value: .boolean(word == "true"), span: span(start, offset))
      case "null":
        offset += 4
        return JSONSyntax(value: .null, span: span(start, offset))
      default:
        throw unexpected("expected a value")
      }
    }
  }

  private mutating func parseObject(depth: Int) throws(Diagnostic) -> JSONSyntax {
    let open = offset
    offset += 1
    var members: [JSONMember] = []
    skipWhitespace()
    if peek(is: "}") {
      offset += 1
      return JSONSyntax(value: .object([]), span: span(open, offset))
    }
    while true {
      skipWhitespace()
      guard peek(is: "\"") else {
        if peek(is: "}"), !members.isEmpty {
          throw error(
            "expected a key after ',', found '}'", at: offset, length: 1,
            help: "remove the ',' before '}': JSON allows no comma after the last member")
        }
        throw unexpected(
          "expected a key in double quotes", opened: open,
          help: wordAtOffset().isEmpty ? nil : "put the key in double quotes: \"\(wordAtOffset())\"")
      }
      let keyStart = offset
      let (key, escaped) = try parseString()
      let keySyntax = JSONSyntax(value: .string(key, escaped: escaped), span: span(keyStart, offset))
      skipWhitespace()
      guard peek(is: ":") else {
        throw unexpected("expected ':' after the key \"\(key)\"", help: "write \"\(key)\": value")
      }
      offset += 1
      skipWhitespace()
      let value = try parseValue(depth: depth + 1)
      members.append(JSONMember(key: key, keySyntax: keySyntax, value: value))
      skipWhitespace()
      if peek(is: ",") {
        offset += 1
        continue
      }
      if peek(is: "}") {
        offset += 1
        return JSONSyntax(value: .object(members), span: span(open, offset))
      }
      throw unexpected(
        "expected ',' or '}' after the value of \"\(key)\"", opened: open,
        help: peek(is: "\"") ? "separate members with ','" : "close the object with '}'")
    }
  }

  private mutating func parseArray(depth: Int) throws(Diagnostic) -> JSONSyntax {
    let open = offset
    offset += 1
    var elements: [JSONSyntax] = []
    skipWhitespace()
    if peek(is: "]") {
      offset += 1
      return JSONSyntax(value: .array([]), span: span(open, offset))
    }
    while true {
      skipWhitespace()
      if peek(is: "]"), !elements.isEmpty {
        throw error(
          "expected a value after ',', found ']'", at: offset, length: 1,
          help: "remove the ',' before ']': JSON allows no comma after the last item")
      }
      elements.append(try parseValue(depth: depth + 1))
      skipWhitespace()
      if peek(is: ",") {
        offset += 1
        continue
      }
      if peek(is: "]") {
        offset += 1
        return JSONSyntax(value: .array(elements), span: span(open, offset))
      }
      throw unexpected(
        "expected ',' or ']' after an item", opened: open,
        help: peek(is: "{") || peek(is: "\"") ? "separate items with ','" : "close the array with ']'")
    }
  }

  // MARK: - Cursor

  func peek(is character: Unicode.Scalar) -> Bool {
    offset < bytes.count && bytes[offset] == UInt8(ascii: character)
  }

  mutating func skipWhitespace() {
    while offset < bytes.count {
      switch bytes[offset] {
      case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): offset += 1
      default: return
      }
    }
  }

  /// The letters, digits, `-` and `_` at the cursor: a bare word where a value was expected.
  func wordAtOffset() -> String {
    var end = offset
    while end < bytes.count, end - offset < 40 {
      let byte = bytes[end]
      let isWordByte =
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
        || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
        || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
        || byte == UInt8(ascii: "-")
      guard isWordByte else { break }
      end += 1
    }
    return String(decoding: bytes[offset..<end], as: UTF8.self)
  }

  func span(_ start: Int, _ end: Int) -> SourceSpan {
    SourceSpan(file: file.id, start: min(start, bytes.count), end: min(end, bytes.count))
  }
}
