import RuleEngine

/// The arguments of one subcommand after parsing.
public struct ParsedArguments: Sendable {
  public var flags: Set<String> = []
  public var values: [String: [String]] = [:]
  public var positionals: [String] = []

  public func has(_ key: String) -> Bool { flags.contains(key) }
  public func value(_ key: String) -> String? { values[key]?.last }
  public func all(_ key: String) -> [String] { values[key] ?? [] }
}

/// A command-line mistake; always exit status 2.
public struct UsageError: Error, Sendable {
  public let message: String
  public let help: String?
  public init(_ message: String, help: String? = nil) {
    self.message = message
    self.help = help
  }
}

/// Splits arguments into flags, option values and positionals against a subcommand's specs.
///
/// Accepts `--name value`, `--name=value`, `-x value`, and `--` to end options.
public struct ArgumentScanner: Sendable {
  public let options: [OptionSpec]

  public init(options: [OptionSpec]) {
    self.options = options
  }

  public func parse(_ arguments: [String]) throws(UsageError) -> ParsedArguments {
    var parsed = ParsedArguments()
    var index = 0
    var optionsEnded = false
    while index < arguments.count {
      let argument = arguments[index]
      index += 1
      if optionsEnded || !argument.hasPrefix("-") || argument == "-" {
        parsed.positionals.append(argument)
        continue
      }
      if argument == "--" {
        optionsEnded = true
        continue
      }
      var name = argument
      var inlineValue: String?
      if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
        name = String(argument[..<equals])
        inlineValue = String(argument[argument.index(after: equals)...])
      }
      guard let spec = options.first(where: { $0.names.contains(name) }) else {
        let all = options.flatMap(\.names)
        let suggestion = name.closestMatch(in: all)
        throw UsageError(
          "unknown option '\(name)'",
          help: suggestion.map { "did you mean '\($0)'?" } ?? "see --help for the options")
      }
      if spec.valueName == nil {
        if inlineValue != nil { throw UsageError("option '\(name)' takes no value") }
        parsed.flags.insert(spec.key)
        continue
      }
      let value: String
      if let inlineValue {
        value = inlineValue
      } else if index < arguments.count {
        value = arguments[index]
        index += 1
      } else {
        throw UsageError(
          "option '\(name)' needs a value", help: "write \(name) <\(spec.valueName ?? "value")>")
      }
      if !spec.repeatable, parsed.values[spec.key] != nil {
        throw UsageError("option '\(name)' is given more than once")
      }
      parsed.values[spec.key, default: []].append(value)
    }
    return parsed
  }
}
