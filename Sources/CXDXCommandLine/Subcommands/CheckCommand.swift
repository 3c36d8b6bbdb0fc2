import RuleEngine
import RuleLanguage

/// `cxdx check`: parse and validate rule files and case files, and print every problem.
struct CheckCommand: Subcommand {
  let name = "check"
  let abstract = "Parse and validate rule files and case files."
  let usage = "check [<path> ...] [--rules <dir>] [--format text|json] [--deny-warnings]"
  let discussion = """
    Each path is a '.rules' file, a case file ('.facts' or '.json'), or a folder of them. Case
    files are checked against the vocabulary of the rules given, or of --rules, or of the
    default rules folder. With no path, checks the rules folder and, if present, cases/.
    When there is no error, the rules are linted: warnings (L-codes) for rules that can
    never fire, overlap or loop, unused vocabulary and variables, rules without a source.
    '# cxdx:allow L0201' on a finding's line, or alone on the line above, silences it.
    Exit status: 0 when clean or only warnings, 1 when errors were found (or warnings, with
    --deny-warnings), 2 for a usage error.
    """
  let arguments = [ArgumentSpec("path", help: "Rule files, case files, or folders of them.")]
  let options: [OptionSpec] = [
    .option("--rules", value: "dir", help: "The rules folder for checking case files."),
    .option("--format", value: "format", help: "Output format: text (default) or json."),
    RunLimits.fileSizeOption,
    .flag("--deny-warnings", help: "Exit 1 when there are warnings (lint findings) too."),
  ]

  func run(_ invocation: Invocation) -> ExitStatus {
    let format = invocation.arguments.value("--format") ?? "text"
    guard format == "text" || format == "json" else {
      invocation.console.error("cxdx check: error: unknown format '\(format)'\nhelp: use text or json\n")
      return .usage
    }
    let reader: FileReader
    switch RunLimits.reader(FileReader(), invocation, command: name) {
    case .success(let limited): reader = limited
    case .failure(let status): return status
    }
    var rulePaths: [String] = []
    var casePaths: [String] = []
    var extraDiagnostics: [Diagnostic] = []
    let paths = invocation.arguments.positionals
    for path in paths {
      classify(path, reader: reader, rules: &rulePaths, cases: &casePaths, problems: &extraDiagnostics)
    }
    if paths.isEmpty, reader.kind(of: "cases") == .directory {
      switch reader.list("cases", suffixes: RuleBaseLoader.caseSuffixes) {
      case .success(let listing):
        casePaths += listing.files
        extraDiagnostics += listing.refused
      case .failure(let problem):
        extraDiagnostics.append(problem)
      }
    }
    // Lint the rules when they are what is being checked: given as paths, or by default.
    // Rules found only to check case files against are their vocabulary, not the subject.
    let lintsRules = paths.isEmpty || !rulePaths.isEmpty
    // Findings about the whole case set (a value no case uses) need the whole set: a folder.
    let checksCaseFolder =
      paths.isEmpty
      || paths.contains { path in
        let folder = path.hasSuffix("/") ? path : path + "/"
        return reader.kind(of: path) == .directory && casePaths.contains { $0.hasPrefix(folder) }
      }
    if rulePaths.isEmpty {
      switch RulesLocator(reader: reader, environment: invocation.environment)
        .locate(explicit: invocation.arguments.value("--rules"))
      {
      case .success(let folder): rulePaths = [folder]
      case .failure(let error):
        invocation.console.error("cxdx check: error: \(error.message)\n")
        if let help = error.help { invocation.console.error("help: \(help)\n") }
        return .usage
      }
    }

    let loader = RuleBaseLoader(reader: reader)
    var ruleBase = loader.loadRules(from: rulePaths)
    var diagnostics = extraDiagnostics + ruleBase.diagnostics.sortedByLocation()
    // With no rule file read (an empty or unreadable rules folder, already reported), every
    // fact and expectation of a case would be an error of its own: the cases are not checked.
    let checkedCases = ruleBase.ruleFiles.isEmpty ? [] : casePaths
    var caseSyntax: [FactFileSyntax] = []
    for path in checkedCases {
      let loaded = loader.loadCase(path, into: &ruleBase)
      diagnostics += loaded.diagnostics.sortedByLocation()
      if let syntax = loaded.syntax { caseSyntax.append(syntax) }
    }
    // Lint only a clean rule base: its findings read the lowered rules, and beside errors
    // they would be noise.
    if !diagnostics.hasErrors, lintsRules {
      diagnostics += Linter().lint(ruleBase, cases: checksCaseFolder ? caseSyntax : [])
    }
    report(
      diagnostics, ruleBase: ruleBase, caseCount: checkedCases.count, format: format, invocation: invocation)
    if diagnostics.hasErrors { return .failure }
    return invocation.arguments.has("--deny-warnings") && diagnostics.warningCount > 0 ? .failure : .success
  }

