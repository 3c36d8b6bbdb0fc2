import RuleEngine

/// Draws an ``InferenceGraph`` as inline SVG: facts, rule firings and diagnoses as boxes in
/// columns, edges as curves labelled with the certainty they carry; evidence against a
/// diagnosis dashed and red. Styles are presentation attributes, so the drawing needs no
/// stylesheet and prints as it shows.
public struct SVGGraphRenderer: Sendable {
  /// Prefixes the ids inside the drawing (arrow markers), so that several drawings can share a page.
  public var idPrefix: String
  public var caption: String

  public init(idPrefix: String = "graph", caption: String = "Inference graph") {
    self.idPrefix = idPrefix
    self.caption = caption
  }

  static let positive = "#2e6b3a"
  static let negative = "#c62828"
  static let ink = "#1d2733"

  public func render(_ graph: InferenceGraph) -> String {
    let layout = GraphLayout(graph)
    let width = number(layout.width)
    let height = number(layout.height)
    var out =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" "
      + "height=\"\(height)\" role=\"img\" aria-labelledby=\"\(idPrefix)-title\" class=\"inference-graph\" "
      + "font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif\" "
      + "font-size=\"\(number(GraphLayout.fontSize))\">\n"
    out += "<title id=\"\(idPrefix)-title\">\(HTML.escape(caption))</title>\n"
    out += "<defs>\n"
    for (name, color) in [("for", Self.positive), ("against", Self.negative)] {
      out +=
        "<marker id=\"\(idPrefix)-arrow-\(name)\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"9\" "
        + "markerHeight=\"9\" markerUnits=\"userSpaceOnUse\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"\(color)\"/></marker>\n"
    }
    out += "</defs>\n<g class=\"edges\" fill=\"none\">\n"
    for edge in layout.edges { out += path(edge) }
    out += "</g>\n<g class=\"nodes\">\n"
    for node in layout.nodes { out += box(node) }
    out += "</g>\n<g class=\"labels\">\n"
    for edge in layout.edges { out += label(edge) }
    out += "</g>\n</svg>\n"
    return out
  }

  private func path(_ placed: GraphLayout.PlacedEdge) -> String {
    let (x0, y0) = placed.start
    let (x1, y1) = placed.end
    let bend = (x1 - x0) / 2
    let color = placed.edge.negative ? Self.negative : Self.positive
    let width = 1.2 + 2.4 * min(1, abs(placed.edge.certainty))
    let dash = placed.edge.negative ? " stroke-dasharray=\"7 4\"" : ""
    let marker = "\(idPrefix)-arrow-\(placed.edge.negative ? "against" : "for")"
    return
      "<path d=\"M\(number(x0)),\(number(y0)) C\(number(x0 + bend)),\(number(y0)) \(number(x1 - bend)),\(number(y1)) "
      + "\(number(x1 - 2)),\(number(y1))\" stroke=\"\(color)\" stroke-width=\"\(number(width))\"\(dash) "
      + "stroke-opacity=\"0.85\" marker-end=\"url(#\(marker))\"><title>\(HTML.escape(describe(placed.edge)))</title></path>\n"
  }

  private func label(_ placed: GraphLayout.PlacedEdge) -> String {
    let text = placed.edge.label
    let (x, y) = placed.middle
    let width = Double(text.count) * 6.4 + 8
    let color = placed.edge.negative ? Self.negative : Self.ink
    return
      "<g class=\"edge-label\"><rect x=\"\(number(x - width / 2))\" y=\"\(number(y - 8))\" width=\"\(number(width))\" "
      + "height=\"16\" rx=\"3\" fill=\"#ffffff\" fill-opacity=\"0.92\" stroke=\"\(color)\" stroke-width=\"0.6\"/>"
      + "<text x=\"\(number(x))\" y=\"\(number(y + 4))\" text-anchor=\"middle\" font-size=\"11\" fill=\"\(color)\">"
      + "\(HTML.escape(text))</text></g>\n"
  }

  private func box(_ placed: GraphLayout.PlacedNode) -> String {
    let (fill, stroke, text, dash) = style(placed.node.kind)
    var out =
      "<g class=\"node \(kindName(placed.node.kind))\"><title>\(HTML.escape(placed.node.tooltip))</title>"
    out +=
      "<rect x=\"\(number(placed.x))\" y=\"\(number(placed.y))\" width=\"\(number(placed.width))\" "
      + "height=\"\(number(placed.height))\" rx=\"6\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"1.2\"\(dash)/>"
    for (index, line) in placed.lines.enumerated() {
      let y = placed.y + GraphLayout.padding + GraphLayout.lineHeight * Double(index) + 11
      let isTitle = index == 0
      let isNote = index == placed.lines.count - 1 && !placed.node.note.isEmpty && index > 0
      let weight = isTitle ? " font-weight=\"600\"" : ""
      let size =
        isNote || (isTitle && placed.node.kind != .firing && placed.node.kind != .diagnosis)
        ? " font-size=\"10.5\"" : ""
      out +=
        "<text x=\"\(number(placed.x + GraphLayout.padding))\" y=\"\(number(y))\" fill=\"\(text)\"\(weight)\(size)>"
        + "\(HTML.escape(line))</text>"
    }
    return out + "</g>\n"
  }

  private func style(_ kind: InferenceGraph.Kind) -> (
    fill: String, stroke: String, text: String, dash: String
  ) {
    switch kind {
    case .statedFact: ("#eef3f9", "#7d93ad", Self.ink, "")
    case .derivedFact: ("#fff6dd", "#b08a2e", Self.ink, " stroke-dasharray=\"4 3\"")
    case .firing: ("#ffffff", "#44546a", Self.ink, "")
    case .diagnosis: ("#1f3a5f", "#1f3a5f", "#ffffff", "")
    }
  }

  private func kindName(_ kind: InferenceGraph.Kind) -> String {
    switch kind {
    case .statedFact: "stated-fact"
    case .derivedFact: "derived-fact"
    case .firing: "firing"
    case .diagnosis: "diagnosis"
    }
  }

  private func describe(_ edge: InferenceGraph.Edge) -> String {
    if edge.to.hasPrefix("d:") {
      return "\(edge.negative ? "against" : "for") \(edge.to.dropFirst(2)): \(Phrases.signed(edge.certainty))"
    }
    return "certainty \(edge.certainty.fixed(2))"
  }

  /// Coordinates with at most one decimal, the same on every platform.
  private func number(_ value: Double) -> String {
    let rounded = (value * 10).rounded() / 10
    return rounded == rounded.rounded() ? String(Int(rounded)) : rounded.fixed(1)
  }
}
