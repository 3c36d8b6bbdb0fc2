/// Coordinates for an ``InferenceGraph``: nodes in their columns, each column ordered and
/// placed so that edges run as straight as they can, edges as curves between ports spread
/// along the nodes' sides. Deterministic: the same graph always gets the same numbers.
///
/// Text is measured with an average glyph width (there are no font metrics without a
/// browser); boxes are sized from it with room to spare.
struct GraphLayout {
  struct PlacedNode {
    let node: InferenceGraph.Node
    let lines: [String]
    let x: Double
    var y: Double
    let width: Double
    let height: Double
    var centerY: Double { y + height / 2 }
  }

  struct PlacedEdge {
    let edge: InferenceGraph.Edge
    let start: (x: Double, y: Double)
    let end: (x: Double, y: Double)
    /// The midpoint of the curve, where its label goes.
    var middle: (x: Double, y: Double) { ((start.x + end.x) / 2, (start.y + end.y) / 2) }
  }

  static let fontSize = 12.0
  static let glyphWidth = 6.6
  static let lineHeight = 15.0
  static let padding = 8.0
  static let columnGap = 110.0
  static let rowGap = 14.0
  static let margin = 16.0
  static let maximumBodyLines = 4
  static let portGap = 13.0
  /// Titles are bold, hence wider.
  static let boldGlyphWidth = 7.3

  private(set) var nodes: [PlacedNode] = []
  private(set) var edges: [PlacedEdge] = []
  private(set) var width = 0.0
  private(set) var height = 0.0

  init(_ graph: InferenceGraph) {
    let columns = (0..<graph.columnCount).map { column in graph.nodes.filter { $0.column == column } }
    var x = Self.margin
    var placed: [String: PlacedNode] = [:]
    var columnX: [Double] = []
    for column in columns {
      columnX.append(x)
      x += (column.map { Self.width(of: $0.kind) }.max() ?? 0) + Self.columnGap
    }
    width = x - Self.columnGap + Self.margin
    // Right to left: each column ordered and placed by where its successors already are.
    for (number, column) in columns.enumerated().reversed() {
      var items = column.enumerated().map { offset, node -> (PlacedNode, Double, Int) in
        let lines = Self.lines(for: node)
        // Tall enough to spread its edges' ports apart.
        let ports = max(
          graph.edges.filter { $0.to == node.id }.count, graph.edges.filter { $0.from == node.id }.count)
        let height = max(
          Double(lines.count) * Self.lineHeight + 2 * Self.padding, Double(ports + 1) * Self.portGap)
        let item = PlacedNode(
          node: node, lines: lines, x: columnX[number], y: 0, width: Self.width(of: node.kind), height: height
        )
        let targets = graph.edges.filter { $0.from == node.id }.compactMap { placed[$0.to]?.centerY }
        let desired = targets.isEmpty ? Double(offset) : targets.reduce(0, +) / Double(targets.count)
        return (item, desired, offset)
      }
      items.sort { ($0.1, $0.2) < ($1.1, $1.2) }
      let tops = Self.place(items.map { ($0.0.height, $0.1) })
      for (position, item) in items.enumerated() {
        var node = item.0
        node.y = tops[position]
        placed[node.node.id] = node
        nodes.append(node)
      }
    }
    // The diagnoses, last, centred on the firings that feed them.
    let lastColumn = columns.count - 1
    let diagnoses = nodes.indices.filter { nodes[$0].node.column == lastColumn }
    let desired = diagnoses.map { position -> (Double, Double) in
      let sources = graph.edges.filter { $0.to == nodes[position].node.id }.compactMap {
        placed[$0.from]?.centerY
      }
      return (
        nodes[position].height,
        sources.isEmpty ? nodes[position].centerY : sources.reduce(0, +) / Double(sources.count)
      )
    }
    for (position, top) in zip(diagnoses, Self.place(desired)) {
      nodes[position].y = top
      placed[nodes[position].node.id] = nodes[position]
    }
    // Shift everything into view.
    let top = nodes.map(\.y).min() ?? 0
    for position in nodes.indices { nodes[position].y += Self.margin - top }
    for node in nodes { placed[node.node.id] = node }
    height = (nodes.map { $0.y + $0.height }.max() ?? 0) + Self.margin
    nodes.sort { ($0.node.column, $0.y) < ($1.node.column, $1.y) }
    edges = Self.route(graph.edges, placed)
  }

  // MARK: - Placement

