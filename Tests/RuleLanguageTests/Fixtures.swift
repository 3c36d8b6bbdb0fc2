import Foundation
import RuleEngine

@testable import RuleLanguage

/// Paths of the repository and test fixtures, found from this file's location so that
/// tests do not depend on the working directory.
enum Fixtures {
  static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  static let folder = testsFolder.appendingPathComponent("Fixtures")
  static let repository = testsFolder.deletingLastPathComponent().deletingLastPathComponent()

  /// A file's bytes, read as cxdx reads them (Foundation's `Data(contentsOf:)` leaks a 4 KiB
  /// buffer per empty file, which LeakSanitizer reports).
  static func bytes(_ url: URL) -> [UInt8] {
    (try? FileReader().read(url.path).get()) ?? []
  }

  /// Whether golden files are being re-recorded (`CXDX_RECORD_GOLDEN=1`).
  static var recording: Bool { ProcessInfo.processInfo.environment["CXDX_RECORD_GOLDEN"] == "1" }

  /// Parses and checks `text` as a rule file together with the fixture vocabulary; returns
  /// the sources and the diagnostics of the given file only, sorted and capped per file as
  /// ``RuleBaseLoader`` does.
  static func checkRules(_ text: String, path: String = "test.rules") -> (SourceFiles, [Diagnostic]) {
    check(bytes: Array(text.utf8), path: path)
  }

  static func check(bytes: [UInt8], path: String) -> (SourceFiles, [Diagnostic]) {
    var sources = SourceFiles()
    let vocabularyFile = sources.add(
      path: "vocabulary.rules", bytes: Fixtures.bytes(folder.appendingPathComponent("vocabulary.rules")))
    let (vocabularySyntax, _) = Parser.parseRules(vocabularyFile)
    let file = sources.add(path: path, bytes: bytes)
    if path.hasSuffix(".facts") || path.hasSuffix(".json") {
      let (vocabulary, _) = Checker.check(ruleFiles: [vocabularySyntax])
      let (syntax, parseDiagnostics) =
        path.hasSuffix(".json") ? JSONCaseReader.read(file, vocabulary: vocabulary) : Parser.parseFacts(file)
      // Sorted as `cxdx check` prints them, so the goldens show what a user sees.
      let checkDiagnostics = Checker.check(factFile: syntax, vocabulary: vocabulary)
      return (sources, DiagnosticSink.capPerFile((parseDiagnostics + checkDiagnostics).sortedByLocation()))
    }
    let (syntax, parseDiagnostics) = Parser.parseRules(file)
    let (_, checkDiagnostics) = Checker.check(ruleFiles: [vocabularySyntax, syntax])
    let own = checkDiagnostics.filter { $0.primary?.span.file == file.id }
    return (sources, DiagnosticSink.capPerFile((parseDiagnostics + own).sortedByLocation()))
  }
}
