import RuleEngine
import RuleLanguage

/// `cxdx fmt`: put rule files and case files in canonical layout, or check that they are.
struct FormatCommand: Subcommand {
  let name = "fmt"
  let abstract = "Put rule files and case files in canonical layout."
  let usage = "fmt [--check | --write] <path> ... [--rules <dir>]"
  let discussion = """
    Each path is a '.rules' file, a '.facts' case file, or a folder holding
    either (not searched recursively). With no flag, prints the formatted text
    of one file. --check lists the files whose layout differs; --write rewrites
    them, atomically, and lists them. Comments stay where they are. A case
    fact's named values follow its template's slot order, from the rule files
    given, else --rules, else the default rules folder (as written when none is
    found). A file with syntax errors is reported and never changed.
    Exit status: 0 when done (with --check: every file in layout), 1 when a
    file differs (--check), has errors or cannot be written, 2 for a usage
    error.
    """
  let arguments = [ArgumentSpec("path", help: "Rule files, case files, or folders of them.")]
  let options: [OptionSpec] = [
    .flag("--check", help: "List the files not in canonical layout; exit 1 if any."),
    .flag("--write", help: "Rewrite the files not in canonical layout, in place."),
    .option("--rules", value: "dir", help: "The rules folder, for case facts' slot order."),
    RunLimits.fileSizeOption,
  ]

  private enum Mode {
    case print
    case check
    case write
  }

  func run(_ invocation: Invocation) -> ExitStatus {
    let console = invocation.console
    func usageError(_ message: String, help: String? = nil) -> ExitStatus {
      console.error("cxdx fmt: error: \(message)\n" + (help.map { "help: \($0)\n" } ?? ""))
      return .usage
    }
    let mode: Mode
    switch (invocation.arguments.has("--check"), invocation.arguments.has("--write")) {
    case (true, true): return usageError("--check and --write cannot be used together")
    case (true, false): mode = .check
    case (false, true): mode = .write
    case (false, false): mode = .print
    }
    let reader: FileReader
    switch RunLimits.reader(FileReader(), invocation, command: name) {
    case .success(let limited): reader = limited
    case .failure(let status): return status
    }
    let paths = invocation.arguments.positionals
    guard !paths.isEmpty else {
      return usageError(
        "no file to format", help: "give rule files, case files or folders: 'cxdx fmt --check rules cases'")
    }
    var problems: [Diagnostic] = []
    // A file named twice (or reached through a link as well) is formatted once.
    var seen = Set<String>()
    let files = paths.flatMap { collect($0, reader: reader, problems: &problems) }.filter {
      seen.insert(FileReader.resolved($0) ?? $0).inserted
    }
    if mode == .print, paths.count > 1 || files.count > 1 {
      let given =
        paths.count > 1 ? "\(paths.count) paths were given" : "'\(paths[0])' holds \(files.count) files"
      return usageError(
        "without --check or --write, fmt prints one file; \(given)",
        help: "use --check to list the files that differ, or --write to rewrite them")
    }
    let slotOrder: SlotOrder
    switch self.slotOrder(for: files, reader: reader, invocation: invocation) {
    case .success(let order): slotOrder = order
    case .failure(let error): return usageError(error.message, help: error.help)
    }

    let formatter = Formatter(slotOrder: slotOrder)
    let renderer = TextDiagnosticRenderer(style: invocation.errorStyle)
    var sources = SourceFiles()
    var failed = !problems.isEmpty
    var differing = 0
    console.error(renderer.render(problems, files: sources))
    for path in files {
      let bytes: [UInt8]
      switch reader.read(path) {
      case .success(let read): bytes = read
      case .failure(let diagnostic):
        console.error(renderer.render([diagnostic], files: sources))
        failed = true
        continue
      }
      let file = sources.add(path: path, bytes: bytes)
      switch formatter.format(file) {
      case .notParsed(let diagnostics):
        console.error(renderer.render(diagnostics.sortedByLocation(), files: sources))
        console.error("cxdx fmt: '\(path)' has syntax errors; left as it is\n")
        failed = true
      case .unsafe(let reason):
        console.error("cxdx fmt: error: cannot format '\(path)' safely: \(reason); left as it is\n")
        failed = true
      case .formatted(let text):
        let changed = Array(text.utf8) != bytes
        switch mode {
        case .print: console.out(text)
        case .check:
          if changed {
            console.out(path + "\n")
            differing += 1
          }
        case .write:
          guard changed else { continue }
          switch AtomicFileWriter.write(text, to: path) {
          case .success: console.out(path + "\n")
          case .failure(let failure):
            console.error("cxdx fmt: error: \(failure.message)\n")
            failed = true
          }
        }
      }
    }
    if differing > 0 {
      console.error(
        "cxdx fmt: \(differing) of \(files.count) file\(files.count == 1 ? "" : "s") not in canonical layout; "
          + "'cxdx fmt --write' rewrites them\n")
    }
    return failed || differing > 0 ? .failure : .success
  }

  /// The files a path names: itself, or a folder's `.rules` and `.facts` files in name order.
  private func collect(_ path: String, reader: FileReader, problems: inout [Diagnostic]) -> [String] {
    switch reader.kind(of: path) {
    case .directory:
      // The folder's own files only: a link leading out of it is refused (E0406), as by `check`.
      switch reader.list(path, suffixes: [".rules", ".facts"]) {
      case .failure(let problem):
        problems.append(problem)
        return []
      case .success(let listing):
        problems += listing.refused
        if listing.files.isEmpty && listing.refused.isEmpty {
          problems.append(.error(.noRuleFiles, "no '.rules' or '.facts' files in '\(path)'", at: nil))
        }
        return listing.files
      }
    case .missing:
      problems.append(.error(.cannotRead, "cannot read '\(path)': no such file or folder", at: nil))
      return []
    case .file:
      guard path.hasSuffix(".rules") || path.hasSuffix(".facts") else {
        problems.append(
          .error(
            .unknownFileKind, "'\(path)' is neither a '.rules' nor a '.facts' file", at: nil,
            help:
              "fmt lays out rule files ('.rules') and case files ('.facts'); JSON cases keep their own layout"
          ))
        return []
      }
      return [path]
    }
  }

  /// The templates' slot orders for the case files among `files`: from the rule files given,
  /// else from `--rules` (a usage error when it is not a folder), else from the default rules
  /// folder; as written when none is found. Rule files that do not parse give the templates
  /// they could.
  private func slotOrder(for files: [String], reader: FileReader, invocation: Invocation)
    -> Result<SlotOrder, UsageError>
  {
    guard files.contains(where: { $0.hasSuffix(".facts") }) else { return .success(.asWritten) }
    var rulePaths = files.filter { $0.hasSuffix(".rules") }
    if rulePaths.isEmpty {
      let explicit = invocation.arguments.value("--rules")
      switch RulesLocator(reader: reader, environment: invocation.environment).locate(explicit: explicit) {
      case .success(let folder): rulePaths = [folder]
      case .failure(let error):
        if explicit != nil { return .failure(error) }
        return .success(.asWritten)
      }
    }
    let ruleBase = RuleBaseLoader(reader: reader).loadRules(from: rulePaths)
    return .success(SlotOrder(ruleFiles: ruleBase.ruleFiles))
  }
}
