import RuleEngine

/// What a subcommand receives when it runs.
public struct Invocation {
  public let arguments: ParsedArguments
  public let console: Console
  public let environment: [String: String]
  /// Where interactive commands (`consult`) read their answers; standard input when nil.
  public var input: LineSource?

  /// The colour decision for standard error (where diagnostics go).
  public var errorStyle: TextDiagnosticRenderer.Style {
    colorMode.rendererStyle(isTerminal: console.errorIsTerminal, environment: environment)
  }

  /// The colour decision for standard output.
  public var outputColor: Bool {
    colorMode.enabled(isTerminal: console.outputIsTerminal, environment: environment)
  }

  public var colorMode: ColorMode { arguments.value("--color").flatMap(ColorMode.init(rawValue:)) ?? .auto }
}

/// One `cxdx` subcommand: its help, its options and what it does.
public protocol Subcommand: Sendable {
  var name: String { get }
  /// One sentence, shown in the subcommand list.
  var abstract: String { get }
  /// The synopsis after `cxdx`.
  var usage: String { get }
  /// Paragraphs shown after the synopsis in `cxdx help NAME`.
  var discussion: String { get }
  var arguments: [ArgumentSpec] { get }
  var options: [OptionSpec] { get }
  func run(_ invocation: Invocation) -> ExitStatus
}

extension Subcommand {
  /// The options every subcommand has, after its own.
  var allOptions: [OptionSpec] {
    options + [
      .option(
        "--color", value: "when", help: "Colour output: auto (a terminal without NO_COLOR), always, never."),
      .flag("-h", "--help", help: "Show this help."),
    ]
  }

  /// The full help text, in the layout Swift command-line tools use.
  var helpText: String {
    var text = "OVERVIEW: \(abstract)\n\n"
    if !discussion.isEmpty { text += discussion + "\n\n" }
    text += "USAGE: cxdx \(usage)\n"
    if !arguments.isEmpty {
      text += "\nARGUMENTS:\n"
      text += table(arguments.map { ("<\($0.name)>", $0.help) })
    }
    text += "\nOPTIONS:\n"
    text += table(allOptions.map { ($0.synopsis, $0.help) })
    return text
  }
}

/// Two aligned columns, wrapping nothing: help lines are written short.
func table(_ rows: [(String, String)]) -> String {
  let width = min(28, (rows.map(\.0.count).max() ?? 0) + 2)
  var text = ""
  for (left, right) in rows {
    if left.count + 2 > width {
      text += "  \(left)\n" + String(repeating: " ", count: width + 2) + right + "\n"
    } else {
      text += "  " + left + String(repeating: " ", count: width - left.count) + right + "\n"
    }
  }
  return text
}
