import RuleEngine
import RuleLanguage

/// A case's report with the explanations of some or all of its diagnoses, and, for a what-if
/// run, how the diagnoses moved: what every renderer of `diagnose` and `explain` takes.
public struct CaseExplanation: Sendable {
  public let report: CaseReport
  /// In the report's order (found, ruled out, not assessed), or the order asked for.
  public let explanations: [DiagnosisExplanation]
  public let whatIf: WhatIfComparison?

  public init(report: CaseReport, explanations: [DiagnosisExplanation], whatIf: WhatIfComparison? = nil) {
    self.report = report
    self.explanations = explanations
    self.whatIf = whatIf
  }

  /// Runs' record to explanations in one call: the report, then every diagnosis (or the ones
  /// named, in that order) explained.
  public init(
    run: CaseRun, recorder: DerivationRecorder, threshold: Double, diagnoses: [String]? = nil,
    maximumDepth: Int = ExplanationBuilder.defaultMaximumDepth, whatIf: WhatIfComparison? = nil
  ) {
    let report = CaseReport(run: run, threshold: threshold)
    let builder = ExplanationBuilder(run: run, recorder: recorder, report: report, maximumDepth: maximumDepth)
    self.init(
      report: report, explanations: diagnoses.map { $0.compactMap(builder.explain) } ?? builder.explainAll(),
      whatIf: whatIf)
  }
}
