import RuleEngine

/// Whether to colour output: `auto` colours only a terminal, and never when `NO_COLOR` is set.
public enum ColorMode: String, Sendable, CaseIterable {
  case auto
  case always
  case never

  /// Decides for one stream.
  public func enabled(isTerminal: Bool, environment: [String: String]) -> Bool {
    switch self {
    case .always: true
    case .never: false
    case .auto:
      isTerminal && (environment["NO_COLOR"].map(\.isEmpty) ?? true) && environment["TERM"] != "dumb"
    }
  }

  public func rendererStyle(isTerminal: Bool, environment: [String: String]) -> TextDiagnosticRenderer.Style {
    enabled(isTerminal: isTerminal, environment: environment) ? .ansi : .plain
  }
}
