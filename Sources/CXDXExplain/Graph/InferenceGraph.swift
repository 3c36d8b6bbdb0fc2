import RuleEngine

/// The inference graph behind some diagnoses, as a value: stated facts, rule firings, facts
/// the firings derived, and the diagnoses, with an edge for every fact a firing matched, every
/// fact a firing made and every contribution. Built from explanations (so from the engine's
/// record); drawn by ``SVGGraphRenderer`` and ``DotGraphRenderer``.
///
/// Nodes are placed in columns, sources left: a node's column is one more than the furthest
/// of its inputs, stated facts are column 0, diagnoses the last column and the firings that
/// only contribute the one before it: facts → rules → diagnosis.
public struct InferenceGraph: Sendable {
  public enum Kind: Sendable, Hashable {
    case statedFact
    case derivedFact
    case firing
    case diagnosis
  }

  public struct Node: Sendable {
    public let id: String
    public let kind: Kind
    /// The first line, shown strong: a rule name, a diagnosis id, a fact's id and place.
    public let title: String
    /// The rest, shown wrapped: the fact as written, a rule's title, a diagnosis's title.
    public let body: String
    /// A short last line: `factor +0.60 · firing 7`, a diagnosis's certainty.
    public let note: String
    /// Everything, for a tooltip.
    public let tooltip: String
    public internal(set) var column: Int
  }

  public struct Edge: Sendable, Hashable {
    public let from: String
    public let to: String
    /// The certainty it carries: a fact's, or a contribution's.
    public let certainty: Double
    /// Evidence against a diagnosis.
    public let negative: Bool

    public var label: String {
      negative || to.hasPrefix("d:") ? Phrases.signed(certainty) : certainty.fixed(2)
    }
  }

  public private(set) var nodes: [Node] = []
  public private(set) var edges: [Edge] = []
  private var index: [String: Int] = [:]
  private var edgeSet: Set<Edge> = []

  public var isEmpty: Bool { nodes.isEmpty }
  public var columnCount: Int { (nodes.map(\.column).max() ?? -1) + 1 }

  /// The case file the facts come from: its facts are then placed by line alone.
  private let casePath: String?

  /// - Parameter casePath: the case file, so that its facts can be placed by line alone
  ///   (`f-7 · line 18`) and nodes stay narrow.
  public init(_ explanations: [DiagnosisExplanation], casePath: String? = nil) {
    self.casePath = casePath
    for diagnosis in explanations where !diagnosis.contributions.isEmpty {
      let target = "d:\(diagnosis.id)"
      add(
        Node(
          id: target, kind: .diagnosis, title: diagnosis.id, body: diagnosis.title,
          note: "certainty \(Phrases.number(diagnosis.certainty))",
          tooltip: "\(diagnosis.id): \(diagnosis.title), certainty \(Phrases.number(diagnosis.certainty))",
          column: 0))
      for contribution in diagnosis.contributions {
        let firing = addFiring(
          rule: contribution.rule, title: contribution.title, location: contribution.location,
          cycle: contribution.cycle, factor: contribution.factor)
        connect(firing, target, certainty: contribution.certainty, negative: contribution.isNegative)
        for fact in contribution.facts {
          connect(addFact(fact), firing, certainty: fact.certainty, negative: false)
        }
      }
    }
    assignColumns()
  }

  public func node(_ id: String) -> Node? { index[id].map { nodes[$0] } }

  // MARK: - Building

  private mutating func add(_ node: Node) {
    guard index[node.id] == nil else { return }
    index[node.id] = nodes.count
    nodes.append(node)
  }

  private mutating func connect(_ from: String, _ to: String, certainty: Double, negative: Bool) {
    let edge = Edge(from: from, to: to, certainty: certainty, negative: negative)
    if edgeSet.insert(edge).inserted { edges.append(edge) }
  }

  /// One node per firing (a cycle number names a firing), whatever it did.
  private mutating func addFiring(rule: String, title: String, location: String, cycle: Int, factor: Double?)
    -> String
  {
    let id = "c\(cycle)"
    let factorText = factor.map { "factor \(Phrases.signed($0)) · " } ?? ""
    add(
      Node(
        id: id, kind: .firing, title: rule, body: title, note: "\(factorText)firing \(cycle)",
        tooltip: "\(rule): \(title) (\(location)), firing \(cycle)", column: 0))
    return id
  }

  /// A fact, with the firing that made it and that firing's facts, recursively (the
  /// explanation bounds the depth).
  private mutating func addFact(_ fact: ExplainedFact) -> String {
    let id = "f\(fact.id)"
    let place = fact.location.map(place) ?? Phrases.origin(fact)
    add(
      Node(
        id: id, kind: fact.origin == .stated ? .statedFact : .derivedFact, title: "f-\(fact.id) · \(place)",
        body: fact.text, note: fact.certainty < 1 ? "certainty \(fact.certainty.fixed(2))" : "",
        tooltip: "f-\(fact.id) \(fact.text) (\(Phrases.origin(fact)))", column: 0))
    if let derivation = fact.derivation {
      let firing = addFiring(
        rule: derivation.rule, title: derivation.title, location: derivation.location,
        cycle: derivation.cycle,
        factor: nil)
      connect(firing, id, certainty: fact.certainty, negative: false)
      for input in derivation.facts {
        connect(addFact(input), firing, certainty: input.certainty, negative: false)
      }
    }
    return id
  }

  /// `line 18` in the case file; elsewhere (`--set:1`) the file name without its folders.
  private func place(_ location: String) -> String {
    if let casePath, location.hasPrefix(casePath + ":") {
      return "line " + location.dropFirst(casePath.count + 1)
    }
    return location.split(separator: "/").last.map(String.init) ?? location
  }

  // MARK: - Columns

  /// Longest path from the sources; then diagnoses in the last column and firings that only
  /// contribute right before it. The graph is acyclic (a firing's facts are older than what it
  /// makes), and the relaxation stops after as many rounds as there are nodes regardless.
  private mutating func assignColumns() {
    var column = [Int](repeating: 0, count: nodes.count)
    for _ in 0..<nodes.count {
      var changed = false
      for edge in edges {
        guard let from = index[edge.from], let to = index[edge.to], column[to] < column[from] + 1 else {
          continue
        }
        column[to] = column[from] + 1
        changed = true
      }
      if !changed { break }
    }
    let last =
      (column.enumerated().filter { nodes[$0.offset].kind != .diagnosis }.map(\.element).max() ?? 0) + 1
    for (position, node) in nodes.enumerated() {
      if node.kind == .diagnosis {
        column[position] = last
      } else if node.kind == .firing,
        edges.filter({ $0.from == node.id }).allSatisfy({ $0.to.hasPrefix("d:") })
      {
        column[position] = last - 1
      }
    }
    for position in nodes.indices { nodes[position].column = column[position] }
  }
}
