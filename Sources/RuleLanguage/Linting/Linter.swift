import RuleEngine

/// Finds what is legal but suspicious in a checked rule base: rules that can never fire,
/// rules that overlap or contradict each other, vocabulary nothing uses, rules without a
/// source, unused variables, and rules that can loop. Every finding is a warning with an
/// L-code (`docs/diagnostics.md`), and `# cxdx:allow CODE` silences one on its line.
///
/// Run it only on a rule base without errors: the lint rules read the lowered model, which
/// assumes every name resolves.
public struct Linter: Sendable {
  /// One value per kind of finding, each in its own file under `Linting/Rules`.
  static let rules: [any LintRule] = [
    UnreachableRule(), ContradictoryConstraints(), SubsumedRule(), ConflictingRules(),
    UnconcludedDiagnosis(), UnreadQuestion(), UnusedValue(), RuleWithoutSource(), UnusedVariable(),
    VariableBoundTooLate(), CyclicDependency(),
  ]

  public init() {}

  /// The findings for a rule base and the cases checked with it, sorted by location, with
  /// those silenced by a `# cxdx:allow` comment removed. Findings that depend on what cases
  /// state (L0101 for a kind only a case could state, L0303) are made only when `cases` is
  /// not empty.
  public func lint(_ ruleBase: LoadedRuleBase, cases: [FactFileSyntax]) -> [Diagnostic] {
    guard !ruleBase.diagnostics.hasErrors else { return [] }
    let context = LintContext(ruleBase: ruleBase, cases: cases)
    var findings: [Diagnostic] = []
    for rule in Self.rules { findings += rule.findings(in: context) }
    let suppressions = LintSuppressions(ruleFiles: ruleBase.ruleFiles, sources: ruleBase.sources)
    return findings.filter { !suppressions.silences($0, sources: ruleBase.sources) }.sortedByLocation()
  }
}

/// One kind of lint finding.
protocol LintRule: Sendable {
  var code: DiagnosticCode { get }
  func findings(in context: LintContext) -> [Diagnostic]
}
