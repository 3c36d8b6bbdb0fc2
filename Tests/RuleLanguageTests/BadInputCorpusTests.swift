import Foundation
import RuleEngine
import Testing

/// Every file in `Fixtures/bad-input` beside `NAME.rules.expected` or `NAME.facts.expected`: the
/// exact diagnostics cxdx prints. The input's extension stays in the golden file's name so that
/// `X.rules` and `X.facts` cannot share one.
///
/// `.facts` and `.json` case files are checked against `Fixtures/vocabulary.rules`; `.rules`
/// files together with it. Set `CXDX_RECORD_GOLDEN=1` to rewrite the expected files (the test then fails,
/// so a recording never passes unnoticed).
@Suite struct BadInputCorpusTests {
  static let folder = Fixtures.folder.appendingPathComponent("bad-input")

  static var inputs: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".rules") || $0.hasSuffix(".facts") || $0.hasSuffix(".json") }.sorted()
  }

  @Test func corpusIsLargeEnough() {
    #expect(Self.inputs.count >= 60)
    #expect(
      Self.inputs.count { $0.hasSuffix(".json") } >= 8, "JSON case input, malformed and of the wrong shape")
  }

  @Test(arguments: inputs)
  func diagnosticsMatchGolden(_ name: String) throws {
    let input = Self.folder.appendingPathComponent(name)
    let (sources, diagnostics) = Fixtures.check(bytes: Fixtures.bytes(input), path: "bad-input/\(name)")
    let rendered = TextDiagnosticRenderer(style: .plain).render(diagnostics, files: sources)
    let expectedURL = input.appendingPathExtension("expected")
    if Fixtures.recording {
      try rendered.write(to: expectedURL, atomically: true, encoding: .utf8)
      Issue.record("recorded \(expectedURL.lastPathComponent); unset CXDX_RECORD_GOLDEN to compare")
      return
    }
    let expected = try String(contentsOf: expectedURL, encoding: .utf8)
    #expect(rendered == expected, "diagnostics differ for \(name)")
    #expect(diagnostics.hasErrors, "a bad input must produce at least one error")
  }
}
