import Foundation
import Testing

@testable import CXDXCommandLine

/// `--format dot`: the inference graph for Graphviz.
@Suite struct DotGraphTests {
  static let graphviz: String? = ["/usr/bin/dot", "/usr/local/bin/dot", "/opt/homebrew/bin/dot"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }

  private func dot(_ arguments: [String]) -> String {
    InProcess.relative(
      InProcess.run(["explain", "--rules", InProcess.rules] + arguments + ["--format", "dot"]).output)
  }

  @Test func theGraphRunsFromFactsThroughRulesToTheDiagnosis() {
    let graph = dot([InProcess.path("cases/fenwick-pharma-services.facts"), "competence-gap"])
    #expect(graph.hasPrefix("// cxdx inference graph of cases/fenwick-pharma-services.facts"))
    #expect(graph.contains("digraph \"cxdx: Fenwick Pharma Services\" {"))
    // stated fact -> derivation firing -> derived fact -> contributing firing -> diagnosis
    #expect(graph.contains("\"f1\" -> \"c6\" [label=\"1.00\""))
    #expect(graph.contains("\"c6\" -> \"f8\" [label=\"1.00\""))
    #expect(graph.contains("\"f8\" -> \"c7\" [label=\"1.00\""))
    #expect(graph.contains("\"c7\" -> \"d:competence-gap\" [label=\"+0.40\""))
    #expect(graph.contains("style=\"rounded,filled,dashed\""), "a derived fact is drawn dashed")
    #expect(graph.hasSuffix("}\n"))
    // Every edge joins declared nodes.
    let declared = Set(
      graph.split(separator: "\n").compactMap { line -> String? in
        let text = line.trimmingCharacters(in: .whitespaces)
        guard text.hasPrefix("\""), text.contains(" [label="), !text.contains("->") else { return nil }
        return String(text.prefix { $0 != " " })
      })
    for line in graph.split(separator: "\n") where line.contains(" -> ") && !line.hasPrefix("//") {
      let ends = line.trimmingCharacters(in: .whitespaces).components(separatedBy: " -> ")
      #expect(declared.contains(ends[0]), "\(ends[0]) is not declared")
      #expect(declared.contains(String(ends[1].prefix { $0 != " " })), "\(line)")
    }
  }

  @Test func evidenceAgainstIsRedAndDashed() {
    let graph = dot([InProcess.path("cases/harbor-insurance.facts"), "competence-gap"])
    #expect(
      graph.contains(
        "\"c9\" -> \"d:competence-gap\" [label=\"−0.40\", color=\"#c62828\", fontcolor=\"#c62828\", style=dashed"
      ))
  }

  @Test func aDiagnosisWithNoEvidenceGivesAGraphThatSaysSo() {
    let graph = dot([InProcess.path("cases/harbor-insurance.facts"), "time-horizon-mismatch"])
    #expect(
      graph.contains(
        "empty [shape=plaintext, style=\"\", label=\"no rule concluded time-horizon-mismatch\"];"))
  }

  @Test(.enabled(if: graphviz != nil, "Graphviz's dot is not installed: the DOT text is checked without it"))
  func graphvizReadsEveryCasesGraph() throws {
    let text = InProcess.run([
      "diagnose", "--rules", InProcess.rules, InProcess.path("cases"), "--format", "dot",
    ])
    .output
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try #require(Self.graphviz))
    process.arguments = ["-Tsvg"]
    process.standardOutput = FileHandle.nullDevice
    let input = Pipe()
    let errors = Pipe()
    process.standardInput = input
    process.standardError = errors
    try process.run()
    input.fileHandleForWriting.write(Data(text.utf8))
    try input.fileHandleForWriting.close()
    process.waitUntilExit()
    let log = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(process.terminationStatus == 0, "\(log)")
    #expect(log.isEmpty, "\(log)")
  }
}
