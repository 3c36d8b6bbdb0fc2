import RuleEngine

/// Turns the bytes of a rule or fact file into tokens and comments.
///
/// The lexer never stops at a bad byte: it reports it, skips it and goes on, so one pass
/// finds every lexical problem. A run of bad bytes is reported once. It works on UTF-8 bytes
/// directly; non-ASCII text is only valid inside strings and comments.
public struct Lexer {
  public struct Output: Sendable {
    public var tokens: [Token]
    public var comments: [Comment]
    public var diagnostics: [Diagnostic]
  }

  private let file: SourceFile
  private let bytes: [UInt8]
  private var position = 0
  private var tokens: [Token] = []
  private var comments: [Comment] = []
  private var diagnostics: DiagnosticSink
  private var lineHasToken = false
  /// For each set of closing quotes, where a search for one last failed (the end of that
  /// line): a later opening quote before it cannot succeed either, so a line full of
  /// unmatched quotes is scanned once, not once per quote.
  private var closerSearchFailedBefore: [[[UInt8]]: Int] = [:]

  public init(file: SourceFile, errorLimit: Int = DiagnosticSink.defaultLimit) {
    self.file = file
    self.bytes = file.bytes
    self.diagnostics = DiagnosticSink(limit: errorLimit)
  }

  public static func tokenize(_ file: SourceFile) -> Output {
    var lexer = Lexer(file: file)
    return lexer.run()
  }

  public mutating func run() -> Output {
    tokens.reserveCapacity(bytes.count / 4)
    skipByteOrderMark()
    while position < bytes.count {
      scanToken()
    }
    tokens.append(Token(kind: .endOfFile, start: bytes.count, end: bytes.count, startsLine: !lineHasToken))
    return Output(tokens: tokens, comments: comments, diagnostics: diagnostics.diagnostics)
  }

  // MARK: - Scanning

  private mutating func skipByteOrderMark() {
    if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
  }

  private mutating func scanToken() {
    let byte = bytes[position]
    let start = position
    switch byte {
    case UInt8(ascii: "\n"):
      position += 1
      lineHasToken = false
    case UInt8(ascii: "\r"):
      // A lone CR ends a line too (old Mac files); in CRLF the LF that follows does.
      position += 1
      if Lexer.isLineBreak(bytes, at: start) { lineHasToken = false }
    case UInt8(ascii: " "), UInt8(ascii: "\t"), 0x0C:
      position += 1
    case UInt8(ascii: "#"):
      scanComment()
    case UInt8(ascii: "\""):
      scanString()
    case UInt8(ascii: "?"):
      position += 1
      if position < bytes.count, Lexer.isIdentifierStart(bytes[position]) {
        scanNameRest()
        add(.variable, from: start, opening: 1)
      } else {
        scanVariableWithoutName(from: start)
      }
    case UInt8(ascii: "0")...UInt8(ascii: "9"):
      scanNumberOrWord()
    case _ where Lexer.isIdentifierStart(byte):
      scanNameRest()
      add(.identifier, from: start)
    case UInt8(ascii: "$") where position + 1 < bytes.count && Lexer.isIdentifierStart(bytes[position + 1]):
      scanDollarVariable()
    case UInt8(ascii: "'"):
      if !scanMisquotedString(openingLength: 1, closers: [[UInt8(ascii: "'")]]) { scanPunctuation(byte) }
    case 0:
      var end = position
      while end < bytes.count, bytes[end] == 0 { end += 1 }
      report(.nulByte, "NUL byte in a text file", start, end, label: "NUL", help: "is this a binary file?")
      position = end
    case 0x80...0xFF:
      scanNonASCII()
    default:
      scanPunctuation(byte)
    }
  }

