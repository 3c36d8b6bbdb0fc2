/// How serious a ``Diagnostic`` is.
public enum Severity: String, Sendable, Hashable, Comparable, CaseIterable {
  case note
  case warning
  case error

  private var rank: Int {
    switch self {
    case .note: 0
    case .warning: 1
    case .error: 2
    }
  }
  public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}

/// A span with a short text printed beside the caret that marks it.
public struct DiagnosticLabel: Hashable, Sendable {
  public let span: SourceSpan
  public let text: String
  public init(_ span: SourceSpan, _ text: String = "") {
    self.span = span
    self.text = text
  }
}

/// A message about input text: a syntax error, a vocabulary error, a lint finding.
///
/// Not to be confused with a *diagnosis*, the domain result cxdx concludes about an
/// organization. A diagnostic is a value; rendering it is ``TextDiagnosticRenderer``'s job.
public struct Diagnostic: Hashable, Sendable {
  public let severity: Severity
  public let code: DiagnosticCode
  /// Lowercase, no trailing period, understandable on its own.
  public let message: String
  /// Where the problem is, with an optional short label under the caret.
  public let primary: DiagnosticLabel?
  /// Related places, such as the declaration a name refers to.
  public var secondary: [DiagnosticLabel]
  public var notes: [String]
  /// A suggestion, such as "did you mean 'support'?".
  public var help: String?

  public init(
    _ severity: Severity, _ code: DiagnosticCode, _ message: String, at primary: DiagnosticLabel?,
    secondary: [DiagnosticLabel] = [], notes: [String] = [], help: String? = nil
  ) {
    self.severity = severity
    self.code = code
    self.message = message
    self.primary = primary
    self.secondary = secondary
    self.notes = notes
    self.help = help
  }

  public static func error(
    _ code: DiagnosticCode, _ message: String, at span: SourceSpan?, label: String = "",
    help: String? = nil, notes: [String] = []
  ) -> Diagnostic {
    Diagnostic(
      .error, code, message, at: span.map { DiagnosticLabel($0, label) }, notes: notes, help: help)
  }

  public static func warning(
    _ code: DiagnosticCode, _ message: String, at span: SourceSpan?, label: String = "",
    help: String? = nil, notes: [String] = []
  ) -> Diagnostic {
    Diagnostic(
      .warning, code, message, at: span.map { DiagnosticLabel($0, label) }, notes: notes, help: help)
  }

  /// Returns a copy with a related place attached.
  public func with(secondary label: DiagnosticLabel) -> Diagnostic {
    var copy = self
    copy.secondary.append(label)
    return copy
  }
}

extension Array where Element == Diagnostic {
  public var hasErrors: Bool { contains { $0.severity == .error } }
  public var errorCount: Int { count { $0.severity == .error } }
  public var warningCount: Int { count { $0.severity == .warning } }

  /// Sorted by file, position, then code, so output never depends on the order checks ran in.
  public func sortedByLocation() -> [Diagnostic] {
    enumerated().sorted { left, right in
      let l = left.element.primary?.span
      let r = right.element.primary?.span
      switch (l, r) {
      case (let l?, let r?) where l != r: return l < r
      case (nil, _?): return true
      case (_?, nil): return false
      default: return left.offset < right.offset
      }
    }.map(\.element)
  }
}

/// A diagnostic can be thrown or carried in a `Result` where one problem ends an operation,
/// such as a file that cannot be read.
extension Diagnostic: Error {}
