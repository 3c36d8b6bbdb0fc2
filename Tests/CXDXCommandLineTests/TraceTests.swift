import Foundation
import Testing

@testable import CXDXCommandLine

/// `cxdx diagnose --trace` and `cxdx run --watch`: every fact, firing, retraction and
/// certainty change, in order, each firing's effects indented under it.
@Suite struct TraceTests {
  /// A rule base where a contribution is made, then withdrawn when a later firing derives the
  /// fact its `not` forbids; and a chain of derived facts three deep.
  static func withdrawalRules() throws -> (rules: String, facts: String) {
    let folder = try InProcess.temporaryFolder()
    let rules = folder.appendingPathComponent("rules")
    try FileManager.default.createDirectory(at: rules, withIntermediateDirectories: true)
    try """
    template signal { name: string }
    template level { n: number }
    diagnosis worry { title "Something to worry about" source "s.txt" }
    rule calm "Nothing has escalated" {
      salience 10
      when { signal(name: ?s) not level() }
      then { suspect worry -0.3 "{?s} has not escalated" }
    }
    rule escalate "A signal escalates" {
      when { signal(name: ?s) }
      then { derive level(n: 1) }
    }
    rule climb "A level climbs" {
      when { level(n: ?n & < 3) }
      then { derive level(n: ?n + 1) }
    }
    rule alarm "The top level" {
      when { level(n: 3) }
      then { suspect worry 0.8 "the level reached 3" }
    }
    """.write(to: rules.appendingPathComponent("worry.rules"), atomically: true, encoding: .utf8)
    let facts = folder.appendingPathComponent("case.facts")
    try "signal(name: \"smoke\")\n".write(to: facts, atomically: true, encoding: .utf8)
    return (rules.path, facts.path)
  }

  @Test func aTraceShowsFiringsTheirEffectsAndCertaintyUpdatesInOrder() {
    let (status, output, _) = InProcess.run([
      "diagnose", "--rules", InProcess.rules, InProcess.path("cases/harbor-insurance.facts"), "--trace",
    ])
    #expect(status == .success)
    let trace = InProcess.relative(output)
    #expect(
      trace.hasPrefix("TRACE cases/harbor-insurance.facts\n==> f-1 organization(name: \"Harbor Insurance\""))
    #expect(
      trace.contains(
        "FIRE 1 symptom-sponsorship-named: f-13\n  suspect complacency +0.10 → complacency 0.10\n"))
    #expect(trace.contains("FIRE 2 symptom-budget: f-12\n  suspect complacency +0.10 → complacency 0.19\n"))
    #expect(trace.contains("FIRE 12 derive-stall: f-1,f-2\n  ==> f-14 stall(years: 3)\n"))
    // The last update of each diagnosis is the certainty the report gives it.
    let updates = trace.split(separator: "\n").filter { $0.hasPrefix("  suspect complacency") }
    #expect(updates.count == 9)
    #expect(updates.last?.hasSuffix("→ complacency 0.99") == true)
    #expect(trace.contains("1. complacency: We already put customers first"))
  }

  @Test func aWithdrawnContributionIsTracedAndExplained() throws {
    let (rules, facts) = try Self.withdrawalRules()
    let (status, output, errors) = InProcess.run(["diagnose", "--rules", rules, facts, "--trace"])
    #expect(status == .success, "\(errors)")
    #expect(output.contains("FIRE 1 calm: f-1\n  suspect worry −0.30 → worry −0.30\n"))
    #expect(
      output.contains(
        "FIRE 2 escalate: f-1\n  ==> f-2 level(n: 1)\n  withdrawn worry −0.30 (calm, firing 1: its match is gone) → worry 0 (no evidence left)\n"
      ))
    #expect(output.contains("  suspect worry +0.80 → worry 0.80\n"))

    let explained = InProcess.run(["explain", "--rules", rules, facts, "worry"]).output
    #expect(explained.contains("WITHDRAWN"))
    #expect(explained.contains("−0.30 calm (cycle 1), withdrawn during cycle 2"))
    // The derivation unfolds the chain of derived levels down to the stated signal.
    #expect(explained.contains("f-4 level(n: 3)  derived by climb"))
    #expect(explained.contains("f-3 level(n: 2)  derived by climb"))
    #expect(explained.contains("f-2 level(n: 1)  derived by escalate"))
    #expect(explained.contains("f-1 signal(name: \"smoke\")  "))

    let shallow = InProcess.run(["explain", "--rules", rules, facts, "worry", "--depth", "1"]).output
    #expect(shallow.contains("f-4 level(n: 3)  derived by climb"))
    #expect(!shallow.contains("f-2 level(n: 1)"))
    #expect(shallow.contains("(derivation depth limit reached)"))
  }

  @Test func runWatchAllIndentsWhatEachFiringDoes() {
    let (status, output, _) = InProcess.run([
      "run", InProcess.path("examples/monkey.rules"), "--watch", "all",
    ])
    #expect(status == .success)
    #expect(
      output.hasPrefix(
        "FIRE 1 startup\n  ==> f-1 monkey(location: t5-7, on-top-of: green-couch, holding: blank)\n"))
    #expect(output.contains("\n  ==> Activation hold-to-eat: f-13,f-1\nFIRE 2 hold-to-eat: f-13,f-1\n"))
    #expect(output.contains("\n  <== f-"), "retractions are traced")
    let facts = InProcess.run(["run", InProcess.path("examples/monkey.rules"), "--watch", "facts"]).output
    #expect(!facts.contains("FIRE"))
    #expect(facts.contains("  ==> f-14 goal-is-to(action: hold, target: bananas, location: unspecified)\n"))
  }
}