  /// Tops for boxes in a fixed order, each as close as it can be to its desired centre without
  /// overlapping: pool-adjacent-violators on the boxes' offsets (a cluster of touching boxes
  /// sits at the mean of its members' wishes).
  static func place(_ boxes: [(height: Double, center: Double)]) -> [Double] {
    struct Cluster {
      var members: [Int]
      var wishSum: Double
      var top: Double { wishSum / Double(members.count) }
      var height: Double
    }
    var clusters: [Cluster] = []
    for (index, box) in boxes.enumerated() {
      var cluster = Cluster(members: [index], wishSum: box.center - box.height / 2, height: box.height)
      while let previous = clusters.last, previous.top + previous.height + rowGap > cluster.top {
        clusters.removeLast()
        // Each member's wish, as a wish for the merged cluster's top.
        let shift = previous.height + rowGap
        cluster = Cluster(
          members: previous.members + cluster.members,
          wishSum: previous.wishSum + cluster.wishSum - shift * Double(cluster.members.count),
          height: previous.height + rowGap + cluster.height)
      }
      clusters.append(cluster)
    }
    var tops = [Double](repeating: 0, count: boxes.count)
    for cluster in clusters {
      var y = cluster.top
      for member in cluster.members {
        tops[member] = y
        y += boxes[member].height + rowGap
      }
    }
    return tops
  }

  // MARK: - Edges

  /// Curves from a source's right side to a target's left side; ports spread along each side
  /// in the order of the other ends, so edges do not cross at a node.
  private static func route(_ edges: [InferenceGraph.Edge], _ placed: [String: PlacedNode]) -> [PlacedEdge] {
    var outgoing: [String: [InferenceGraph.Edge]] = [:]
    var incoming: [String: [InferenceGraph.Edge]] = [:]
    for edge in edges {
      outgoing[edge.from, default: []].append(edge)
      incoming[edge.to, default: []].append(edge)
    }
    func port(
      _ edge: InferenceGraph.Edge, of node: PlacedNode, among list: [InferenceGraph.Edge],
      other: (InferenceGraph.Edge) -> String
    )
      -> Double
    {
      let ordered = list.sorted {
        (placed[other($0)]?.centerY ?? 0, other($0)) < (placed[other($1)]?.centerY ?? 0, other($1))
      }
      let position = Double((ordered.firstIndex(of: edge) ?? 0) + 1)
      let usable = max(0, node.height - 2 * padding)
      return node.y + padding + usable * position / Double(ordered.count + 1)
    }
    return edges.compactMap { edge in
      guard let source = placed[edge.from], let target = placed[edge.to] else { return nil }
      let startY = port(edge, of: source, among: outgoing[edge.from] ?? [], other: { $0.to })
      let endY = port(edge, of: target, among: incoming[edge.to] ?? [], other: { $0.from })
      return PlacedEdge(edge: edge, start: (source.x + source.width, startY), end: (target.x, endY))
    }
  }

  // MARK: - Text

  static func width(of kind: InferenceGraph.Kind) -> Double {
    switch kind {
    case .statedFact, .derivedFact: 250
    case .firing: 210
    case .diagnosis: 190
    }
  }

  /// A node's lines: its title, its body wrapped (at most four lines), its note.
  static func lines(for node: InferenceGraph.Node) -> [String] {
    let characters = Int((width(of: node.kind) - 2 * padding) / glyphWidth)
    let boldCharacters = Int((width(of: node.kind) - 2 * padding) / boldGlyphWidth)
    let titleLimit = node.kind == .firing || node.kind == .diagnosis ? boldCharacters : characters
    var lines = [truncate(node.title, titleLimit)]
    var body = wrap(node.body, characters)
    if body.count > maximumBodyLines {
      body = Array(body.prefix(maximumBodyLines))
      body[maximumBodyLines - 1] = truncate(body[maximumBodyLines - 1] + " …", characters)
    }
    lines += body
    if !node.note.isEmpty { lines.append(node.note) }
    return lines
  }

  static func wrap(_ text: String, _ characters: Int) -> [String] {
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ").map(String.init) {
      let candidate = line.isEmpty ? word : line + " " + word
      if candidate.count <= characters {
        line = candidate
        continue
      }
      if !line.isEmpty { lines.append(line) }
      line = word.count > characters ? truncate(word, characters) : word
    }
    if !line.isEmpty { lines.append(line) }
    return lines
  }

  static func truncate(_ text: String, _ characters: Int) -> String {
    text.count <= characters ? text : String(text.prefix(max(1, characters - 1))) + "…"
  }
}
