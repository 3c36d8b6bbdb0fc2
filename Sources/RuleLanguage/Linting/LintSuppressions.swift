import RuleEngine

/// The `# cxdx:allow L0201` comments of rule files. A comment silences the codes it lists on
/// its own line (after code) and, when it stands alone on its line, on the line below: the
/// line of a rule's name, a template slot, an `ask`. Codes are separated by spaces or commas;
/// the first word that is not a code starts the reason, which the comment should give.
struct LintSuppressions {
  static let marker = "cxdx:allow"

  /// Silenced codes by file and line.
  private var silenced: [SourceFileID: [Int: Set<String>]] = [:]

  init(ruleFiles: [RuleFileSyntax], sources: SourceFiles) {
    for ruleFile in ruleFiles {
      guard let file = sources[ruleFile.file] else { continue }
      for comment in ruleFile.comments {
        let codes = Self.codes(in: comment.text)
        guard !codes.isEmpty else { continue }
        let line = file.line(containing: comment.span.start)
        silenced[ruleFile.file, default: [:]][comment.ownLine ? line + 1 : line, default: []]
          .formUnion(codes)
      }
    }
  }

  /// The codes a comment's text lists after `cxdx:allow`, or none.
  static func codes(in text: String) -> Set<String> {
    let trimmed = text.drop { $0 == " " || $0 == "\t" }
    guard trimmed.hasPrefix(marker) else { return [] }
    var codes: Set<String> = []
    let words = trimmed.dropFirst(marker.count).split { $0 == " " || $0 == "," || $0 == "\t" }
    for word in words {
      guard word.count == 5, word.first == "L", word.dropFirst().allSatisfy(\.isNumber) else { break }
      codes.insert(String(word))
    }
    return codes
  }

  func silences(_ diagnostic: Diagnostic, sources: SourceFiles) -> Bool {
    guard let span = diagnostic.primary?.span, let file = sources[span.file] else { return false }
    let line = file.line(containing: span.start)
    return silenced[span.file]?[line]?.contains(diagnostic.code.rawValue) ?? false
  }
}
