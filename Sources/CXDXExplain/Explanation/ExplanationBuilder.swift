import RuleEngine
import RuleLanguage

/// Builds ``DiagnosisExplanation``s from a finished run: the session's contributions and
/// facts, the recorder's firings and withdrawals, and the network's partial matches for the
/// rules that did not match. Nothing is matched or combined again here; the one computation,
/// the MYCIN steps, is the engine's own (``CertaintyFactor/steps(_:)``).
public struct ExplanationBuilder {
  public let run: CaseRun
  public let recorder: DerivationRecorder
  public let report: CaseReport
  /// How many levels of derived facts to unfold under a contribution.
  public var maximumDepth: Int

  public static let defaultMaximumDepth = 6

  public init(
    run: CaseRun, recorder: DerivationRecorder, report: CaseReport,
    maximumDepth: Int = ExplanationBuilder.defaultMaximumDepth
  ) {
    self.run = run
    self.recorder = recorder
    self.report = report
    self.maximumDepth = maximumDepth
  }

  var session: InferenceSession { run.session }
  var knowledgeBase: KnowledgeBase { run.session.knowledgeBase }

  /// Every declared diagnosis, in the report's order: found, ruled out, not assessed.
  public func explainAll() -> [DiagnosisExplanation] {
    let order = report.found.map(\.id) + report.ruledOut.map(\.id) + report.unassessed.map(\.id)
    return order.compactMap(explain)
  }

  /// One diagnosis; nil when the knowledge base does not declare it.
  public func explain(_ id: String) -> DiagnosisExplanation? {
    guard let definition = knowledgeBase.vocabulary.diagnosis(named: id) else { return nil }
    let diagnosis = session.diagnoses.first { $0.id == id }
    let status = report.status(of: id)
    var facts = FactExplainer(builder: self)
    let contributions = (diagnosis?.contributions ?? [])
      .sorted { (abs($0.certainty), -$0.cycle) > (abs($1.certainty), -$1.cycle) }
      .map { explain($0, facts: &facts) }
    let supporting = knowledgeBase.rules.filter { $0.couldRaise(id) }
    var misses: [RuleMiss] = []
    if status != .found {
      let explainer = MissExplainer(builder: self, diagnosis: id)
      misses = explainer.misses(of: supporting)
    }
    return DiagnosisExplanation(
      id: id, title: definition.title, summary: definition.summary, source: definition.source,
      remedy: definition.remedy, status: status, certainty: diagnosis?.certainty ?? 0,
      threshold: report.threshold, contributions: contributions,
      combination: combination(of: contributions),
      withdrawn: recorder.withdrawals.filter { $0.contribution.diagnosis == id }.map {
        WithdrawnContribution(
          rule: $0.contribution.rule, certainty: $0.contribution.certainty, cycle: $0.contribution.cycle,
          withdrawnAt: $0.cycle)
      },
      misses: misses, supportingRules: supporting.count,
      missing: report.unassessed.first { $0.id == id }?.missing ?? [])
  }

  private func explain(_ contribution: Contribution, facts: inout FactExplainer) -> ExplainedContribution {
    let rule = knowledgeBase.rule(named: contribution.rule)
    return ExplainedContribution(
      rule: contribution.rule, title: rule?.title ?? "",
      location: run.sources.describeLine(contribution.ruleSpan),
      source: rule?.source ?? "", factor: contribution.factor, certainty: contribution.certainty,
      because: contribution.because, cycle: contribution.cycle,
      facts: contribution.facts.map { facts.explain($0, depth: 1) },
      otherConditions: (rule?.conditions ?? []).compactMap { condition in
        switch condition {
        case .not, .exists, .count, .test: conditionText(condition.span)
        case .pattern, .either: nil
        }
      })
  }

  /// The engine's combination steps, each labelled with the contribution it folds in.
  /// Contributions are listed in the order ``CertaintyFactor/combine(_:)-([Double])`` takes
  /// them: positives from the strongest, then negatives from the strongest.
  private func combination(of contributions: [ExplainedContribution]) -> [CombinationStep] {
    let positives = contributions.filter { $0.certainty >= 0 }.sorted {
      ($0.certainty, -$0.cycle) > ($1.certainty, -$1.cycle)
    }
    let negatives = contributions.filter { $0.certainty < 0 }.sorted {
      ($0.certainty, $0.cycle) < ($1.certainty, $1.cycle)
    }
    var engineSteps = CertaintyFactor.steps((positives + negatives).map(\.certainty))[...]
    var result: [CombinationStep] = []
    for group in [positives, negatives] where !group.isEmpty {
      result.append(
        CombinationStep(
          operation: .start, total: nil, next: group[0].certainty, result: group[0].certainty,
          rule: group[0].rule, cycle: group[0].cycle))
      for contribution in group.dropFirst() {
        guard let (total, next, combined) = engineSteps.popFirst() else { break }
        result.append(
          CombinationStep(
            operation: .sameSign, total: total, next: next, result: combined, rule: contribution.rule,
            cycle: contribution.cycle))
      }
    }
    if let (total, next, combined) = engineSteps.popFirst() {
      result.append(
        CombinationStep(operation: .mixed, total: total, next: next, result: combined, rule: nil, cycle: nil))
    }
    return result
  }

  /// A condition as written in its rule file, on one line.
  func conditionText(_ span: SourceSpan) -> String {
    guard let file = run.sources[span.file] else { return "" }
    return file.text(of: span).split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" })
      .joined(separator: " ")
  }
}

extension Rule {
  /// Whether the rule can raise a diagnosis's certainty: it suspects it with a factor that is
  /// not a negative number written in the rule.
  func couldRaise(_ diagnosis: String) -> Bool {
    suspectFactors(of: diagnosis, in: actions).contains { $0.map { $0 >= 0 } ?? true }
  }

  /// Whether the rule asserts or derives facts of a template.
  public func makes(_ template: String) -> Bool {
    func search(_ actions: [Action]) -> Bool {
      actions.contains { action in
        switch action {
        case .assert(let fact, _), .derive(let fact, _): fact.template == template
        case .conditional(_, let then, let otherwise, _): search(then) || search(otherwise)
        default: false
        }
      }
    }
    return search(actions)
  }

  /// The factor the rule gives a diagnosis when it is written as a number.
  public func writtenFactors(for diagnosis: String) -> [Double?] {
    suspectFactors(of: diagnosis, in: actions)
  }

  /// The first factor the rule gives a diagnosis that is written as a number.
  public func writtenFactor(for diagnosis: String) -> Double? {
    suspectFactors(of: diagnosis, in: actions).compactMap { $0 }.first
  }

  private func suspectFactors(of diagnosis: String, in actions: [Action]) -> [Double?] {
    actions.flatMap { action -> [Double?] in
      switch action {
      case .suspect(let target, let factor, _, _) where target == diagnosis:
        switch factor {
        case .constant(.number(let value)): return [value]
        case .negate(.constant(.number(let value))): return [-value]
        default: return [nil]
        }
      case .conditional(_, let then, let otherwise, _):
        return suspectFactors(of: diagnosis, in: then) + suspectFactors(of: diagnosis, in: otherwise)
      default:
        return []
      }
    }
  }
}
