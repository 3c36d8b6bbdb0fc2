import RuleEngine

/// What a ``Token`` is. Keywords are not token kinds: words such as `rule` or `not` are
/// identifiers that the parser recognises by position, so they stay usable as slot names.
public enum TokenKind: UInt8, Sendable, Hashable {
  case identifier
  case variable
  case string
  case number
  case leftParen
  case rightParen
  case leftBrace
  case rightBrace
  case leftBracket
  case rightBracket
  case comma
  case colon
  case semicolon
  case dot
  case ampersand
  case pipe
  case tilde
  case equal
  case notEqual
  case less
  case lessEqual
  case greater
  case greaterEqual
  case plus
  case minus
  case star
  case slash
  case percent
  case arrow
  case endOfFile

  /// How the token kind reads in an error message.
  public var displayName: String {
    switch self {
    case .identifier: "a name"
    case .variable: "a variable"
    case .string: "a string"
    case .number: "a number"
    case .leftParen: "'('"
    case .rightParen: "')'"
    case .leftBrace: "'{'"
    case .rightBrace: "'}'"
    case .leftBracket: "'['"
    case .rightBracket: "']'"
    case .comma: "','"
    case .colon: "':'"
    case .semicolon: "';'"
    case .dot: "'.'"
    case .ampersand: "'&'"
    case .pipe: "'|'"
    case .tilde: "'~'"
    case .equal: "'='"
    case .notEqual: "'!='"
    case .less: "'<'"
    case .lessEqual: "'<='"
    case .greater: "'>'"
    case .greaterEqual: "'>='"
    case .plus: "'+'"
    case .minus: "'-'"
    case .star: "'*'"
    case .slash: "'/'"
    case .percent: "'%'"
    case .arrow: "'<-'"
    case .endOfFile: "end of file"
    }
  }
}

/// One lexical token: a kind and the bytes it covers.
public struct Token: Sendable, Hashable {
  public let kind: TokenKind
  public let start: Int
  public let end: Int
  /// True when no other token precedes this one on its line; the parser uses it to resynchronise.
  public let startsLine: Bool
  /// How many bytes at the start are a delimiter rather than content: the quote that opens a
  /// string (three for a typographic one), the `?` of a variable.
  public let openingLength: UInt8
  /// How many bytes at the end are a delimiter: the closing quote of a string, or 0 for a
  /// string the lexer found unterminated and reported.
  public let closingLength: UInt8

  public init(
    kind: TokenKind, start: Int, end: Int, startsLine: Bool, openingLength: UInt8 = 0,
    closingLength: UInt8 = 0
  ) {
    self.kind = kind
    self.start = start
    self.end = end
    self.startsLine = startsLine
    self.openingLength = openingLength
    self.closingLength = closingLength
  }

  /// The bytes between the delimiters: a string's text before escapes are decoded, a
  /// variable's name.
  public var content: Range<Int> {
    let contentStart = min(end, start + Int(openingLength))
    return contentStart..<max(contentStart, end - Int(closingLength))
  }

  /// A string that ran to the end of its line; the lexer has reported it, and what the parser
  /// expected next was probably swallowed by it.
  public var isUnterminatedString: Bool { kind == .string && closingLength == 0 }
}

/// A `#` comment, kept beside the tokens so that the formatter can put it back.
public struct Comment: Sendable, Hashable {
  public let span: SourceSpan
  /// The text after `#`, without the line terminator.
  public let text: String
  /// True when the comment is alone on its line; false when it trails code.
  public let ownLine: Bool
}
