import RuleEngine
import RuleLanguage

/// The diagnosis of one case, as a value: what was found, ruled out, or could not be assessed,
/// each with the evidence from the engine's own record (contributions and the facts they
/// matched), located by `file:line`.
public struct CaseReport: Sendable {
  public let path: String
  public let organization: String?
  public let threshold: Double
  /// At or above the threshold, most certain first.
  public let found: [DiagnosisReport]
  /// Assessed (the case states something their rules read) and below the threshold.
  public let ruledOut: [DiagnosisReport]
  /// The case states nothing their rules read: insufficient evidence.
  public let unassessed: [UnassessedDiagnosis]
  public let firings: Int

  /// The report of every declared diagnosis, found or not, by id.
  public func diagnosis(_ id: String) -> DiagnosisReport? {
    (found + ruledOut).first { $0.id == id }
  }

  public enum Status: String, Sendable {
    case found
    case ruledOut = "ruled-out"
    case unassessed
  }

  public func status(of id: String) -> Status {
    if found.contains(where: { $0.id == id }) { return .found }
    if ruledOut.contains(where: { $0.id == id }) { return .ruledOut }
    return .unassessed
  }
}

/// One diagnosis with its combined certainty and its evidence.
public struct DiagnosisReport: Sendable {
  public let id: String
  public let title: String
  public let summary: String
  public let source: String
  public let remedy: String
  public let certainty: Double
  /// Contributions, strongest first (by absolute certainty), then in firing order.
  public let evidence: [Evidence]
}

/// One rule firing's contribution to a diagnosis.
public struct Evidence: Sendable {
  public let rule: String
  public let ruleTitle: String
  /// `rules/complacency.rules:12`
  public let ruleLocation: String
  public let source: String
  public let factor: Double
  public let certainty: Double
  public let because: String
  public let facts: [EvidenceFact]
  public let cycle: Int
}

/// A fact behind a piece of evidence.
public struct EvidenceFact: Sendable {
  public let id: Int
  public let text: String
  /// `cases/harbor.facts:9` for a stated fact; nil for one derived by a rule.
  public let location: String?
  /// The rule that derived it, for a derived fact.
  public let derivedBy: String?
}

/// A diagnosis the case says too little about.
public struct UnassessedDiagnosis: Sendable {
  public let id: String
  public let title: String
  /// The slots its rules read, none of which the case states.
  public let missing: [String]
}

extension CaseReport {
  /// The reporting threshold: below it a diagnosis is not reported as found.
  public static let defaultThreshold = 0.2

  /// Builds the report from a finished run.
  public init(run: CaseRun, threshold: Double = CaseReport.defaultThreshold) {
    let session = run.session
    let knowledgeBase = session.knowledgeBase
    let vocabulary = knowledgeBase.vocabulary
    path = run.path
    self.threshold = threshold
    firings = session.firingCount
    organization = session.firstFact(of: "organization")?.value("name")?.displayText
    let concluded = Dictionary(uniqueKeysWithValues: session.diagnoses.map { ($0.id, $0) })
    var found: [DiagnosisReport] = []
    var ruledOut: [DiagnosisReport] = []
    var unassessed: [UnassessedDiagnosis] = []
    for definition in vocabulary.diagnoses {
      let diagnosis = concluded[definition.id]
      // Assessed when some rule for it had what it needs to judge, whether or not it matched.
      let assessed =
        diagnosis != nil
        || knowledgeBase.assessmentRequirements(for: definition.id).contains { session.satisfies($0) }
      guard assessed else {
        let missing = knowledgeBase.assessmentSlots(for: definition.id).filter { !session.states($0) }
        unassessed.append(
          UnassessedDiagnosis(id: definition.id, title: definition.title, missing: missing.map(\.description))
        )
        continue
      }
      let report = DiagnosisReport(
        id: definition.id, title: definition.title, summary: definition.summary, source: definition.source,
        remedy: definition.remedy, certainty: diagnosis?.certainty ?? 0,
        evidence: (diagnosis?.contributions ?? []).map { Evidence($0, run: run) }.sorted {
          (abs($0.certainty), -$0.cycle) > (abs($1.certainty), -$1.cycle)
        })
      if report.certainty >= threshold { found.append(report) } else { ruledOut.append(report) }
    }
    self.found = found.sorted { ($0.certainty, $1.id) > ($1.certainty, $0.id) }
    self.ruledOut = ruledOut.sorted { ($0.certainty, $1.id) > ($1.certainty, $0.id) }
    self.unassessed = unassessed
  }
}

extension Evidence {
  init(_ contribution: Contribution, run: CaseRun) {
    let session = run.session
    let rule = session.knowledgeBase.rule(named: contribution.rule)
    self.init(
      rule: contribution.rule, ruleTitle: rule?.title ?? "",
      ruleLocation: run.sources.describeLine(contribution.ruleSpan),
      source: rule?.source ?? "", factor: contribution.factor, certainty: contribution.certainty,
      because: contribution.because,
      facts: contribution.facts.map { id in
        let fact = session.factEverAsserted(id)
        var derivedBy: String?
        switch fact?.origin {
        case .derived(let rule)?, .asserted(let rule)?: derivedBy = rule
        default: derivedBy = nil
        }
        return EvidenceFact(
          id: Int(id.rawValue), text: fact?.description ?? id.description,
          location: session.statedSpan(of: id).map { run.sources.describeLine($0) }, derivedBy: derivedBy)
      }, cycle: contribution.cycle)
  }
}
