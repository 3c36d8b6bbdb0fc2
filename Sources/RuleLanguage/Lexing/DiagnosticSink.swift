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

  /// Applies the limit to the diagnostics of every pass at once (lexer, parser, checker),
  /// file by file, so that each file reports at most `limit` errors and one "too many
  /// errors" note, wherever its errors came from. Diagnostics with no file are kept. Pass
  /// them sorted by location: the first ones of each file are kept.
  public static func capPerFile(_ diagnostics: [Diagnostic], limit: Int = defaultLimit) -> [Diagnostic] {
    var sinks: [SourceFileID: DiagnosticSink] = [:]
    var kept: [Diagnostic] = []
    for diagnostic in diagnostics {
      guard let file = diagnostic.primary?.span.file else {
        kept.append(diagnostic)
        continue
      }
      let countBefore = sinks[file]?.diagnostics.count ?? 0
      sinks[file, default: DiagnosticSink(limit: limit)].add(diagnostic)
      // The sink keeps the diagnostic, replaces it with the note, or drops it.
      if let sink = sinks[file], sink.diagnostics.count > countBefore, let added = sink.diagnostics.last {
        kept.append(added)
      }
    }
    return kept
  }
}
