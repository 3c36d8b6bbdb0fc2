import RuleEngine

/// The `cxdx` command: dispatches to subcommands, prints help and version, maps errors to
/// exit statuses. `main.swift` only calls ``run(_:environment:console:)``.
public struct CommandLineTool: Sendable {
  public static let version = "0.1.0"

  public let subcommands: [any Subcommand]

  public init() {
    subcommands = [
      DiagnoseCommand(), ExplainCommand(), ConsultCommand(), TestCommand(), CheckCommand(), FormatCommand(),
      RunCommand(),
    ]
  }

  public var overview: String {
    var text = """
      OVERVIEW: cxdx finds the root-cause enemies of a customer-experience transformation and explains why.

      A forward-chaining rule engine (a Rete network) applies the rules in rules/ to an organization's
      case file and reports each enemy with its certainty and the reasoning behind it.

      USAGE: cxdx <subcommand> [options]

      SUBCOMMANDS:

      """
    text += table(subcommands.map { ($0.name, $0.abstract) } + [("help", "Show help for a subcommand.")])
    text += """

      OPTIONS:
        -h, --help                  Show this help.
        --version                   Show the version.

      See 'cxdx help <subcommand>' for the options of each subcommand.

      """
    return text
  }

  /// Runs the command line (without the program name) and returns the exit status. `input` is
  /// where `consult` reads its answers (standard input when nil).
  public func run(
    _ arguments: [String], environment: [String: String], console: Console, input: LineSource? = nil
  ) -> ExitStatus {
    guard let first = arguments.first else {
      console.error(overview)
      return .usage
    }
    switch first {
    case "-h", "--help":
      console.out(overview)
      return .success
    case "--version":
      console.out("cxdx \(CommandLineTool.version)\n")
      return .success
    case "help":
      guard arguments.count > 1 else {
        console.out(overview)
        return .success
      }
      guard let subcommand = subcommand(named: arguments[1], console: console) else { return .usage }
      console.out(subcommand.helpText)
      return .success
    default:
      guard let subcommand = subcommand(named: first, console: console) else { return .usage }
      let scanner = ArgumentScanner(options: subcommand.allOptions)
      let parsed: ParsedArguments
      do {
        parsed = try scanner.parse(Array(arguments.dropFirst()))
      } catch {
        reportUsage(error, subcommand: subcommand.name, console: console)
        return .usage
      }
      if parsed.has("--help") {
        console.out(subcommand.helpText)
        return .success
      }
      if let color = parsed.value("--color"), ColorMode(rawValue: color) == nil {
        reportUsage(
          UsageError("unknown colour mode '\(color)'", help: "use auto, always or never"),
          subcommand: subcommand.name, console: console)
        return .usage
      }
      return subcommand.run(
        Invocation(arguments: parsed, console: console, environment: environment, input: input))
    }
  }

  private func subcommand(named name: String, console: Console) -> (any Subcommand)? {
    if let found = subcommands.first(where: { $0.name == name }) { return found }
    let names = subcommands.map(\.name) + ["help"]
    let message = name.hasPrefix("-") ? "unknown option '\(name)'" : "unknown subcommand '\(name)'"
    let suggestion = name.closestMatch(in: names + ["--help", "--version"])
    console.error("cxdx: error: \(message)\n")
    console.error(
      suggestion.map { "help: did you mean '\($0)'?\n" }
        ?? "help: the subcommands are \(names.joined(separator: ", "))\n")
    return nil
  }

  private func reportUsage(_ error: UsageError, subcommand: String, console: Console) {
    console.error("cxdx \(subcommand): error: \(error.message)\n")
    if let help = error.help { console.error("help: \(help)\n") }
    console.error("See 'cxdx help \(subcommand)'.\n")
  }
}
