import Foundation
import Testing

@testable import CXDXCommandLine

/// Facts that lose their logical support while the network is still matching.
@Suite struct LogicalSupportTests {
  /// Asserting `t` lets a `not { … }` group match through each derived `e`, which withdraws
  /// the support of other `e` facts while the join is still walking the index entries of the
  /// `e` facts. Removing them there freed the entry the loop was about to read (an index out
  /// of range; memory corruption in a release build). They are now removed once the
  /// assertion has finished.
  @Test func aDerivedFactLosingItsSupportMidJoinIsRemovedAfterTheJoin() throws {
    let folder = try InProcess.temporaryFolder()
    let program = folder.appendingPathComponent("support.rules")
    let facts = folder.appendingPathComponent("support.facts")
    try """
    template item { k: number  n: number }
    template t { k: number }
    template e { k: number  n: number }

    rule make-e {
      when {
        item(k: ?k, n: ?n)
        not { t(k: ?k)  e(k: ?k) }
      }
      then { derive e(k: ?k, n: ?n) }
    }

    rule late {
      salience -10
      when { item(k: ?k, n: 1) }
      then { assert t(k: ?k) }
    }
    """.write(to: program, atomically: true, encoding: .utf8)
    try "item(k: 1, n: 1)\nitem(k: 1, n: 2)\nitem(k: 1, n: 3)\n".write(
      to: facts, atomically: true, encoding: .utf8)
    let run = InProcess.run(["run", program.path, "--facts", facts.path, "--watch", "facts"])
    #expect(run.status == .success, "\(run.errors)")
    // The three derived facts went when t came, after the assertion that removed their support.
    let lines = run.output.split(separator: "\n").map(String.init)
    let asserted = try #require(lines.firstIndex { $0.contains("t(k: 1)") })
    #expect(
      lines[asserted...].filter {
        $0.trimmingCharacters(in: .whitespaces).hasPrefix("<==") && $0.contains("e(k: 1")
      }.count == 3, "\(run.output)")
  }
}
