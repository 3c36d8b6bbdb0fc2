import RuleEngine
import RuleLanguage

/// The limits a run stops at, the options that raise them, and the message when one is hit:
/// what stopped the run (with its code), and how to raise the limit. Exit status 3.
enum RunLimits {
  /// Per case, for `diagnose`, `explain`, `test` and `consult`. The bundled cases fire at most
  /// 28 rules over at most a few dozen facts, so 100,000 of each leaves three orders of
  /// magnitude to spare, while a rule that loops is stopped in well under a second.
  static let caseDefaults = RunOptions(maximumFirings: 100_000, maximumFacts: 100_000)

  /// `--max-firings` for the commands that diagnose cases.
  static let maxFiringsOption = OptionSpec.option(
    "--max-firings", value: "n",
    help: "Stop a case's run after this many rule firings (default \(caseDefaults.maximumFirings)).")

  /// `--max-facts` for the commands that diagnose cases.
  static let maxFactsOption = OptionSpec.option(
    "--max-facts", value: "n",
    help: "Stop a case's run when it holds more facts (default \(caseDefaults.maximumFacts)).")

  /// `--max-file-size` for the commands that read cases or programs (`check` declares its own).
  static let fileSizeOption = OptionSpec.option(
    "--max-file-size", value: "MiB", help: "Refuse files larger than this (default 256).")

  /// `reader` with `--max-file-size MIB` applied, when given.
  static func reader(_ reader: FileReader, _ invocation: Invocation, command: String)
    -> Result<FileReader, ExitStatus>
  {
    guard let text = invocation.arguments.value("--max-file-size") else { return .success(reader) }
    guard let mebibytes = Int(text), mebibytes > 0, mebibytes <= 1 << 20 else {
      invocation.console.error(
        "cxdx \(command): error: --max-file-size takes a positive whole number of MiB\n")
      return .failure(.usage)
    }
    var limited = reader
    limited.maximumFileSize = mebibytes * 1_048_576
    return .success(limited)
  }

  /// `defaults` with `--max-firings` and `--max-facts` applied, when given.
  static func parse(_ invocation: Invocation, command: String, defaults: RunOptions)
    -> Result<RunOptions, ExitStatus>
  {
    var options = defaults
    for flag in ["--max-firings", "--max-facts"] {
      guard let text = invocation.arguments.value(flag) else { continue }
      guard let number = Int(text), number > 0 else {
        invocation.console.error("cxdx \(command): error: \(flag) takes a positive whole number\n")
        return .failure(.usage)
      }
      if flag == "--max-firings" { options.maximumFirings = number } else { options.maximumFacts = number }
    }
    return .success(options)
  }

  /// What to print after `cxdx COMMAND: error: ` when a run stopped at a limit (lines ending
  /// in a line break), or nil when it did not.
  static func message(_ result: RunResult, options: RunOptions) -> String? {
    switch result.stopReason {
    case .firingLimit(let top):
      let busiest = top.map { "\($0.rule) (\($0.firings))" }.joined(separator: ", ")
      return "stopped after \(result.firings) rule firings, the limit [E0501]\n"
        + "note: the rules that fired most: \(busiest)\n"
        + "help: a rule that re-asserts what it matches runs forever; raise the limit with --max-firings N\n"
    case .factLimit:
      return
        "working memory passed \(options.maximumFacts) facts [E0502]\nhelp: raise it with --max-facts N\n"
    case .timeLimit:
      return
        "stopped after \(options.timeLimit ?? 0) seconds [E0504]\nhelp: raise it with --time-limit SECONDS\n"
    case .finished, .halted, .evaluationError:
      return nil
    }
  }
}
