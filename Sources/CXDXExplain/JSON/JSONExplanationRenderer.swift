import RuleEngine

/// Renders explanations as the JSON documented in `docs/json.md` (schema
/// `cxdx.explanation/1`), with keys in a fixed order and numbers to 6 decimals.
public struct JSONExplanationRenderer: Sendable {
  public static let schema = "cxdx.explanation/1"

  public init() {}

  public func render(_ explanation: CaseExplanation) -> String { document(explanation).rendered() }

  public func document(_ explanation: CaseExplanation) -> JSONValue {
    let report = explanation.report
    var members: [(String, JSONValue)] = [
      ("schema", .string(Self.schema)),
      ("case", .string(report.path)),
      ("organization", report.organization.map(JSONValue.string) ?? .null),
      ("threshold", .number(report.threshold)),
      ("firings", .number(Double(report.firings))),
    ]
    if let whatIf = explanation.whatIf { members.append(("whatIf", JSONWhatIf.json(whatIf))) }
    members.append(("explanations", .array(explanation.explanations.map(json))))
    return .object(members)
  }

  public func json(_ diagnosis: DiagnosisExplanation) -> JSONValue {
    .object([
      ("id", .string(diagnosis.id)),
      ("title", .string(diagnosis.title)),
      ("status", .string(diagnosis.status.rawValue)),
      ("certainty", .number(diagnosis.certainty)),
      ("threshold", .number(diagnosis.threshold)),
      ("contributions", .array(diagnosis.contributions.map(json))),
      ("combination", .array(diagnosis.combination.map(json))),
      ("withdrawn", .array(diagnosis.withdrawn.map(json))),
      ("supportingRules", .number(Double(diagnosis.supportingRules))),
      ("misses", .array(diagnosis.misses.map(json))),
      ("missing", .array(diagnosis.missing.map(JSONValue.string))),
      ("summary", .string(diagnosis.summary)),
      ("source", .string(diagnosis.source)),
      ("remedy", .string(diagnosis.remedy)),
    ])
  }

  private func json(_ contribution: ExplainedContribution) -> JSONValue {
    .object([
      ("rule", .string(contribution.rule)),
      ("title", .string(contribution.title)),
      ("location", .string(contribution.location)),
      ("source", .string(contribution.source)),
      ("factor", .number(contribution.factor)),
      ("certainty", .number(contribution.certainty)),
      ("because", .string(contribution.because)),
      ("cycle", .number(Double(contribution.cycle))),
      ("facts", .array(contribution.facts.map(json))),
      ("otherConditions", .array(contribution.otherConditions.map(JSONValue.string))),
    ])
  }

  func json(_ fact: ExplainedFact) -> JSONValue {
    .object([
      ("id", .number(Double(fact.id))),
      ("fact", .string(fact.text)),
      ("certainty", .number(fact.certainty)),
      ("location", fact.location.map(JSONValue.string) ?? .null),
      ("origin", .string(origin(fact))),
      ("derivedBy", fact.derivingRule.map(JSONValue.string) ?? .null),
      (
        "derivation",
        fact.derivation.map { derivation in
          .object([
            ("rule", .string(derivation.rule)),
            ("title", .string(derivation.title)),
            ("location", .string(derivation.location)),
            ("cycle", .number(Double(derivation.cycle))),
            ("facts", .array(derivation.facts.map(json))),
          ])
        } ?? .null
      ),
      ("omitted", fact.omission.map { JSONValue.string($0.rawValue) } ?? .null),
    ])
  }

  private func origin(_ fact: ExplainedFact) -> String {
    switch fact.origin {
    case .stated: "stated"
    case .derived: "derived"
    case .asserted: "asserted"
    }
  }

  private func json(_ step: CombinationStep) -> JSONValue {
    .object([
      ("operation", .string(step.operation.rawValue)),
      ("total", step.total.map(JSONValue.number) ?? .null),
      ("next", .number(step.next)),
      ("result", .number(step.result)),
      ("rule", step.rule.map(JSONValue.string) ?? .null),
      ("cycle", step.cycle.map { JSONValue.number(Double($0)) } ?? .null),
    ])
  }

  private func json(_ withdrawn: WithdrawnContribution) -> JSONValue {
    .object([
      ("rule", .string(withdrawn.rule)),
      ("certainty", .number(withdrawn.certainty)),
      ("cycle", .number(Double(withdrawn.cycle))),
      ("withdrawnAt", .number(Double(withdrawn.withdrawnAt))),
    ])
  }

  private func json(_ miss: RuleMiss) -> JSONValue {
    .object([
      ("rule", .string(miss.rule)),
      ("title", .string(miss.title)),
      ("location", .string(miss.location)),
      ("factor", miss.factor.map(JSONValue.number) ?? .null),
      ("alternative", .number(Double(miss.alternative))),
      ("alternatives", .number(Double(miss.alternatives))),
      ("satisfied", .number(Double(miss.satisfied))),
      ("conditions", .number(Double(miss.conditionCount))),
      ("partialMatches", .number(Double(miss.partialMatchCount))),
      ("matched", .array(miss.matchedFacts.map(json))),
      ("stoppedAt", miss.stoppedAt.map(JSONValue.string) ?? .null),
      ("stoppedAtLocation", miss.stoppedAtLocation.map(JSONValue.string) ?? .null),
      ("reason", .string(miss.kind.rawValue)),
      ("template", miss.template.map(JSONValue.string) ?? .null),
      (
        "candidates",
        .array(
          miss.candidates.map { candidate in
            .object([("fact", json(candidate.fact)), ("failures", .array(candidate.failures.map(json)))])
          })
      ),
      ("blockedBy", .array(miss.blockers.map(json))),
      ("tests", .array(miss.tests.map(JSONValue.string))),
      (
        "hints",
        .array(
          miss.hints.map { hint in
            .object([
              ("missing", .string(hint.missing)), ("question", hint.question.map(JSONValue.string) ?? .null),
              ("add", .string(hint.addition)),
            ])
          })
      ),
      ("upstream", .array(miss.upstream.map(json))),
    ])
  }

  private func json(_ failure: FailedTest) -> JSONValue {
    .object([
      ("slot", failure.slot.map(JSONValue.string) ?? .null),
      ("actual", failure.actual.map { JSONValue.string($0.description) } ?? .null),
      ("requirement", .string(failure.requirement)),
      ("comparedWith", failure.comparedWith.map { JSONValue.number(Double($0.rawValue)) } ?? .null),
    ])
  }
}

/// The `whatIf` member shared by the diagnosis and explanation documents.
enum JSONWhatIf {
  static func json(_ comparison: WhatIfComparison) -> JSONValue {
    .object([
      ("changes", .array(comparison.changes.map(JSONValue.string))),
      (
        "moved",
        .array(
          comparison.moves.map { move in
            .object([
              ("id", .string(move.id)),
              ("title", .string(move.title)),
              ("before", .number(move.before)),
              ("after", .number(move.after)),
              ("delta", .number(move.delta)),
              ("statusBefore", .string(move.statusBefore.rawValue)),
              ("statusAfter", .string(move.statusAfter.rawValue)),
            ])
          })
      ),
      ("unchanged", .number(Double(comparison.unchanged))),
    ])
  }
}
