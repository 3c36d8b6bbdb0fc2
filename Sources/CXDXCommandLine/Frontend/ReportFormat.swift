/// The output formats of `diagnose` and `explain`.
enum ReportFormat: String, CaseIterable {
  case text
  case json
  case markdown
  case html
  case dot
  /// `diagnose` only: one tab-separated line per case.
  case summary

  /// Reads `--format`, printing a usage error for a format the command does not have.
  static func parse(_ invocation: Invocation, command: String, allowed: [ReportFormat])
    -> Result<ReportFormat, ExitStatus>
  {
    let text = invocation.arguments.value("--format") ?? "text"
    guard let format = ReportFormat(rawValue: text), allowed.contains(format) else {
      let names = allowed.map(\.rawValue)
      let suggestion = text.closestMatch(in: names).map { "did you mean '\($0)'? " } ?? ""
      invocation.console.error(
        "cxdx \(command): error: unknown format '\(text)'\nhelp: \(suggestion)use "
          + names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "") + "\n")
      return .failure(.usage)
    }
    return .success(format)
  }
}
