import RuleEngine

/// A JSON value as read from a file, with the span of its text so that every problem with a
/// JSON case can be reported at its `file:line:column`, as for a `.facts` file.
public struct JSONSyntax: Sendable, Hashable {
  public enum Value: Sendable, Hashable {
    case object([JSONMember])
    case array([JSONSyntax])
    /// The decoded text; `escaped` when the source held a `\` escape, so that the decoded
    /// characters no longer line up with the source bytes.
    case string(String, escaped: Bool)
    case number(Double)
    case boolean(Bool)
    case null
  }

  public let value: Value
  /// From the first byte of the value to one past its last (quotes and brackets included).
  public let span: SourceSpan

  /// What the value is, in words, for messages: "an object", "the string \"x\"".
  public var description: String {
    switch value {
    case .object: "an object"
    case .array: "an array"
    case .string(let text, _): "the string \"\(text)\""
    case .number: "a number"
    case .boolean(let flag): "'\(flag)'"
    case .null: "'null'"
    }
  }

  /// The span of a string's characters without its quotes, when it holds no escape (so that
  /// a caret can sit under a name); otherwise the whole string.
  public var innerSpan: SourceSpan {
    guard case .string(_, escaped: false) = value, span.length >= 2 else { return span }
    return SourceSpan(file: span.file, start: span.start + 1, end: span.end - 1)
  }
}

/// `"key": value` in a JSON object; keys keep their order and duplicates, so the reader can
/// report a key given twice.
public struct JSONMember: Sendable, Hashable {
  public let key: String
  /// The key's string, quotes included.
  public let keySyntax: JSONSyntax
  public let value: JSONSyntax
}
