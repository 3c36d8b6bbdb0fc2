import Foundation
import Testing

@testable import CXDXCommandLine

/// `cxdx explain` on the repository's rules and cases, in process.
@Suite struct ExplainCommandTests {
  /// The diagnoses the knowledge base declares, read from `cxdx explain --format json`.
  static let diagnoses: [String] = {
    let (_, output, _) = InProcess.run([
      "explain", "--rules", InProcess.rules, InProcess.path("cases/harbor-insurance.facts"), "--format",
      "json",
    ])
    let document = (try? JSONSerialization.jsonObject(with: Data(output.utf8))) as? [String: Any]
    let explanations = document?["explanations"] as? [[String: Any]] ?? []
    return explanations.compactMap { $0["id"] as? String }.sorted()
  }()

  @Test func everyDeclaredDiagnosisIsListed() {
    #expect(Self.diagnoses.count == 16)
  }

  /// The floor: every case, every diagnosis, a derivation or a near miss.
  @Test(arguments: InProcess.cases)
  func everyDiagnosisOfEveryCaseIsExplainedOrHasANearMiss(_ path: String) {
    for diagnosis in Self.diagnoses {
      let (status, output, errors) = InProcess.run(["explain", "--rules", InProcess.rules, path, diagnosis])
      #expect(status == .success, "\(path) \(diagnosis): \(errors)")
      let derivation = output.contains("\n  HOW (") && output.contains("\n  COMBINED")
      let nearMiss = output.contains("\n    1. ") && output.contains("stopped at ")
      #expect(derivation || nearMiss, "\(path) \(diagnosis) prints neither a derivation nor a near miss")
      if output.contains("  FOUND  ") {
        #expect(derivation, "\(path) \(diagnosis) is found but has no derivation")
      }
      if !derivation { #expect(nearMiss, "\(path) \(diagnosis) is absent but has no near miss") }
    }
  }

  @Test func anUnknownDiagnosisIsAUsageErrorWithASuggestion() {
    let (status, output, errors) = InProcess.run([
      "explain", "--rules", InProcess.rules, InProcess.path("cases/harbor-insurance.facts"), "complacancy",
    ])
    #expect(status == .usage)
    #expect(output.isEmpty)
    #expect(errors.contains("unknown diagnosis 'complacancy'"))
    #expect(errors.contains("did you mean 'complacency'?"))
  }

  @Test func aMissingCaseIsAnInputError() {
    let (status, _, errors) = InProcess.run(["explain", "--rules", InProcess.rules, "/nonexistent.facts"])
    #expect(status == .failure)
    #expect(errors.contains("cannot read '/nonexistent.facts'"))
  }

  @Test func noCaseAndAnUnknownFormatAreUsageErrors() {
    #expect(InProcess.run(["explain", "--rules", InProcess.rules]).status == .usage)
    let (status, _, errors) = InProcess.run([
      "explain", "--rules", InProcess.rules, InProcess.path("cases/harbor-insurance.facts"), "--format",
      "htm",
    ])
    #expect(status == .usage)
    #expect(errors.contains("did you mean 'html'?"))
  }

  @Test func aDerivedFactIsUnfoldedIntoItsOwnDerivation() {
    let (status, output, _) = InProcess.run([
      "explain", "--rules", InProcess.rules, InProcess.path("cases/fenwick-pharma-services.facts"),
      "competence-gap",
    ])
    #expect(status == .success)
    #expect(output.contains("stall(years: 3)  derived by derive-stall"))
    #expect(output.contains("by derive-stall \"Activity without movement: stuck before deployment\" (firing"))
    #expect(output.contains("fenwick-pharma-services.facts:"))
  }

  @Test func negativeEvidenceIsShownAsSuch() {
    let (_, output, _) = InProcess.run([
      "explain", "--rules", InProcess.rules, InProcess.path("cases/harbor-insurance.facts"), "competence-gap",
    ])
    #expect(output.contains("├─ −0.40 against outside-help"))
    #expect(output.contains("(0.100 + (−0.400)) / (1 − min(0.100, 0.400)) = −0.333"))
    #expect(output.contains("WHY NOT HIGHER"))
  }

  @Test func aNotBlockedByAFactNamesIt() throws {
    let folder = try InProcess.temporaryFolder()
    let file = folder.appendingPathComponent("blocked.facts")
    // enthusiasm-without-change needs: no group of the same name that sees gaps.
    try """
    group(name: "supervisors", support: enthusiastic, behaviour-change: none)
    group(name: "supervisors", view: sees-gaps)
    metric(name: "NPS", kind: customer, trend: flat, years: 3)
    """.write(to: file, atomically: true, encoding: .utf8)
    let (status, output, _) = InProcess.run(["explain", "--rules", InProcess.rules, file.path, "complacency"])
    #expect(status == .success)
    #expect(output.contains("stopped at not group(name: ?who, view: sees-gaps)"))
    #expect(output.contains("blocked by f-2 group(name: \"supervisors\", view: sees-gaps)"))
  }

  @Test func anUnstatedSlotGetsAHintToStateIt() {
    let (_, output, _) = InProcess.run([
      "explain", "--rules", InProcess.rules, InProcess.path("cases/harbor-insurance.facts"), "competence-gap",
      "--format", "markdown",
    ])
    #expect(
      output.contains(
        "add `group(name: \"regional managers\", knows-how: …)` to assess this rule"))
  }

  @Test func outputIsDeterministic() {
    for format in ["text", "json", "markdown", "html", "dot"] {
      let arguments = [
        "explain", "--rules", InProcess.rules, InProcess.path("cases/meridian-health.facts"), "--format",
        format,
      ]
      #expect(
        InProcess.run(arguments).output == InProcess.run(arguments).output, "\(format) differs between runs")
    }
  }

  @Test func helpDescribesEveryOption() {
    let (status, output, _) = InProcess.run(["help", "explain"])
    #expect(status == .success)
    for option in ["--format", "--threshold", "--depth", "--set", "--unset", "--output", "--rules"] {
      #expect(output.contains(option), "help lacks \(option)")
    }
    #expect(InProcess.run(["--help"]).output.contains("explain"))
  }
}
