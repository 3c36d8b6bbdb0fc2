import RuleEngine

/// The text being formatted, as the formatter reads it: the tokens (which keep every number,
/// string piece and parenthesis exactly as written), the comments, and lookups by offset.
struct FormatSource {
  let file: SourceFile
  /// Every token but the end-of-file marker, in order.
  let tokens: [Token]
  let comments: [Comment]
  /// Where each prefix minus starts (`-3`, `-?x`); every other `-` is a binary operator.
  var prefixMinusOffsets: Set<Int> = []

  init(file: SourceFile, lexed: Lexer.Output) {
    self.file = file
    self.tokens = lexed.tokens.filter { $0.kind != .endOfFile }
    self.comments = lexed.comments
  }

  // MARK: - Tokens

  func text(_ token: Token) -> String { String(decoding: file.bytes[token.start..<token.end], as: UTF8.self) }

  /// The index of the first token that starts at or after `offset`.
  func firstToken(atOrAfter offset: Int) -> Int {
    var low = 0
    var high = tokens.count
    while low < high {
      let middle = (low + high) / 2
      if tokens[middle].start < offset { low = middle + 1 } else { high = middle }
    }
    return low
  }

  /// The indices of the tokens inside `span`.
  func tokenRange(_ span: SourceSpan) -> Range<Int> {
    let first = firstToken(atOrAfter: span.start)
    let end = firstToken(atOrAfter: span.end)
    return first..<max(first, end)
  }

  /// The index of the first token of `kind` at or after `offset`, before `limit`.
  func firstToken(_ kind: TokenKind, atOrAfter offset: Int, before limit: Int) -> Int? {
    var index = firstToken(atOrAfter: offset)
    while index < tokens.count, tokens[index].start < limit {
      if tokens[index].kind == kind { return index }
      index += 1
    }
    return nil
  }

  /// The index of the last token of `kind` that ends at or before `offset`, at or after `floor`.
  func lastToken(_ kind: TokenKind, endingBy offset: Int, from floor: Int) -> Int? {
    var index = firstToken(atOrAfter: offset) - 1
    while index >= 0, tokens[index].start >= floor {
      if tokens[index].kind == kind, tokens[index].end <= offset { return index }
      index -= 1
    }
    return nil
  }

  /// True when nothing separates two tokens in the source.
  func touching(_ left: Token, _ right: Token) -> Bool { left.end == right.start }

  // MARK: - Comments

  /// The comments that start inside `range`, in order.
  func comments(in range: Range<Int>) -> [Comment] {
    var low = 0
    var high = comments.count
    while low < high {
      let middle = (low + high) / 2
      if comments[middle].span.start < range.lowerBound { low = middle + 1 } else { high = middle }
    }
    var found: [Comment] = []
    while low < comments.count, comments[low].span.start < range.upperBound {
      found.append(comments[low])
      low += 1
    }
    return found
  }

  func hasComment(in span: SourceSpan) -> Bool { !comments(in: span.start..<span.end).isEmpty }

  // MARK: - Layout of the source

  /// True when a blank line lies between two offsets: two or more line breaks, since only
  /// white space and separators lie between the elements this is asked about.
  func hasBlankLine(from start: Int, to end: Int) -> Bool {
    var breaks = 0
    var offset = start
    let bytes = file.bytes
    while offset < min(end, bytes.count) {
      let byte = bytes[offset]
      if byte == UInt8(ascii: "\n") {
        breaks += 1
      } else if byte == UInt8(ascii: "\r"),
        offset + 1 >= bytes.count || bytes[offset + 1] != UInt8(ascii: "\n")
      {
        breaks += 1
      }
      if breaks >= 2 { return true }
      offset += 1
    }
    return false
  }

  /// The source text of `span`, line by line, without trailing white space: the layout kept
  /// for a construct whose comments the formatter cannot place.
  func verbatimLines(_ span: SourceSpan) -> [String] {
    var lines: [String] = []
    var current: [UInt8] = []
    var offset = span.start
    let bytes = file.bytes
    func finish() {
      while let last = current.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") {
        current.removeLast()
      }
      lines.append(String(decoding: current, as: UTF8.self))
      current.removeAll()
    }
    while offset < min(span.end, bytes.count) {
      let byte = bytes[offset]
      if byte == UInt8(ascii: "\n") {
        finish()
      } else if byte == UInt8(ascii: "\r") {
        if offset + 1 >= bytes.count || bytes[offset + 1] != UInt8(ascii: "\n") { finish() }
      } else {
        current.append(byte)
      }
      offset += 1
    }
    finish()
    return lines
  }
}
