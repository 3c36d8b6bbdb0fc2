import Foundation
import RuleEngine
import Testing

@testable import RuleLanguage

/// A folder is read within itself: its own files and links to them, in name order; a link
/// that leads outside is refused (E0406), one that leads nowhere too (E0401); a path named
/// explicitly is read as given, links and `..` included.
@Suite struct FolderListingTests {
  @Test func aFolderIsReadWithinItself() throws {
    let manager = FileManager.default
    let root = manager.temporaryDirectory.appendingPathComponent("cxdx-listing-\(UUID().uuidString)")
    let folder = root.appendingPathComponent("cases")
    try manager.createDirectory(
      at: folder.appendingPathComponent("sub.facts"), withIntermediateDirectories: true)
    defer { try? manager.removeItem(at: root) }
    for name in ["b.facts", "a.json", ".hidden.facts", "notes.txt"] {
      try "x(a: 1)\n".write(to: folder.appendingPathComponent(name), atomically: false, encoding: .utf8)
    }
    try "outside(a: 1)\n".write(
      to: root.appendingPathComponent("outside.facts"), atomically: false, encoding: .utf8)
    try manager.createSymbolicLink(
      atPath: folder.appendingPathComponent("c-alias.facts").path, withDestinationPath: "b.facts")
    try manager.createSymbolicLink(
      atPath: folder.appendingPathComponent("d-out.facts").path, withDestinationPath: "../outside.facts")
    try manager.createSymbolicLink(
      atPath: folder.appendingPathComponent("e-gone.facts").path, withDestinationPath: "missing.facts")

    let listing = try FileReader().list(folder.path, suffixes: RuleBaseLoader.caseSuffixes).get()
    #expect(
      listing.files.map { URL(fileURLWithPath: $0).lastPathComponent } == [
        "a.json", "b.facts", "c-alias.facts",
      ])
    #expect(listing.refused.map(\.code) == [.outsideFolder, .cannotRead])
    #expect(listing.refused.first?.message.contains("d-out.facts' is a symbolic link to") == true)
    // The old entry point keeps the files and leaves the refused links out.
    #expect(try FileReader().list(folder.path, suffixes: [".facts"]).get().files.count == 2)
    // Named explicitly, the same link (and a path through '..') is read.
    #expect((try? FileReader().read(folder.appendingPathComponent("d-out.facts").path).get()) != nil)
    #expect((try? FileReader().read(folder.path + "/../outside.facts").get()) != nil)
  }

  @Test func sizesAreShownInMebibytesRoundedUp() {
    #expect(FileReader.mebibytes(1_048_576) == "1")
    #expect(FileReader.mebibytes(1_100_000) == "1.1")
    #expect(FileReader.mebibytes(2 * 1_048_576 + 1) == "2.1")
    #expect(FileReader.mebibytes(256 * 1_048_576) == "256")
  }
}
