import RuleEngine

/// Renders reports as the JSON documented in `docs/json.md` (schema `cxdx.diagnosis/1`).
/// Keys appear in a fixed order and numbers are rounded to 6 decimals, so output is byte-stable.
public struct JSONReportRenderer: Sendable {
  public static let schema = "cxdx.diagnosis/1"

  /// The declared diagnoses, described once at the top of the document.
  public let diagnoses: [DiagnosisDefinition]

  public init(diagnoses: [DiagnosisDefinition]) {
    self.diagnoses = diagnoses
  }

  public func document(_ reports: [CaseReport]) -> JSONValue {
    .object([
      ("schema", .string(Self.schema)), ("diagnoses", catalogue), ("cases", .array(reports.map(json))),
    ])
  }

  private var catalogue: JSONValue {
    .array(
      diagnoses.map { definition in
        .object([
          ("id", .string(definition.id)), ("title", .string(definition.title)),
          ("summary", .string(definition.summary)), ("source", .string(definition.source)),
          ("remedy", .string(definition.remedy)),
        ])
      })
  }

  /// One case as it appears inside the document's `cases` array, so that many cases can be
  /// rendered in parallel and streamed between ``documentHeader`` and ``documentFooter``:
  /// the same bytes as `document(reports).rendered()`.
  public func renderedCase(_ report: CaseReport) -> String {
    json(report).rendered(pretty: true, indentLevel: 2)
  }

  /// Everything before the first case.
  public var documentHeader: String {
    "{\n  \"schema\": \"\(Self.schema)\",\n  \"diagnoses\": "
      + catalogue.rendered(pretty: true, indentLevel: 1)
      + ",\n  \"cases\": [\n    "
  }

  /// Everything after the last case.
  public var documentFooter: String { "\n  ]\n}" }

  /// The document with no case.
  public var emptyDocument: String { document([]).rendered() }

  /// A case, with the what-if comparison after its other members when there is one.
  public func json(_ report: CaseReport, whatIf: WhatIfComparison?) -> JSONValue {
    guard let whatIf, case .object(let members) = json(report) else { return json(report) }
    return .object(members + [("whatIf", JSONWhatIf.json(whatIf))])
  }

  public func json(_ report: CaseReport) -> JSONValue {
    .object([
      ("case", .string(report.path)),
      ("organization", report.organization.map(JSONValue.string) ?? .null),
      ("threshold", .number(report.threshold)),
      ("firings", .number(Double(report.firings))),
      ("found", .array(report.found.map(json))),
      ("ruledOut", .array(report.ruledOut.map(json))),
      (
        "unassessed",
        .array(
          report.unassessed.map { item in
            .object([
              ("id", .string(item.id)), ("title", .string(item.title)),
              ("missing", .array(item.missing.map(JSONValue.string))),
            ])
          })
      ),
    ])
  }

  public func json(_ diagnosis: DiagnosisReport) -> JSONValue {
    .object([
      ("id", .string(diagnosis.id)),
      ("title", .string(diagnosis.title)),
      ("certainty", .number(diagnosis.certainty)),
      ("evidence", .array(diagnosis.evidence.map(json))),
    ])
  }

  public func json(_ evidence: Evidence) -> JSONValue {
    .object([
      ("rule", .string(evidence.rule)),
      ("title", .string(evidence.ruleTitle)),
      ("location", .string(evidence.ruleLocation)),
      ("source", .string(evidence.source)),
      ("factor", .number(evidence.factor)),
      ("certainty", .number(evidence.certainty)),
      ("because", .string(evidence.because)),
      ("cycle", .number(Double(evidence.cycle))),
      (
        "facts",
        .array(
          evidence.facts.map { fact in
            .object([
              ("id", .number(Double(fact.id))), ("fact", .string(fact.text)),
              ("location", fact.location.map(JSONValue.string) ?? .null),
              ("derivedBy", fact.derivedBy.map(JSONValue.string) ?? .null),
            ])
          })
      ),
    ])
  }
}
