import Foundation
import RuleEngine
import RuleLanguage
import TestSupport
import Testing

@testable import CXDXCommandLine

/// The same inputs give the same bytes: across runs, across the order a case states its facts
/// in, and whether a batch is diagnosed on one thread or several. (`KnowledgeBaseTests` checks
/// the engine's certainties bit for bit under shuffles; these check what the command prints.)
@Suite struct DeterminismTests {
  static let formats = ["text", "json", "markdown", "html", "dot", "summary"]

  /// Every case of `cases/` written 21 times into one folder, its facts in the order given and
  /// in 20 seeded shuffles (the rest of the file after them), as `NAME~K.facts`.
  static func shuffledCases() throws -> URL {
    let folder = try InProcess.temporaryFolder()
    let loader = RuleBaseLoader()
    var ruleBase = loader.loadRules(from: [InProcess.rules])
    for path in InProcess.cases {
      let loaded = loader.loadCase(path, into: &ruleBase)
      let syntax = try #require(loaded.syntax)
      let file = try #require(loaded.file)
      let facts = syntax.facts.map { file.text(of: $0.span) }
      let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
      var generator = SeededGenerator(seed: UInt64(truncatingIfNeeded: name.utf8.count) &* 7919)
      for variant in 0...20 {
        let order = variant == 0 ? facts : facts.shuffled(using: &generator)
        let text = "# \(name), shuffle \(variant)\n" + order.joined(separator: "\n") + "\n"
        try text.write(
          to: folder.appendingPathComponent("\(name)~\(String(format: "%02d", variant)).facts"),
          atomically: false,
          encoding: .utf8)
      }
    }
    return folder
  }

  /// Each case's diagnoses with their certainties as the JSON report prints them, by case name.
  static func outcomes(_ json: String) throws -> [String: [String]] {
    let document = try #require(
      try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    var outcomes: [String: [String]] = [:]
    for entry in try #require(document["cases"] as? [[String: Any]]) {
      let path = try #require(entry["case"] as? String)
      let name = String(URL(fileURLWithPath: path).lastPathComponent.prefix { $0 != "~" })
      var line: [String] = []
      for group in ["found", "ruledOut"] {
        for diagnosis in entry[group] as? [[String: Any]] ?? [] {
          line.append("\(group) \(diagnosis["id"] ?? "") \(diagnosis["certainty"] ?? "")")
        }
      }
      for diagnosis in entry["unassessed"] as? [[String: Any]] ?? [] {
        line.append("unassessed \(diagnosis["id"] ?? "")")
      }
      outcomes[name, default: []].append(line.joined(separator: "; "))
    }
    return outcomes
  }

  @Test func shufflingTheFactsOfEveryCaseTwentyTimesChangesNoDiagnosisOrCertainty() throws {
    let folder = try Self.shuffledCases()
    defer { try? FileManager.default.removeItem(at: folder) }
    let (status, output, errors) = InProcess.run([
      "diagnose", "--rules", InProcess.rules, folder.path, "--format", "json",
    ])
    #expect(status == .success, "\(errors)")
    let outcomes = try Self.outcomes(output)
    #expect(outcomes.count == InProcess.cases.count)
    for (name, runs) in outcomes.sorted(by: { $0.key < $1.key }) {
      #expect(runs.count == 21, "\(name): \(runs.count) runs")
      for (index, run) in runs.enumerated() where run != runs[0] {
        Issue.record(
          "\(name): shuffle \(index) gives\n  \(run)\nwhere the case as written gives\n  \(runs[0])")
      }
    }
    // The summary format agrees too, once the file names are set aside.
    let (_, summary, _) = InProcess.run([
      "diagnose", "--rules", InProcess.rules, folder.path, "--format", "summary",
    ])
    var lines: [String: Set<String>] = [:]
    for line in summary.split(separator: "\n").dropFirst() {
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
      let name = String(URL(fileURLWithPath: String(fields[0])).lastPathComponent.prefix { $0 != "~" })
      lines[name, default: []].insert(fields.dropFirst().joined(separator: "\t"))
    }
    for (name, variants) in lines { #expect(variants.count == 1, "\(name): \(variants.sorted())") }
  }

  @Test(arguments: formats)
  func parallelBatchDiagnosisPrintsTheSameBytesAsSerial(_ format: String) {
    let arguments = ["diagnose", "--rules", InProcess.rules, InProcess.path("cases"), "--format", format]
    let serial = InProcess.run(arguments + ["--jobs", "1"])
    #expect(serial.status == .success, "\(serial.errors)")
    #expect(!serial.output.isEmpty)
    for jobs in ["2", "3", "8"] {
      let parallel = InProcess.run(arguments + ["--jobs", jobs])
      #expect(parallel.status == serial.status)
      #expect(parallel.output == serial.output, "--format \(format) --jobs \(jobs) differs from --jobs 1")
      #expect(parallel.errors == serial.errors)
    }
  }

  @Test(arguments: formats)
  func theSameInputTwiceGivesTheSameBytes(_ format: String) throws {
    let arguments = ["diagnose", "--rules", InProcess.rules, InProcess.path("cases"), "--format", format]
    let first = InProcess.run(arguments)
    let second = InProcess.run(arguments)
    #expect(first.output == second.output, "--format \(format): two runs differ")
    // And in separate processes, where hashing is seeded differently each time.
    let folder = InProcess.repository
    let one = try BuiltBinary.run(arguments, in: folder)
    let two = try BuiltBinary.run(arguments, in: folder)
    #expect(one.status == 0)
    #expect(one.output == two.output, "--format \(format): two processes differ")
    #expect(one.output == first.output, "--format \(format): the process and the in-process run differ")
  }
}
