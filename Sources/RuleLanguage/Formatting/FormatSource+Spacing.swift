import RuleEngine

/// Canonical spacing between the tokens of one construct: one space, except where the
/// language reads tokens together (`kind(`, `slot:`, `-3`, `template.slot`).
extension FormatSource {
  /// Words whose meaning can depend on a space before `(`: in a `when` block, `not (` is the
  /// keyword and `not(` a pattern on a template named `not`. Their spacing is kept as written.
  private static let spacingSensitiveWords: Set<String> = [
    "not", "exists", "either", "or", "count", "test", "and", "if", "else", "where", "as", "distinct",
    "certainty", "suspect", "print", "write", "let", "assert", "derive", "retract", "modify", "halt",
    "expect", "unassessed", "salience", "source", "title", "summary", "remedy", "true", "false",
  ]

  /// The tokens at `indices` on one line; adjacent pieces of a string are joined by a space.
  func joined(_ indices: Range<Int>) -> String {
    joinedLines(indices, continuationIndent: nil)[0]
  }

  /// The tokens at `indices`, on one line, except that with a `continuationIndent` each piece
  /// of a string after the first starts a line of its own (outside parentheses), indented so:
  /// the layout long texts are written in.
  func joinedLines(_ indices: Range<Int>, continuationIndent: Int?) -> [String] {
    var lines: [String] = []
    var line = ""
    var previous: Token?
    var parenthesisDepth = 0
    for index in indices {
      let token = tokens[index]
      // A ',' before ')' is allowed and means nothing: the canonical list has none.
      if token.kind == .comma, index + 1 < indices.upperBound, tokens[index + 1].kind == .rightParen {
        continue
      }
      if let previous {
        if let continuationIndent, parenthesisDepth == 0, previous.kind == .string, token.kind == .string {
          lines.append(line)
          line = String(repeating: " ", count: continuationIndent)
        } else if needsSpace(between: previous, and: token) {
          line += " "
        }
      }
      line += spelling(token)
      switch token.kind {
      case .leftParen: parenthesisDepth += 1
      case .rightParen: parenthesisDepth -= 1
      default: break
      }
      previous = token
    }
    lines.append(line)
    return lines
  }

  /// How a token is written: as in the source, except `==`, which is written `=`.
  private func spelling(_ token: Token) -> String {
    token.kind == .equal ? "=" : text(token)
  }

  private func needsSpace(between left: Token, and right: Token) -> Bool {
    switch right.kind {
    case .rightParen, .comma, .colon, .semicolon, .dot: return false
    case .leftParen:
      switch left.kind {
      case .identifier:
        return Self.spacingSensitiveWords.contains(text(left)) && !touching(left, right)
      case .variable, .leftParen: return false
      case .minus: return !prefixMinusOffsets.contains(left.start)
      default: return true
      }
    default: break
    }
    switch left.kind {
    case .leftParen, .dot: return false
    case .minus: return !prefixMinusOffsets.contains(left.start)
    default: return true
    }
  }
}
