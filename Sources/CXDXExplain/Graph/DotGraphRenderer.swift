import RuleEngine

/// Writes the inference graph of a case's explained diagnoses in Graphviz's DOT language:
/// `cxdx explain … --format dot | dot -Tsvg > graph.svg`. Same nodes, edges and columns as
/// the HTML report's drawing (each column a `rank=same` group, left to right).
public struct DotGraphRenderer: Sendable {
  public init() {}

  public func render(_ explanation: CaseExplanation) -> String {
    let report = explanation.report
    let graph = InferenceGraph(explanation.explanations, casePath: report.path)
    let name = "cxdx: " + (report.organization ?? report.path)
    var out = "// cxdx inference graph of \(comment(report.path)): facts -> rule firings -> diagnoses\n"
    for change in explanation.whatIf?.changes ?? [] { out += "// what if: \(comment(change))\n" }
    out += "digraph \(quote(name)) {\n"
    out += "  graph [rankdir=LR, fontname=\"Helvetica\", nodesep=0.25, ranksep=1.1, labelloc=t, "
    out += "label=\(quote(name + " (threshold " + report.threshold.fixed(2) + ")"))];\n"
    out += "  node [fontname=\"Helvetica\", fontsize=10, shape=box, style=\"rounded,filled\", "
    out += "fillcolor=\"#ffffff\", color=\"#44546a\"];\n"
    out += "  edge [fontname=\"Helvetica\", fontsize=9, color=\"#2e6b3a\"];\n"
    if graph.isEmpty {
      let ids = explanation.explanations.map(\.id).joined(separator: ", ")
      out += "  empty [shape=plaintext, style=\"\", label=\(quote("no rule concluded " + ids))];\n"
    }
    for node in graph.nodes { out += "  " + quote(node.id) + " [" + attributes(node) + "];\n" }
    for edge in graph.edges {
      var attributes = "label=\(quote(edge.label))"
      if edge.negative { attributes += ", color=\"#c62828\", fontcolor=\"#c62828\", style=dashed" }
      attributes += ", penwidth=\(String(format1(1 + 2 * min(1, abs(edge.certainty)))))"
      out += "  \(quote(edge.from)) -> \(quote(edge.to)) [\(attributes)];\n"
    }
    for column in 0..<graph.columnCount {
      let members = graph.nodes.filter { $0.column == column }.map { quote($0.id) }
      if members.count > 1 { out += "  { rank=same; " + members.joined(separator: "; ") + "; }\n" }
    }
    return out + "}\n"
  }

  private func attributes(_ node: InferenceGraph.Node) -> String {
    let body = GraphLayout.wrap(node.body, 40).joined(separator: "\n")
    let label = ([node.title, body] + (node.note.isEmpty ? [] : [node.note])).joined(separator: "\n")
    let style: String
    switch node.kind {
    case .statedFact: style = "fillcolor=\"#eef3f9\", color=\"#7d93ad\""
    case .derivedFact: style = "fillcolor=\"#fff6dd\", color=\"#b08a2e\", style=\"rounded,filled,dashed\""
    case .firing: style = "shape=box"
    case .diagnosis:
      style = "fillcolor=\"#1f3a5f\", color=\"#1f3a5f\", fontcolor=\"#ffffff\", style=\"filled,bold\""
    }
    return "label=\(quote(label)), tooltip=\(quote(node.tooltip)), \(style)"
  }

  /// A DOT string: quotes and backslashes escaped (so no escape sequence of the text is
  /// read as a DOT one), newlines as `\n`.
  private func quote(_ text: String) -> String {
    var out = "\""
    for character in text {
      switch character {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": break
      default: out.append(character)
      }
    }
    return out + "\""
  }

  private func comment(_ text: String) -> String {
    text.map { $0 == "\n" || $0 == "\r" ? " " : String($0) }.joined()
  }

  private func format1(_ value: Double) -> String { value.fixed(1) }
}