  private mutating func scanPunctuation(_ byte: UInt8) {
    let start = position
    let next: UInt8 = position + 1 < bytes.count ? bytes[position + 1] : 0
    position += 1
    let kind: TokenKind
    switch byte {
    case UInt8(ascii: "("): kind = .leftParen
    case UInt8(ascii: ")"): kind = .rightParen
    case UInt8(ascii: "{"): kind = .leftBrace
    case UInt8(ascii: "}"): kind = .rightBrace
    case UInt8(ascii: "["): kind = .leftBracket
    case UInt8(ascii: "]"): kind = .rightBracket
    case UInt8(ascii: ","): kind = .comma
    case UInt8(ascii: ":"): kind = .colon
    case UInt8(ascii: ";"): kind = .semicolon
    case UInt8(ascii: "."): kind = .dot
    case UInt8(ascii: "&"): kind = .ampersand
    case UInt8(ascii: "|"): kind = .pipe
    case UInt8(ascii: "~"): kind = .tilde
    case UInt8(ascii: "+"): kind = .plus
    case UInt8(ascii: "-"): kind = .minus
    case UInt8(ascii: "*"): kind = .star
    case UInt8(ascii: "/"): kind = .slash
    case UInt8(ascii: "%"): kind = .percent
    case UInt8(ascii: "="):
      if next == UInt8(ascii: "=") { position += 1 }
      kind = .equal
    case UInt8(ascii: "!") where next == UInt8(ascii: "="):
      position += 1
      kind = .notEqual
    case UInt8(ascii: "<"):
      switch next {
      case UInt8(ascii: "="):
        position += 1
        kind = .lessEqual
      case UInt8(ascii: "-"):
        position += 1
        kind = .arrow
      default: kind = .less
      }
    case UInt8(ascii: ">"):
      if next == UInt8(ascii: "=") {
        position += 1
        kind = .greaterEqual
      } else {
        kind = .greater
      }
    default:
      // Collapse a run of characters that start no token into one diagnostic.
      while position < bytes.count, Lexer.isStray(bytes[position]) { position += 1 }
      report(
        .unexpectedCharacter, "unexpected \(Lexer.describe(Unicode.Scalar(byte)))", start, position,
        label: "not part of the language", help: Lexer.hint(forStray: byte))
      return
    }
    add(kind, from: start)
  }

  private mutating func scanComment() {
    let start = position
    let ownLine = !lineHasToken
    while position < bytes.count, !Lexer.isLineEnd(bytes[position]) { position += 1 }
    let end = position
    validateUTF8(start + 1, end)
    comments.append(
      Comment(
        span: span(start, end), text: String(decoding: bytes[(start + 1)..<end], as: UTF8.self),
        ownLine: ownLine))
  }

  /// Strings end on the same line: an unterminated string is reported where it starts
  /// instead of swallowing the rest of the file. Escapes are checked by the parser,
  /// which also reads `{?var}` interpolations.
  private mutating func scanString() {
    let start = position
    position += 1
    while position < bytes.count {
      switch bytes[position] {
      case UInt8(ascii: "\""):
        position += 1
        validateUTF8(start + 1, position - 1)
        add(.string, from: start, opening: 1, closing: 1)
        return
      case UInt8(ascii: "\\"):
        position += 1
        if position < bytes.count, !Lexer.isLineEnd(bytes[position]) { position += 1 }
      case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
        return unterminatedString(from: start)
      case 0:
        // A run of NULs is one problem; reporting each byte would bury the others.
        let nulStart = position
        while position < bytes.count, bytes[position] == 0 { position += 1 }
        let count = position - nulStart
        let message = count == 1 ? "NUL byte in a string" : "\(count) NUL bytes in a string"
        let help =
          "remove \(count == 1 ? "it" : "them"); NUL bytes come from a damaged file or pasted binary data"
        report(.nulByte, message, nulStart, position, label: "NUL", help: help)
      default:
        position += 1
      }
    }
    unterminatedString(from: start)
  }

  /// Reports a string with no closing quote on its line, then keeps it as a string token up to
  /// the end of the line: the parser goes on as if it were closed instead of stumbling over
  /// its words.
  private mutating func unterminatedString(from start: Int) {
    let end = position
    validateUTF8(start + 1, end)
    report(
      .unterminatedString, "unterminated string", start, start + 1, label: "string starts here",
      help: "close the string with '\"' on the same line; join long text as \"part one \" \"part two\"")
    tokens.append(
      Token(kind: .string, start: start, end: end, startsLine: !lineHasToken, openingLength: 1))
    lineHasToken = true
  }

