import RuleEngine

/// How a case's diagnoses moved when its facts were changed (`--set`, `--unset`): the two
/// reports, before and after, compared diagnosis by diagnosis.
public struct WhatIfComparison: Sendable {
  /// The changes made to the case, in words (``RuleLanguage/FactChange/describe(_:)``).
  public let changes: [String]
  /// The diagnoses whose certainty or status changed, largest move first.
  public let moves: [DiagnosisMove]
  /// How many declared diagnoses did not move.
  public let unchanged: Int

  public init(before: CaseReport, after: CaseReport, changes: [String]) {
    self.changes = changes
    var moves: [DiagnosisMove] = []
    var unchanged = 0
    for (id, title) in after.allDiagnoses {
      let old = (before.status(of: id), before.diagnosis(id)?.certainty ?? 0)
      let new = (after.status(of: id), after.diagnosis(id)?.certainty ?? 0)
      // Certainties are compared exactly: both runs combine in the same fixed order.
      if old.0 == new.0, old.1 == new.1 {
        unchanged += 1
        continue
      }
      moves.append(
        DiagnosisMove(
          id: id, title: title, before: old.1, after: new.1, statusBefore: old.0, statusAfter: new.0))
    }
    self.moves = moves.sorted { (abs($0.delta), $1.id) > (abs($1.delta), $0.id) }
    self.unchanged = unchanged
  }
}

/// One diagnosis before and after a what-if change.
public struct DiagnosisMove: Sendable {
  public let id: String
  public let title: String
  public let before: Double
  public let after: Double
  public let statusBefore: CaseReport.Status
  public let statusAfter: CaseReport.Status

  public var delta: Double { after - before }
}

extension CaseReport {
  /// Every declared diagnosis with its title, in the report's order.
  var allDiagnoses: [(id: String, title: String)] {
    found.map { ($0.id, $0.title) } + ruledOut.map { ($0.id, $0.title) }
      + unassessed.map { ($0.id, $0.title) }
  }
}
