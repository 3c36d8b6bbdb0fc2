import RuleEngine
import RuleLanguage

/// `cxdx consult`: an interview that asks only the questions that can change a diagnosis.
struct ConsultCommand: Subcommand {
  let name = "consult"
  let abstract = "Interview: ask only what can change a diagnosis, say why, save the case."
  let usage = "consult [--case <file>] [--save <file>] [--rules <dir>] [--threshold <x>]"
  let discussion = """
    Starts from the facts a case states (or none) and asks for the slots the vocabulary
    declares an 'ask' question for, one at a time, choosing each question by the rules it
    could complete or unblock, weighted by their factors and by how close they are, for
    diagnoses not yet settled. It never asks what is known or what no unfinished rule reads,
    and stops when no remaining question can move any diagnosis across the threshold.
    At the prompt: a number or a value, or why, how <diagnosis>, unknown, unknown all (nothing
    more is known about this fact), back, status, quit, help. Answers are saved as a case
    file (--save, else back into --case; a --case that does not exist yet is created),
    atomically, also on Ctrl-C or end of input; answers that state no value are kept as
    '# consult:' notes, so a resumed consultation asks only what is missing. With standard
    input not a terminal it reads one answer a line and prints no colour. CXDX_CONSULT_DATE
    fixes the date written in the file's comment. Exit status: 0 when done (or quit), 1 when
    the case or the rules have errors or the file cannot be written, 2 for a usage error, 3
    when a run reached a limit (answers saved), 130 after Ctrl-C.
    """
  let arguments: [ArgumentSpec] = []
  let options: [OptionSpec] = [
    .option("--case", value: "file", help: "Start from this case's facts; save back into it."),
    .option("--save", value: "file", help: "Save the answered case here (default: the --case file)."),
    .option("--rules", value: "dir", help: "The rules folder (default: rules/, else $CXDX_RULES)."),
    .option(
      "--threshold", value: "x", help: "A diagnosis is found at or above this certainty (default 0.2)."),
  ]

  func run(_ invocation: Invocation) -> ExitStatus {
    let console = invocation.console
    if let extra = invocation.arguments.positionals.first {
      console.error(
        "cxdx consult: error: unexpected argument '\(extra)'\n"
          + "help: name the case with --case, e.g. 'cxdx consult --case \(extra)'\n")
      return .usage
    }
    let threshold: Double
    let runner: CaseRunner
    switch KnowledgeBaseLoader(invocation: invocation, command: name).thresholdAndRunner() {
    case .success(let loaded): (threshold, runner) = loaded
    case .failure(let status): return status
    }
    let casePath = invocation.arguments.value("--case")
    // Answers are written into the case's text as `.facts` syntax, which a JSON file cannot hold.
    for path in [casePath, invocation.arguments.value("--save")].compactMap({ $0 })
    where RuleBaseLoader.isJSONCase(path) {
      console.error(
        "cxdx consult: error: '\(path)' is a JSON case; consult reads and saves '.facts' files\n"
          + "help: save the answers to a '.facts' file (--save answers.facts)\n")
      return .usage
    }
    let original: CaseTextWriter.Original?
    switch readCase(casePath, runner: runner, invocation: invocation) {
    case .success(let found): original = found
    case .failure(let status): return status
    }
    let vocabulary = runner.knowledgeBase.vocabulary
    let kinds = FactKinds(vocabulary: vocabulary)
    let destination = invocation.arguments.value("--save") ?? casePath
    // Found out now, not after the interview: a destination that cannot hold a file.
    if let destination, let problem = Self.unwritable(destination, reader: runner.loader.reader) {
      console.error("cxdx consult: error: cannot save to '\(destination)': \(problem)\n")
      return .usage
    }
    let writer = CaseTextWriter(
      original: original, vocabulary: vocabulary,
      date: Consultation.today(environment: invocation.environment))
    let stated = original.map { Consultation.statedFacts($0.syntax, vocabulary: vocabulary) } ?? []
    let consultation = Consultation(
      runner: runner, writer: writer, kinds: kinds, threshold: threshold, path: destination ?? "consultation",
      state: ConsultCase(
        stated: stated,
        prior: original.map {
          ConsultNotes.read(String(decoding: $0.bytes, as: UTF8.self), facts: stated, kinds: kinds)
        } ?? ConsultCase.Prior()))
    let input = invocation.input ?? .standardInput()
    // Only the real standard input is interrupted by Ctrl-C; a test's lines are not.
    if invocation.input == nil { InterruptSignal.install() }
    defer { if invocation.input == nil { InterruptSignal.uninstall() } }
    var interview = Interview(
      consultation: consultation, input: input, console: console, destination: destination,
      color: input.isTerminal && invocation.outputColor, errorStyle: invocation.errorStyle)
    return interview.run()
  }

  /// Why a path cannot take the saved case (a folder, or in a folder that does not exist);
  /// nil when it can, as far as can be told before writing.
  private static func unwritable(_ path: String, reader: FileReader) -> String? {
    if reader.kind(of: path) == .directory { return "it is a folder" }
    let folder = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
    guard folder.isEmpty || reader.kind(of: folder) == .directory else {
      return "the folder '\(folder)' does not exist"
    }
    return nil
  }

  /// The case file to start from: nil when none is given or it does not exist yet.
  private func readCase(_ path: String?, runner: CaseRunner, invocation: Invocation)
    -> Result<CaseTextWriter.Original?, ExitStatus>
  {
    guard let path else { return .success(nil) }
    switch runner.loader.reader.kind(of: path) {
    case .missing:
      return .success(nil)
    case .directory:
      invocation.console.error("cxdx consult: error: --case takes a case file; '\(path)' is a folder\n")
      return .failure(.usage)
    case .file:
      break
    }
    var base = runner.ruleBase
    let loaded = runner.loader.loadCase(path, into: &base)
    guard let file = loaded.file, let syntax = loaded.syntax, !loaded.diagnostics.hasErrors else {
      invocation.console.error(
        TextDiagnosticRenderer(style: invocation.errorStyle).render(loaded.diagnostics, files: base.sources))
      invocation.console.error("cxdx consult: error: '\(path)' has errors; fix them first ('cxdx check')\n")
      return .failure(.failure)
    }
    return .success(CaseTextWriter.Original(bytes: file.bytes, syntax: syntax))
  }
}
