import CXDXCommandLine
import Foundation
import Testing

/// Runs the programs in `examples/` through `cxdx run`, in process, and checks what they print
/// and how they exit; and checks that a runaway program stops at the firing limit.
@Suite struct ExampleProgramTests {
  /// The repository root: this file is `Tests/CXDXCommandLineTests/ExampleProgramTests.swift`.
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static func example(_ name: String) -> String {
    root.appendingPathComponent("examples").appendingPathComponent(name).path
  }

  /// Runs `cxdx` with the arguments; returns the exit status, standard output and standard error.
  static func cxdx(_ arguments: [String]) -> (
    status: CXDXCommandLine.ExitStatus, output: String, errors: String
  ) {
    let recording = RecordingConsole()
    let status = CommandLineTool().run(arguments, environment: [:], console: recording.console())
    return (status, recording.output, recording.errors)
  }

  @Test func zebraNamesTheZebraOwnerAndTheWaterDrinker() {
    let run = Self.cxdx(["run", Self.example("zebra.rules")])
    #expect(run.status == .success, "stderr: \(run.errors)")
    #expect(run.output.contains("The japanese owns the zebra."))
    #expect(run.output.contains("The norwegian drinks water."))
    #expect(run.errors.isEmpty)
  }

  @Test func monkeyEatsTheBananas() {
    let run = Self.cxdx(["run", Self.example("monkey.rules")])
    #expect(run.status == .success, "stderr: \(run.errors)")
    let steps = run.output.split(separator: "\n").map(String.init)
    #expect(steps.first == "Monkey jumps off the green-couch onto the floor.")
    #expect(steps.contains("Monkey opens the red-chest with the red-key revealing the ladder."))
    #expect(steps.contains("Monkey opens the blue-chest with the blue-key revealing the bananas."))
    #expect(steps.last == "Monkey eats the bananas.")
    #expect(steps.count == 42)
    #expect(run.errors.isEmpty)
  }

  @Test(arguments: ["depth", "breadth", "lex", "mea"])
  func monkeyFinishesUnderEveryStrategy(_ strategy: String) {
    let run = Self.cxdx(["run", Self.example("monkey.rules"), "--strategy", strategy])
    #expect(run.status == .success, "stderr: \(run.errors)")
    #expect(run.output.hasSuffix("Monkey eats the bananas.\n"))
  }

  @Test func runawayRuleStopsAtTheFiringLimit() throws {
    let program = """
      template counter { value: number }

      rule start { then { assert counter(value: 0) } }

      rule count-forever {
        when { ?c <- counter(value: ?n) }
        then { modify ?c(value: ?n + 1) }
      }

      """
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "cxdx-example-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("forever.rules")
    try program.write(to: file, atomically: true, encoding: .utf8)

    let run = Self.cxdx(["run", file.path, "--max-firings", "1000"])
    #expect(run.status == .limitReached)
    #expect(run.status.rawValue == 3)
    #expect(run.errors.contains("stopped after 1000 rule firings"))
    #expect(run.errors.contains("count-forever"))
  }
}

@Suite struct RunErrorTests {
  @Test func aFailingActionIsReportedAtItsLineWithExitOne() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "cxdx-run-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let file = folder.appendingPathComponent("divide.rules")
    try """
    template n { x: number }
    rule start { then { assert n(x: 0) } }
    rule divide {
      when { n(x: ?x) }
      then { print 10 / ?x }
    }
    """.write(to: file, atomically: true, encoding: .utf8)
    let recording = RecordingConsole()
    let status = CommandLineTool().run(["run", file.path], environment: [:], console: recording.console())
    #expect(status == .failure)
    #expect(
      recording.errors.contains("divide.rules:5:10: error: rule 'divide' failed: division by zero [E0503]"))
  }
}
