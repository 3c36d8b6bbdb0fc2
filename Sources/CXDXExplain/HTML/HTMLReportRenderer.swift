public struct HTMLReportRenderer: Sendable {
  public init() {}
  public func render(_ cases: [CaseExplanation], title: String) -> String { "" }
}
