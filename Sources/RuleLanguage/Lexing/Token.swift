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
}

/// A `#` comment, kept beside the tokens so that the formatter can put it back.
public struct Comment: Sendable, Hashable {
  public let span: SourceSpan
  /// The text after `#`, without the line terminator.
  public let text: String
  /// True when the comment is alone on its line; false when it trails code.
  public let ownLine: Bool
}
