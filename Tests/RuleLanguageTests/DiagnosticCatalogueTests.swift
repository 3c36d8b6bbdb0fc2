import Foundation
import RuleEngine
import Testing

/// The diagnostic codes, `docs/diagnostics.md` and the bad-input corpus agree: every code is
/// explained once, and every code the front end reports is pinned by a corpus file.
@Suite struct DiagnosticCatalogueTests {
  static let page = Fixtures.repository.appendingPathComponent("docs/diagnostics.md")

  /// Front-end codes (E01xx–E03xx) that no corpus file can exercise, with the reason.
  static let unreachable: [DiagnosticCode: String] = [
    .emptyEnumeration:
      "the grammar needs at least one value after 'slot:', so an empty list is E0201; nothing reports E0319"
  ]

  /// The code of each `### Exxxx title` heading of the page, in page order.
  static func headingCodes() throws -> [String] {
    let text = try String(contentsOf: page, encoding: .utf8)
    return text.split(separator: "\n", omittingEmptySubsequences: false).compactMap { line in
      guard line.hasPrefix("### ") else { return nil }
      let word = line.dropFirst(4).prefix { !$0.isWhitespace }
      return word.first == "E" || word.first == "L" ? String(word) : nil
    }
  }

  /// The corpus inputs' names (`E0302-unknown-slot.rules`).
  static var corpusInputs: [String] { BadInputCorpusTests.inputs }

  @Test func everyCodeHasExactlyOneHeadingAndEveryCodeHeadingIsACode() throws {
    let headings = try Self.headingCodes()
    let known = Set(DiagnosticCode.allCases.map(\.rawValue))
    for code in DiagnosticCode.allCases {
      let count = headings.count { $0 == code.rawValue }
      #expect(count == 1, "\(code.rawValue) (\(code)) has \(count) '### \(code.rawValue)' headings")
    }
    for heading in headings where !known.contains(heading) {
      Issue.record("'### \(heading)' in diagnostics.md is not a DiagnosticCode")
    }
  }

  @Test func everyFrontEndCodeHasACorpusFile() {
    let inputs = Self.corpusInputs
    let frontEnd = DiagnosticCode.allCases.filter { $0.rawValue < "E04" }
    for code in frontEnd {
      let covered = inputs.contains { $0.hasPrefix(code.rawValue + "-") }
      if let reason = Self.unreachable[code] {
        #expect(!covered, "\(code.rawValue) is listed as unreachable (\(reason)) but has a corpus file")
      } else {
        #expect(covered, "no corpus file in Fixtures/bad-input starts with \(code.rawValue) (\(code))")
      }
    }
    for code in Self.unreachable.keys {
      #expect(
        frontEnd.contains(code), "\(code.rawValue) is listed as unreachable but is not a front-end code")
    }
  }

  @Test func everyCorpusFileIsNamedAfterACodeItsGoldenReports() throws {
    let known = Set(DiagnosticCode.allCases.map(\.rawValue))
    for name in Self.corpusInputs {
      let code = String(name.prefix { $0 != "-" })
      guard known.contains(code) else {
        Issue.record("\(name) does not start with a diagnostic code")
        continue
      }
      let golden = BadInputCorpusTests.folder.appendingPathComponent(name + ".expected")
      let text = (try? String(contentsOf: golden, encoding: .utf8)) ?? ""
      #expect(text.contains("[\(code)]"), "\(name): its golden does not report \(code)")
    }
  }
}
