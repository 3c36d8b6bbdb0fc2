import Foundation
import Testing

@testable import CXDXCommandLine

/// The examples in `docs/explanations.md` and `docs/authoring.md` are real: each ```console
/// block that starts with `$ cxdx …` is run and must print what the block shows.
/// `CXDX_RECORD_GOLDEN=1` rewrites the blocks from the tool's output (and fails, as every
/// recording does).
@Suite struct DocumentationExampleTests {
  /// Each document with the fewest examples it must have.
  static let documents = [("docs/explanations.md", 5), ("docs/authoring.md", 3)]

  struct Example {
    /// The range of the block's body (after the opening fence) in the document.
    let range: Range<String.Index>
    let command: String
    let shown: String
  }

  static func examples(in text: String) -> [Example] {
    var examples: [Example] = []
    var searchStart = text.startIndex
    while let open = text.range(of: "```console\n$ cxdx ", range: searchStart..<text.endIndex) {
      let bodyStart = text.index(open.lowerBound, offsetBy: "```console\n".count)
      guard let close = text.range(of: "```", range: bodyStart..<text.endIndex) else { break }
      let body = String(text[bodyStart..<close.lowerBound])
      let firstLine = body.prefix { $0 != "\n" }
      examples.append(
        Example(
          range: bodyStart..<close.lowerBound, command: String(firstLine.dropFirst(2)),
          shown: String(body.dropFirst(firstLine.count + 1))))
      searchStart = close.upperBound
    }
    return examples
  }

  /// Splits a command line as a POSIX shell would for these examples: spaces separate words,
  /// single quotes keep everything, double quotes keep everything but `\"`.
  static func words(_ line: String) -> [String] {
    var words: [String] = []
    var word = ""
    var inWord = false
    var quote: Character?
    var escaped = false
    for character in line {
      if escaped {
        word.append(character)
        escaped = false
      } else if let open = quote {
        if character == open {
          quote = nil
        } else if character == "\\" && open == "\"" {
          escaped = true
        } else {
          word.append(character)
        }
      } else if character == "'" || character == "\"" {
        quote = character
        inWord = true
      } else if character == " " {
        if inWord { words.append(word) }
        word = ""
        inWord = false
      } else {
        word.append(character)
        inWord = true
      }
    }
    if inWord { words.append(word) }
    return words
  }

  /// Runs an example's command from the repository's folder, as the document shows it.
  static func output(of command: String) -> String {
    var arguments = Array(words(command).dropFirst())
    arguments = arguments.map { $0.hasPrefix("cases/") ? InProcess.path($0) : $0 }
    arguments.insert(contentsOf: ["--rules", InProcess.rules], at: min(1, arguments.count))
    return InProcess.relative(InProcess.run(arguments).output)
  }

  @Test func theShellWordsAreSplitAsAShellWould() {
    #expect(Self.words("cxdx a 'b c' \"d \\\"e\\\"\" f") == ["cxdx", "a", "b c", "d \"e\"", "f"])
  }

  @Test(arguments: documents) func everyExampleIsWhatTheToolPrints(_ path: String, atLeast: Int) throws {
    let document = InProcess.repository.appendingPathComponent(path)
    var text = try String(contentsOf: document, encoding: .utf8)
    let examples = Self.examples(in: text)
    #expect(examples.count >= atLeast)
    if Golden.recording {
      for example in examples.reversed() {
        text.replaceSubrange(example.range, with: "$ \(example.command)\n" + Self.output(of: example.command))
      }
      try text.write(to: document, atomically: true, encoding: .utf8)
      Issue.record("recorded the examples of \(path); unset CXDX_RECORD_GOLDEN to compare")
      return
    }
    for example in examples {
      let actual = Self.output(of: example.command)
      #expect(actual == example.shown, "\(path): `\(example.command)` prints something else now")
    }
  }
}
