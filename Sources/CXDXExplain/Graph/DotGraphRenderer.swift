public struct DotGraphRenderer: Sendable {
  public init() {}
  public func render(_ explanation: CaseExplanation) -> String { "" }
}
