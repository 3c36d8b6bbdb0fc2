import RuleEngine

/// Renders reports as the JSON documented in `docs/json.md` (schema `cxdx.diagnosis/1`).
/// Keys appear in a fixed order and numbers are rounded to 6 decimals, so output is byte-stable.
public struct JSONReportRenderer: Sendable {
  public static let schema = "cxdx.diagnosis/1"

  public init() {}

  public func document(_ reports: [CaseReport]) -> JSONValue {
    .object([("schema", .string(Self.schema)), ("cases", .array(reports.map(json)))])
  }

  /// One case as it appears inside the document's `cases` array, so that many cases can be
  /// rendered in parallel and joined by ``document(renderedCases:)``.
  public func renderedCase(_ report: CaseReport) -> String {
    json(report).rendered(pretty: true, indentLevel: 2)
  }

  /// The document around cases rendered by ``renderedCase(_:)``: the same bytes as
  /// `document(reports).rendered()`.
  public func document(renderedCases: [String]) -> String {
    guard !renderedCases.isEmpty else {
      return JSONValue.object([("schema", .string(Self.schema)), ("cases", .array([]))]).rendered()
    }
    return "{\n  \"schema\": \"\(Self.schema)\",\n  \"cases\": [\n    "
      + renderedCases.joined(separator: ",\n    ") + "\n  ]\n}"
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
      ("summary", .string(diagnosis.summary)),
      ("source", .string(diagnosis.source)),
      ("remedy", .string(diagnosis.remedy)),
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
