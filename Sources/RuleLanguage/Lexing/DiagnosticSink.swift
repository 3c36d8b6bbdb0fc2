import RuleEngine

/// Collects diagnostics for one file and stops collecting after a limit, so that a binary
/// or badly broken file yields a readable report instead of a million lines.
public struct DiagnosticSink: Sendable {
  public static let defaultLimit = 50

  public private(set) var diagnostics: [Diagnostic] = []
  public let limit: Int
  public private(set) var isFull = false

  public init(limit: Int = DiagnosticSink.defaultLimit) {
    self.limit = limit
  }

  public var errorCount: Int { diagnostics.errorCount }

  public mutating func add(_ diagnostic: Diagnostic) {
    guard !isFull else { return }
    // The note of an earlier sink (the lexer's, added to the parser's) already ends this file.
    if diagnostic.code == .tooManyErrors {
      isFull = true
      diagnostics.append(diagnostic)
      return
    }
    if diagnostic.severity == .error, errorCount >= limit {
      isFull = true
      diagnostics.append(
        Diagnostic(
          .note, .tooManyErrors, "too many errors (\(limit)); stopped reporting in this file",
          at: diagnostic.primary, help: "fix the errors above and check again"))
      return
    }
    diagnostics.append(diagnostic)
  }

  public mutating func add(contentsOf other: [Diagnostic]) {
    for diagnostic in other { add(diagnostic) }
  }
}