  private mutating func scanNumberOrWord() {
    let start = position
    while position < bytes.count, Lexer.isDigit(bytes[position]) { position += 1 }
    if position + 1 < bytes.count, bytes[position] == UInt8(ascii: "."), Lexer.isDigit(bytes[position + 1]) {
      position += 1
      while position < bytes.count, Lexer.isDigit(bytes[position]) { position += 1 }
    }
    if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
      var look = position + 1
      if look < bytes.count, bytes[look] == UInt8(ascii: "+") || bytes[look] == UInt8(ascii: "-") {
        look += 1
      }
      if look < bytes.count, Lexer.isDigit(bytes[look]) {
        position = look
        while position < bytes.count, Lexer.isDigit(bytes[position]) { position += 1 }
      }
    }
    // A digit run glued to letters is a word such as `2j` or `3x3` (symbols of the benchmarks).
    if position < bytes.count, Lexer.isIdentifierContinue(bytes[position]),
      bytes[position] != UInt8(ascii: "-")
    {
      while position < bytes.count, Lexer.isIdentifierContinue(bytes[position]) { position += 1 }
      add(.identifier, from: start)
      return
    }
    add(.number, from: start)
  }

  private mutating func scanNonASCII() {
    let start = position
    guard let (scalar, length) = Lexer.decodeScalar(bytes, at: position) else {
      var end = position + 1
      while end < bytes.count, bytes[end] >= 0x80, Lexer.decodeScalar(bytes, at: end) == nil { end += 1 }
      reportInvalidUTF8(start, end)
      position = end
      return
    }
    if let closers = Lexer.typographicClosers[scalar],
      scanMisquotedString(openingLength: length, closers: closers.map { Array(String($0).utf8) })
    {
      return
    }
    position += length
    // A run is reported once. Spaces and invisible characters are then skipped like a plain
    // space, so the words around them still read as they look.
    let isBlank = Lexer.isBlank(scalar)
    while position < bytes.count, bytes[position] >= 0x80,
      let (next, more) = Lexer.decodeScalar(bytes, at: position), Lexer.isBlank(next) == isBlank
    {
      position += more
    }
    report(
      .unexpectedCharacter, "unexpected \(Lexer.describe(scalar))", start, position,
      label: Lexer.isInvisible(scalar)
        ? "invisible" : isBlank ? "looks like a space but is not one" : "not part of the language",
      help: Lexer.hint(forScalar: scalar))
  }

  /// Advances over the rest of a name. An invisible character inside it (a zero-width space
  /// pasted from a web page) is reported and stepped over, so `sup\u{200B}port` stays the one
  /// name it looks like; the parser leaves the character out of the name's text.
  private mutating func scanNameRest() {
    while position < bytes.count {
      if Lexer.isIdentifierContinue(bytes[position]) {
        position += 1
        continue
      }
      guard bytes[position] >= 0x80, let (scalar, length) = Lexer.decodeScalar(bytes, at: position),
        Lexer.isInvisible(scalar), position + length < bytes.count,
        Lexer.isIdentifierContinue(bytes[position + length])
      else { return }
      report(
        .unexpectedCharacter, "unexpected \(Lexer.describe(scalar)) inside a name", position,
        position + length, label: "invisible", help: Lexer.hint(forScalar: scalar))
      position += length
    }
  }

  /// A `?` not directly followed by a name. `? who` (a space crept in) is reported and read as
  /// `?who`; a `?` with no name at all stays a variable with no name, which the parser reads
  /// as the wildcard `?_`. Either way the parser does not trip over a gap.
  private mutating func scanVariableWithoutName(from start: Int) {
    var nameStart = position
    while nameStart < bytes.count,
      bytes[nameStart] == UInt8(ascii: " ") || bytes[nameStart] == UInt8(ascii: "\t")
    {
      nameStart += 1
    }
    let spaced =
      nameStart > position && nameStart - start <= Int(UInt8.max) && nameStart < bytes.count
      && Lexer.isIdentifierStart(bytes[nameStart])
    var help = "variables are written '?name', for example '?who'"
    if spaced {
      position = nameStart
      scanNameRest()
      help = "remove the space: '?\(String(decoding: bytes[nameStart..<position], as: UTF8.self))'"
    }
    report(
      .missingVariableName, "expected a variable name after '?'", start, start + 1,
      label: "variable name missing", help: help)
    add(.variable, from: start, opening: spaced ? UInt8(nameStart - start) : 1)
  }

  /// `$who`: reported, then read as the variable `?who` that was meant, so that the pattern
  /// still binds it.
  private mutating func scanDollarVariable() {
    let start = position
    position += 1
    scanNameRest()
    let name = String(decoding: bytes[(start + 1)..<position], as: UTF8.self)
    report(
      .unexpectedCharacter, "unexpected character '$'", start, start + 1, label: "not part of the language",
      help: "variables start with '?': write '?\(name)'")
    add(.variable, from: start, opening: 1)
  }

  /// A string in single or typographic quotes (`'NPS'`, `“Harbor”`): reported once, then read
  /// as the string that was meant, so that its words are not taken for names. Returns false,
  /// consuming nothing, when no closing quote follows on the same line.
  private mutating func scanMisquotedString(openingLength: Int, closers: [[UInt8]]) -> Bool {
    let start = position
    if let failedBefore = closerSearchFailedBefore[closers], start < failedBefore { return false }
    var end = start + openingLength
    while end < bytes.count, !Lexer.isLineEnd(bytes[end]) {
      if let closer = closers.first(where: { bytes[end...].starts(with: $0) }) {
        let content = String(decoding: bytes[(start + openingLength)..<end], as: UTF8.self)
        let typographic = openingLength > 1
        let shown = content.count <= 40 ? content : "…"
        report(
          .unexpectedCharacter, "a string in \(typographic ? "typographic" : "single") quotes", start,
          start + openingLength, label: typographic ? "typographic quote" : "single quote",
          help: "strings use straight double quotes: \"\(shown)\"")
        validateUTF8(start + openingLength, end)
        position = end + closer.count
        add(.string, from: start, opening: UInt8(openingLength), closing: UInt8(closer.count))
        return true
      }
      end += 1
    }
    closerSearchFailedBefore[closers] = end
    return false
  }

  private mutating func validateUTF8(_ start: Int, _ end: Int) {
    var index = start
    while index < end {
      if bytes[index] < 0x80 {
        index += 1
      } else if let (_, length) = Lexer.decodeScalar(bytes, at: index), index + length <= end {
        index += length
      } else {
        var stop = index + 1
        while stop < end, bytes[stop] >= 0x80, Lexer.decodeScalar(bytes, at: stop) == nil { stop += 1 }
        reportInvalidUTF8(index, stop)
        index = stop
      }
    }
  }

  private mutating func reportInvalidUTF8(_ start: Int, _ end: Int) {
    let shown = bytes[start..<min(end, start + 4)].map { "0x" + String($0, radix: 16, uppercase: true) }
    report(
      .invalidUTF8, "invalid UTF-8 (byte \(shown.joined(separator: " ")))", start, end,
      label: "not UTF-8", help: "save the file as UTF-8")
  }

  // MARK: - Helpers

  private mutating func add(_ kind: TokenKind, from start: Int, opening: UInt8 = 0, closing: UInt8 = 0) {
    tokens.append(
      Token(
        kind: kind, start: start, end: position, startsLine: !lineHasToken, openingLength: opening,
        closingLength: closing))
    lineHasToken = true
  }

  private func span(_ start: Int, _ end: Int) -> SourceSpan {
    SourceSpan(file: file.id, start: start, end: end)
  }

  private mutating func report(
    _ code: DiagnosticCode, _ message: String, _ start: Int, _ end: Int, label: String, help: String? = nil
  ) {
    diagnostics.add(.error(code, message, at: span(start, end), label: label, help: help))
  }

  static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

  /// LF or CR: either ends a comment or a string.
  static func isLineEnd(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") }

  /// True when the byte at `index` ends a line: an LF, or a CR not followed by an LF (so that
  /// CRLF counts once). The same rule as ``SourceFile``'s line table.
  static func isLineBreak(_ bytes: [UInt8], at index: Int) -> Bool {
    switch bytes[index] {
    case UInt8(ascii: "\n"): true
    case UInt8(ascii: "\r"): index + 1 >= bytes.count || bytes[index + 1] != UInt8(ascii: "\n")
    default: false
    }
  }

  static func isIdentifierStart(_ byte: UInt8) -> Bool {
    (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte == UInt8(ascii: "_")
  }

  static func isIdentifierContinue(_ byte: UInt8) -> Bool {
    isIdentifierStart(byte) || isDigit(byte) || byte == UInt8(ascii: "-")
  }

  /// ASCII bytes that start no token, other than the ones with their own diagnostics.
  private static func isStray(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "@"), UInt8(ascii: "^"), UInt8(ascii: "`"),
      UInt8(ascii: "'"), UInt8(ascii: "\\"), 0x01...0x08, 0x0B, 0x0E...0x1F, 0x7F:
      true
    default: false
    }
  }

  /// Decodes one UTF-8 scalar, rejecting overlong forms, surrogates and truncated sequences.
  static func decodeScalar(_ bytes: [UInt8], at index: Int) -> (Unicode.Scalar, Int)? {
    let first = bytes[index]
    let length: Int
    var value: UInt32
    switch first {
    case 0x00...0x7F: return Unicode.Scalar(UInt32(first)).map { ($0, 1) }
    case 0xC2...0xDF:
      length = 2
      value = UInt32(first & 0x1F)
    case 0xE0...0xEF:
      length = 3
      value = UInt32(first & 0x0F)
    case 0xF0...0xF4:
      length = 4
      value = UInt32(first & 0x07)
    default: return nil
    }
    guard index + length <= bytes.count else { return nil }
    for offset in 1..<length {
      let byte = bytes[index + offset]
      guard byte & 0xC0 == 0x80 else { return nil }
      value = value << 6 | UInt32(byte & 0x3F)
    }
    let minimum: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
    guard value >= minimum, let scalar = Unicode.Scalar(value) else { return nil }
    return (scalar, length)
  }
}
