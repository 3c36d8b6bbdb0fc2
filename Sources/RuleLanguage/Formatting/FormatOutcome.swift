import RuleEngine

/// What formatting one file gives.
public enum FormatOutcome: Sendable {
  /// The file in canonical layout (it may equal the input).
  case formatted(String)
  /// The file has syntax errors; it was not formatted, so that no text is lost or moved.
  case notParsed([Diagnostic])
  /// The formatted text would not read back as the same syntax tree and comments. This is a
  /// formatter bug; the file is reported and left alone rather than changed in meaning.
  case unsafe(String)
}