  private func classify(
    _ path: String, reader: FileReader, rules: inout [String], cases: inout [String],
    problems: inout [Diagnostic]
  ) {
    switch reader.kind(of: path) {
    case .directory:
      // One listing, split by suffix: a folder that cannot be listed says why.
      let listing: FileReader.FolderListing
      switch reader.list(path, suffixes: [".rules"] + RuleBaseLoader.caseSuffixes) {
      case .success(let found): listing = found
      case .failure(let problem):
        problems.append(problem)
        return
      }
      problems += listing.refused
      let ruleFiles = listing.files.filter { $0.hasSuffix(".rules") }
      let caseFiles = listing.files.filter { !$0.hasSuffix(".rules") }
      if ruleFiles.isEmpty, caseFiles.isEmpty {
        problems.append(.error(.noRuleFiles, "no '.rules', '.facts' or '.json' files in '\(path)'", at: nil))
      }
      if !ruleFiles.isEmpty { rules.append(path) }
      cases += caseFiles
    case .missing:
      problems.append(.error(.cannotRead, "cannot read '\(path)': no such file or folder", at: nil))
    case .file:
      if path.hasSuffix(".rules") {
        rules.append(path)
      } else if RuleBaseLoader.caseSuffixes.contains(where: { path.hasSuffix($0) }) {
        cases.append(path)
      } else {
        problems.append(
          .error(
            .unknownFileKind, "'\(path)' is neither a '.rules' nor a '.facts' file", at: nil,
            help: "rule files end in '.rules', case files in '.facts' (or '.json', docs/language.md)"))
      }
    }
  }

  private func report(
    _ diagnostics: [Diagnostic], ruleBase: LoadedRuleBase, caseCount: Int, format: String,
    invocation: Invocation
  ) {
    let console = invocation.console
    let ruleFileCount = ruleBase.ruleFiles.count
    if format == "json" {
      let document = JSONValue.object([
        ("ruleFiles", .number(Double(ruleFileCount))),
        ("caseFiles", .number(Double(caseCount))),
        ("errors", .number(Double(diagnostics.errorCount))),
        ("warnings", .number(Double(diagnostics.warningCount))),
        ("diagnostics", JSONDiagnosticRenderer().json(diagnostics, files: ruleBase.sources)),
      ])
      console.out(document.rendered() + "\n")
      return
    }
    let renderer = TextDiagnosticRenderer(style: invocation.errorStyle)
    console.error(renderer.render(diagnostics, files: ruleBase.sources))
    let scope =
      "\(ruleFileCount) rule file\(ruleFileCount == 1 ? "" : "s") and \(caseCount) case file\(caseCount == 1 ? "" : "s")"
    if diagnostics.isEmpty {
      let vocabulary = ruleBase.vocabulary
      console.out(
        "checked \(scope): no problems (\(vocabulary.templates.count) templates, \(vocabulary.diagnoses.count) diagnoses, "
          + "\(ruleBase.rules.count) rules)\n")
    } else {
      let errors = diagnostics.errorCount
      let warnings = diagnostics.warningCount
      console.error(
        "checked \(scope): \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\n"
      )
    }
  }
}
