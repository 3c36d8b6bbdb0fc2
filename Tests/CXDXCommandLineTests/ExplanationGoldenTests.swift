import Testing

@testable import CXDXCommandLine

/// The text, Markdown and JSON explanations of two cases, pinned byte for byte. Re-record
/// with `CXDX_RECORD_GOLDEN=1 swift test --filter ExplanationGoldenTests` and read the diff.
@Suite struct ExplanationGoldenTests {
  struct Scenario: CustomTestStringConvertible, Sendable {
    let name: String
    let file: String
    let diagnoses: [String]
    var testDescription: String { name }
  }

  static let scenarios = [
    // Found with nine contributions; ruled out both ways; absent; not assessed.
    Scenario(
      name: "harbor-insurance", file: "cases/harbor-insurance.facts",
      diagnoses: ["complacency", "competence-gap", "time-horizon-mismatch", "exclusionary-cx-team"]),
    // A derived fact (stall) under two diagnoses; negative evidence; many near misses.
    Scenario(
      name: "fenwick-pharma-services", file: "cases/fenwick-pharma-services.facts",
      diagnoses: ["competence-gap", "no-charter", "complacency", "turf-wars"]),
  ]

  static let formats = [("text", "txt"), ("markdown", "md"), ("json", "json")]

  @Test(arguments: scenarios)
  func explanationsMatchTheirGoldens(_ scenario: Scenario) {
    for (format, suffix) in Self.formats {
      let (status, output, errors) = InProcess.run(
        ["explain", "--rules", InProcess.rules, InProcess.path(scenario.file)] + scenario.diagnoses + [
          "--format", format,
        ])
      #expect(status == .success, "\(errors)")
      Golden.check(InProcess.relative(output), against: "explain/\(scenario.name).\(suffix)")
    }
  }
}
