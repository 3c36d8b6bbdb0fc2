/// Renders diagnostics as JSON for tools: the same data as the text form, stable key order.
public struct JSONDiagnosticRenderer: Sendable {
  public init() {}

  public func json(_ diagnostics: [Diagnostic], files: SourceFiles) -> JSONValue {
    .array(diagnostics.map { json($0, files: files) })
  }

  public func json(_ diagnostic: Diagnostic, files: SourceFiles) -> JSONValue {
    var members: [(String, JSONValue)] = [
      ("severity", .string(diagnostic.severity.rawValue)),
      ("code", .string(diagnostic.code.rawValue)),
      ("message", .string(diagnostic.message)),
    ]
    members.append(("location", diagnostic.primary.map { location($0, files: files) } ?? .null))
    members.append(("help", diagnostic.help.map(JSONValue.string) ?? .null))
    members.append(("notes", .array(diagnostic.notes.map(JSONValue.string))))
    members.append(("related", .array(diagnostic.secondary.map { location($0, files: files) })))
    return .object(members)
  }

  private func location(_ label: DiagnosticLabel, files: SourceFiles) -> JSONValue {
    guard let file = files[label.span.file] else { return .null }
    let start = file.location(of: label.span.start)
    let end = file.location(of: label.span.end)
    return .object([
      ("file", .string(file.path)),
      ("line", .number(Double(start.line))),
      ("column", .number(Double(start.column))),
      ("endLine", .number(Double(end.line))),
      ("endColumn", .number(Double(end.column))),
      ("label", .string(label.text)),
    ])
  }
}
