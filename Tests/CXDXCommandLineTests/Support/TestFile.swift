import Foundation

/// Reads what a test compares. Foundation's `Data(contentsOf:)` (and so `String(contentsOf:)`)
/// leaks a 4 KiB buffer each time it reads an empty file, which LeakSanitizer reports under
/// `swift test --sanitize=address`; the command corpus reads hundreds of empty outputs.
enum TestFile {
  static func data(_ url: URL) throws -> Data {
    let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
    let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
    return size == 0 ? Data() : try Data(contentsOf: url)
  }

  static func text(_ url: URL) throws -> String {
    String(decoding: try data(url), as: UTF8.self)
  }
}
