/// One option a subcommand accepts.
public struct OptionSpec: Sendable {
  public let names: [String]
  /// The placeholder for the option's value; nil for a flag.
  public let valueName: String?
  public let help: String
  /// Whether the option may be given more than once.
  public let repeatable: Bool

  public static func flag(_ names: String..., help: String) -> OptionSpec {
    OptionSpec(names: names, valueName: nil, help: help, repeatable: false)
  }

  public static func option(_ names: String..., value: String, help: String, repeatable: Bool = false)
    -> OptionSpec
  {
    OptionSpec(names: names, valueName: value, help: help, repeatable: repeatable)
  }

  /// The canonical name, used as the key of parsed values.
  public var key: String { names.first { $0.hasPrefix("--") } ?? names[0] }

  var synopsis: String {
    let joined = names.joined(separator: ", ")
    return valueName.map { "\(joined) <\($0)>" } ?? joined
  }
}

/// A positional argument, for help text.
public struct ArgumentSpec: Sendable {
  public let name: String
  public let help: String
  public init(_ name: String, help: String) {
    self.name = name
    self.help = help
  }
}
