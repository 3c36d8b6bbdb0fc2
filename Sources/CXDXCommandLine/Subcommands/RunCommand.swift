import RuleEngine
import RuleLanguage

/// `cxdx run`: runs a general rule program, as CLIPS's `(reset) (run)` does.
struct RunCommand: Subcommand {
  let name = "run"
  let abstract = "Run a rule program and print what its rules print."
  let usage =
    "run <program> ... [--facts <file>] ... [--strategy depth|breadth|lex|mea] [--max-firings <n>] [--max-facts <n>] [--time-limit <seconds>] [--max-file-size <MiB>] [--stats] [--watch <what>]"
  let discussion = """
    Loads the '.rules' files (or folders) given, asserts the facts of each --facts file in
    order, then fires rules until none is left, a rule halts, or a limit is reached.
    Exit status: 0 when the run finished or halted, 1 for errors in the input or a failed
    action, 2 for a usage error, 3 when the run stopped at a limit.
    """
  let arguments = [ArgumentSpec("program", help: "Rule files or folders of them.")]
  let options: [OptionSpec] = [
    .option(
      "--facts", value: "file", help: "A fact file to assert before running (repeatable).", repeatable: true),
    .option(
      "--strategy", value: "strategy", help: "Conflict resolution: depth (default), breadth, lex, mea."),
    .option("--max-firings", value: "n", help: "Stop after this many firings (default 1000000)."),
    .option("--max-facts", value: "n", help: "Stop when working memory holds more facts (default 10000000)."),
    .option("--time-limit", value: "seconds", help: "Stop after this many seconds of running."),
    RunLimits.fileSizeOption,
    .flag("--stats", help: "Print rules fired, facts, activations and time at the end."),
    .option(
      "--watch", value: "what", help: "Trace facts, rules, activations (comma-separated) as they happen."),
  ]

  func run(_ invocation: Invocation) -> ExitStatus {
    let console = invocation.console
    guard !invocation.arguments.positionals.isEmpty else {
      console.error("cxdx run: error: no program given\nhelp: write 'cxdx run program.rules'\n")
      return .usage
    }
    var options = RunOptions()
    if let strategy = invocation.arguments.value("--strategy") {
      guard let parsed = ConflictStrategy(rawValue: strategy) else {
        console.error(
          "cxdx run: error: unknown strategy '\(strategy)'\nhelp: use depth, breadth, lex or mea\n")
        return .usage
      }
      options.strategy = parsed
    }
    for (flag, apply) in [
      ("--max-firings", { (n: Int) in options.maximumFirings = n }),
      ("--max-facts", { options.maximumFacts = $0 }),
    ] {
      guard let text = invocation.arguments.value(flag) else { continue }
      guard let number = Int(text), number > 0 else {
        console.error("cxdx run: error: \(flag) takes a positive whole number\n")
        return .usage
      }
      apply(number)
    }
    if let text = invocation.arguments.value("--time-limit") {
      guard let seconds = Double(text), seconds > 0 else {
        console.error("cxdx run: error: --time-limit takes a positive number of seconds\n")
        return .usage
      }
      options.timeLimit = seconds
    }
    var watch: Set<String> = []
    if let text = invocation.arguments.value("--watch") {
      watch = Set(text.split(separator: ",").map(String.init))
      let unknown = watch.subtracting(["facts", "rules", "activations", "all"])
      guard unknown.isEmpty else {
        console.error(
          "cxdx run: error: cannot watch '\(unknown.sorted().joined(separator: ","))'\nhelp: watch facts, rules, activations or all\n"
        )
        return .usage
      }
      if watch.contains("all") { watch = ["facts", "rules", "activations"] }
    }

    let reader: FileReader
    switch RunLimits.reader(FileReader(), invocation, command: name) {
    case .success(let limited): reader = limited
    case .failure(let status): return status
    }
    let loader = ProgramLoader(invocation: invocation, reader: reader)
    guard
      let (knowledgeBase, ruleBase, cases) = loader.load(
        programs: invocation.arguments.positionals, factFiles: invocation.arguments.all("--facts"))
    else { return .failure }

    let session = InferenceSession(knowledgeBase: knowledgeBase, options: options)
    session.output = { console.out($0) }
    if !watch.isEmpty { session.observer = TraceWriter(watch: watch, console: console).write }
    do {
      for syntax in cases { try session.assertFacts(of: syntax) }
    } catch {
      console.error("cxdx run: error: \(error)\n")
      return .failure
    }
    let result = session.run(options)
    if invocation.arguments.has("--stats") { printStatistics(session, result, knowledgeBase, console) }
    switch result.stopReason {
    case .finished, .halted:
      return .success
    case .firingLimit, .factLimit, .timeLimit:
      console.error(
        "cxdx run: error: " + (RunLimits.message(result, options: options) ?? "stopped at a limit\n"))
      return .limitReached
    case .evaluationError(let diagnostic):
      console.error(
        TextDiagnosticRenderer(style: invocation.errorStyle).render([diagnostic], files: ruleBase.sources))
      return .failure
    }
  }

  private func printStatistics(
    _ session: InferenceSession, _ result: RunResult, _ knowledgeBase: KnowledgeBase, _ console: Console
  ) {
    let statistics = session.statistics
    let perSecond = result.elapsedSeconds > 0 ? Double(result.firings) / result.elapsedSeconds : 0
    let network = knowledgeBase.networkSummary
    console.out(
      """
      \(result.firings) rules fired        Run time is \((result.elapsedSeconds).fixed(3)) seconds.
      \((perSecond).fixed(0)) rules per second.
      \((statistics.meanFacts).fixed(1)) mean number of facts (\(statistics.peakFacts) maximum, \(statistics.facts) at the end).
      \(statistics.activations) activations, \(statistics.partialMatches) partial matches held.
      Network: \(network.alphaMemories) alpha memories, \(network.betaNodes) beta nodes, \(network.productions) productions.

      """)
  }
}
