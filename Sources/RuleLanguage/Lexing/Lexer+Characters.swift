/// How the lexer names and explains characters that are not part of the language.
extension Lexer {
  /// Opening typographic quotes, with the quotes that may close a string they open. Text
  /// pasted from a word processor uses them for strings.
  static let typographicClosers: [Unicode.Scalar: [Unicode.Scalar]] = [
    "\u{201C}": ["\u{201D}", "\u{201C}"],  // “…” and “…“
    "\u{201E}": ["\u{201C}", "\u{201D}"],  // „…“ and „…”
    "\u{201D}": ["\u{201D}"],  // ”…”
    "\u{2018}": ["\u{2019}"],  // ‘…’
    "\u{00AB}": ["\u{00BB}"],  // «…»
  ]

  /// Characters that show as nothing at all: zero-width spaces and joiners, the word joiner,
  /// a byte order mark inside the text, the soft hyphen.
  static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x200B...0x200D, 0x2060, 0xFEFF, 0x00AD: true
    default: false
    }
  }

  /// Characters that look like a space or like nothing; the lexer reports them and then
  /// treats them as a space.
  static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
    isInvisible(scalar) || scalar.properties.isWhitespace
  }

  /// How a character reads after "unexpected …". Printable characters are shown as
  /// themselves; the others, which would be invisible or garbled in a terminal, by code point
  /// and Unicode name, as in `character U+00A0 (no-break space)`.
  static func describe(_ scalar: Unicode.Scalar) -> String {
    if scalar == "'" { return "single quote (')" }
    switch scalar.properties.generalCategory {
    case .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator, .privateUse, .surrogate,
      .unassigned, .nonspacingMark, .spacingMark, .enclosingMark:
      let hex = String(scalar.value, radix: 16, uppercase: true)
      let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
      if let name = scalar.properties.name ?? scalar.properties.nameAlias {
        return "character \(code) (\(name.lowercased()))"
      }
      return scalar.properties.generalCategory == .control
        ? "character \(code) (a control character)" : "character \(code)"
    default:
      return "character '\(Character(scalar))'"
    }
  }

  static func hint(forStray byte: UInt8) -> String? {
    switch byte {
    case UInt8(ascii: "'"): "strings use double quotes: \"text\""
    case UInt8(ascii: "!"): "write '!=' for 'not equal', or 'not' before a pattern"
    case UInt8(ascii: "$"): "variables start with '?', as in '?who'"
    default: nil
    }
  }

  static func hint(forScalar scalar: Unicode.Scalar) -> String? {
    switch scalar {
    case "\u{201C}", "\u{201D}", "\u{201E}": "use a straight double quote '\"' instead of a typographic one"
    case "\u{2018}", "\u{2019}": "use a straight double quote '\"' for strings"
    case "\u{2013}", "\u{2014}": "use a plain '-'"
    case "\u{2260}": "write '!='"
    case "\u{2264}": "write '<='"
    case "\u{2265}": "write '>='"
    case _ where isInvisible(scalar):
      "an invisible character, often pasted from a web page or a word processor; delete it"
    case _ where scalar.properties.isWhitespace: "use a plain space"
    default: "names and keywords are ASCII; put other text inside a string"
    }
  }
}
