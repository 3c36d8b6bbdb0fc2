import RuleEngine

/// A rule base read from files: its sources, syntax, vocabulary and every diagnostic found.
public struct LoadedRuleBase: Sendable {
  public var sources: SourceFiles
  public var ruleFiles: [RuleFileSyntax]
  public var vocabulary: Vocabulary
  public var diagnostics: [Diagnostic]

  public var rules: [RuleDeclSyntax] {
    ruleFiles.flatMap { file in
      file.declarations.compactMap { declaration in
        if case .rule(let rule) = declaration { return rule }
        return nil
      }
    }
  }
}

/// A case read from a file and checked against a vocabulary.
public struct LoadedCase: Sendable {
  public var file: SourceFile?
  public var syntax: FactFileSyntax?
  public var diagnostics: [Diagnostic]
}

/// Loads rule files and case files from paths and checks them.
///
/// The library entry point the command line uses; an embedding program can use it too, or
/// parse strings directly with ``Parser`` and ``Checker``.
public struct RuleBaseLoader: Sendable {
  public var reader: FileReader

  public init(reader: FileReader = FileReader()) {
    self.reader = reader
  }

  /// Loads every `.rules` file named, or found directly inside a named folder.
  public func loadRules(from paths: [String], into sources: SourceFiles = SourceFiles()) -> LoadedRuleBase {
    var sources = sources
    var diagnostics: [Diagnostic] = []
    var files: [RuleFileSyntax] = []
    for path in paths {
      var filePaths: [String] = []
      switch reader.kind(of: path) {
      case .directory:
        switch reader.list(path, suffixes: [".rules"]) {
        case .success(let listing):
          diagnostics += listing.refused
          let found = listing.files
          if found.isEmpty, listing.refused.isEmpty {
            diagnostics.append(
              .error(
                .noRuleFiles, "no '.rules' files in '\(path)'", at: nil,
                help: "rule files end in '.rules'; point --rules at the folder that holds them"))
          }
          filePaths = found
        case .failure(let diagnostic): diagnostics.append(diagnostic)
        }
      default:
        filePaths = [path]
      }
      for filePath in filePaths {
        switch reader.read(filePath) {
        case .success(let bytes):
          let file = sources.add(path: filePath, bytes: bytes)
          let (syntax, parseDiagnostics) = Parser.parseRules(file)
          files.append(syntax)
          diagnostics += parseDiagnostics
        case .failure(let diagnostic):
          diagnostics.append(diagnostic)
        }
      }
    }
    return load(files, sources: sources, diagnostics: diagnostics)
  }

  /// Loads a rule base given as text, for embedding and tests.
  public func loadRules(text: String, path: String = "<string>", into sources: SourceFiles = SourceFiles())
    -> LoadedRuleBase
  {
    loadRules(bytes: Array(text.utf8), path: path, into: sources)
  }

  /// Parses and checks one rule file given as bytes (which need not be valid UTF-8).
  public func loadRules(bytes: [UInt8], path: String = "<bytes>", into sources: SourceFiles = SourceFiles())
    -> LoadedRuleBase
  {
    var sources = sources
    let file = sources.add(path: path, bytes: bytes)
    let (syntax, diagnostics) = Parser.parseRules(file)
    return load([syntax], sources: sources, diagnostics: diagnostics)
  }

  private func load(_ files: [RuleFileSyntax], sources: SourceFiles, diagnostics: [Diagnostic])
    -> LoadedRuleBase
  {
    let (vocabulary, checkDiagnostics) = Checker.check(ruleFiles: files)
    return LoadedRuleBase(
      sources: sources, ruleFiles: files, vocabulary: vocabulary,
      diagnostics: DiagnosticSink.capPerFile((diagnostics + checkDiagnostics).sortedByLocation()))
  }

  /// Reads, parses and checks one case file against a rule base's vocabulary; the file is
  /// added to the rule base's sources so that diagnostics and explanations can cite it.
  public func loadCase(_ path: String, into ruleBase: inout LoadedRuleBase) -> LoadedCase {
    switch reader.read(path) {
    case .success(let bytes):
      let file = ruleBase.sources.add(path: path, bytes: bytes)
      return checkCase(file, vocabulary: ruleBase.vocabulary)
    case .failure(let diagnostic):
      return LoadedCase(file: nil, syntax: nil, diagnostics: [diagnostic])
    }
  }

  /// Parses and checks a case given as text.
  public func loadCase(text: String, path: String = "<string>", into ruleBase: inout LoadedRuleBase)
    -> LoadedCase
  {
    loadCase(bytes: Array(text.utf8), path: path, into: &ruleBase)
  }

  /// Parses and checks one case file given as bytes (which need not be valid UTF-8).
  public func loadCase(bytes: [UInt8], path: String = "<bytes>", into ruleBase: inout LoadedRuleBase)
    -> LoadedCase
  {
    let file = ruleBase.sources.add(path: path, bytes: bytes)
    return checkCase(file, vocabulary: ruleBase.vocabulary)
  }

  /// Whether a path names a case written as JSON (`cxdx.facts/1`) rather than a `.facts` file.
  public static func isJSONCase(_ path: String) -> Bool { path.hasSuffix(".json") }

  /// The file names a case may have: `.facts`, or `.json` for the JSON form.
  public static let caseSuffixes = [".facts", ".json"]

  private func checkCase(_ file: SourceFile, vocabulary: Vocabulary) -> LoadedCase {
    let (syntax, diagnostics) =
      Self.isJSONCase(file.path) ? JSONCaseReader.read(file, vocabulary: vocabulary) : Parser.parseFacts(file)
    let checkDiagnostics = Checker.check(factFile: syntax, vocabulary: vocabulary)
    return LoadedCase(
      file: file, syntax: syntax,
      diagnostics: DiagnosticSink.capPerFile((diagnostics + checkDiagnostics).sortedByLocation()))
  }
}
