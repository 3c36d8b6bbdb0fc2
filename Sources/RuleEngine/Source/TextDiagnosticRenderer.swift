/// Prints diagnostics the way compilers do: a `path:line:column: severity: message [code]`
/// header, the offending line, a caret under the spot, then help and notes.
///
/// ```
/// rules/a.rules:7:23: error: unknown slot 'suport' for template 'group' [E0302]
///     7 |     group(name: ?who, suport: enthusiastic)
///       |                       ^^^^^^ not a slot of 'group'
///       = help: did you mean 'support'?
/// ```
public struct TextDiagnosticRenderer: Sendable {
  /// Plain text, or text with ANSI colour escapes for a terminal.
  public enum Style: Sendable {
    case plain
    case ansi
  }

  public var style: Style
  /// The most characters of a source line shown; a longer line is cut to a window around the
  /// caret, with `…` where text is left out.
  public var maximumLineWidth: Int

  public init(style: Style = .plain, maximumLineWidth: Int = 100) {
    self.style = style
    self.maximumLineWidth = max(20, maximumLineWidth)
  }

  /// Renders all diagnostics, each followed by a blank line.
  public func render(_ diagnostics: [Diagnostic], files: SourceFiles) -> String {
    var out = ""
    for diagnostic in diagnostics {
      out += render(diagnostic, files: files)
      out += "\n"
    }
    return out
  }

  public func render(_ diagnostic: Diagnostic, files: SourceFiles) -> String {
    var out = ""
    let severityText = paint(diagnostic.severity.rawValue, severityColor(diagnostic.severity), bold: true)
    let header = paint(diagnostic.message, nil, bold: true)
    let code = "[\(diagnostic.code.rawValue)]"
    guard let primary = diagnostic.primary, let file = files[primary.span.file] else {
      out += "cxdx: \(severityText): \(header) \(code)\n"
      appendFooter(diagnostic, files: files, gutterWidth: 0, into: &out)
      return out
    }
    let start = file.location(of: primary.span.start)
    out += "\(file.path):\(start.line):\(start.column): \(severityText): \(header) \(code)\n"
    let gutterWidth = max(4, String(start.line).count + 1)
    appendSnippet(primary, file: file, gutterWidth: gutterWidth, severity: diagnostic.severity, into: &out)
    appendFooter(diagnostic, files: files, gutterWidth: gutterWidth, into: &out)
    return out
  }

  // MARK: - Parts

  private func appendSnippet(
    _ label: DiagnosticLabel, file: SourceFile, gutterWidth: Int, severity: Severity, into out: inout String
  ) {
    let lineNumber = file.line(containing: label.span.start)
    let lineRange = file.byteRange(ofLine: lineNumber)
    let line = Array(visible(String(decoding: file.bytes[lineRange], as: UTF8.self)))
    let caretStart = min(max(label.span.start, lineRange.lowerBound), lineRange.upperBound)
    let caretEnd = min(label.span.end, lineRange.upperBound)
    let caretColumn = min(
      line.count,
      visible(String(decoding: file.bytes[lineRange.lowerBound..<caretStart], as: UTF8.self)).count)
    let covered =
      caretEnd > caretStart
      ? visible(String(decoding: file.bytes[caretStart..<caretEnd], as: UTF8.self)).count : 0

    let window = visibleWindow(lineLength: line.count, caretColumn: caretColumn)
    let cutBefore = window.lowerBound > 0
    let cutAfter = window.upperBound < line.count
    let shown = (cutBefore ? "…" : "") + String(line[window]) + (cutAfter ? "…" : "")
    let gutter = String(repeating: " ", count: gutterWidth - String(lineNumber).count) + String(lineNumber)
    let bar = paint("|", .blue, bold: true)
    out += "\(paint(gutter, .blue, bold: true)) \(bar) \(shown)\n"

    // Everything shown before the caret is copied with tabs kept, so the caret lines up.
    let padding =
      (cutBefore ? " " : "") + String(line[window.lowerBound..<caretColumn].map { $0 == "\t" ? "\t" : " " })
    let carets = String(repeating: "^", count: max(1, min(covered, window.upperBound - caretColumn)))
    let labelText = label.text.isEmpty ? "" : " " + label.text
    let blank = String(repeating: " ", count: gutterWidth)
    out += "\(blank) \(bar) \(padding)\(paint(carets + labelText, severityColor(severity), bold: true))\n"
  }

  /// The characters of a line to show: all of it when it fits, else `maximumLineWidth`
  /// characters starting a little before the caret, so the reader sees what leads up to it.
  private func visibleWindow(lineLength: Int, caretColumn: Int) -> Range<Int> {
    guard lineLength > maximumLineWidth else { return 0..<lineLength }
    let context = maximumLineWidth / 3
    let start = max(0, min(caretColumn - context, lineLength - maximumLineWidth))
    return start..<(start + maximumLineWidth)
  }

  private func appendFooter(
    _ diagnostic: Diagnostic, files: SourceFiles, gutterWidth: Int, into out: inout String
  ) {
    let blank = String(repeating: " ", count: gutterWidth)
    let equals = paint("=", .blue, bold: true)
    if let help = diagnostic.help {
      out += "\(blank) \(equals) \(paint("help", .cyan, bold: true)): \(help)\n"
    }
    for label in diagnostic.secondary {
      out +=
        "\(blank) \(equals) \(paint("note", .cyan, bold: true)): \(label.text) at \(files.describe(label.span))\n"
    }
    for note in diagnostic.notes {
      out += "\(blank) \(equals) \(paint("note", .cyan, bold: true)): \(note)\n"
    }
  }

  /// Control characters other than tab would corrupt a terminal; show them as U+FFFD.
  private func visible(_ text: String) -> String {
    String(
      String.UnicodeScalarView(
        text.unicodeScalars.map { scalar in
          (scalar.value < 0x20 && scalar != "\t") || scalar.value == 0x7F ? "\u{FFFD}" : scalar
        }))
  }

  // MARK: - Colour

  private enum Color: String {
    case red = "31"
    case yellow = "33"
    case blue = "34"
    case cyan = "36"
  }

  private func severityColor(_ severity: Severity) -> Color {
    switch severity {
    case .error: .red
    case .warning: .yellow
    case .note: .cyan
    }
  }

  private func paint(_ text: String, _ color: Color?, bold: Bool) -> String {
    guard style == .ansi, !text.isEmpty else { return text }
    var codes: [String] = []
    if bold { codes.append("1") }
    if let color { codes.append(color.rawValue) }
    return "\u{1B}[\(codes.joined(separator: ";"))m\(text)\u{1B}[0m"
  }
}
