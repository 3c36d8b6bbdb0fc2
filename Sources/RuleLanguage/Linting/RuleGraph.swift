import RuleEngine

/// Which rule can re-trigger which: an edge from A to B when A asserts, derives or modifies a
/// fact of a kind that B matches positively (a pattern at the top level, in `exists`, `either`
/// or `count`), unless the values A writes as literals are ones B's pattern rejects.
struct RuleGraph {
  /// One way A can re-trigger B.
  struct Edge {
    let from: Int
    let to: Int
    let production: FactProduction
    /// The production can keep making facts that working memory has not seen, and B's
    /// pattern has no test on a slot it computes that a new value could fail: a `modify`
    /// (always a new fact) or computed values, with nothing that could stop the loop.
    let renewsWithoutGuard: Bool
  }

  let edges: [Edge]
  let nodeCount: Int

  init(rules: [Rule]) {
    nodeCount = rules.count
    var readers: [String: [(rule: Int, pattern: Pattern)]] = [:]
    for (index, rule) in rules.enumerated() {
      for pattern in rule.positivePatterns { readers[pattern.template, default: []].append((index, pattern)) }
    }
    var edges: [Edge] = []
    for (index, rule) in rules.enumerated() {
      for production in rule.productions {
        for reader in readers[production.kind] ?? [] {
          let requirements = reader.pattern.requirements
          let compatible = production.values.allSatisfy { value in
            guard case .constant(let constant) = value.value, let requirement = requirements[value.slot]
            else {
              return true
            }
            return requirement.accepts(constant)
          }
          guard compatible else { continue }
          let renews = production.isModify || production.computesValues
          // A test on a slot the production computes may reject the new value and end the loop.
          let guarded = production.values.contains { value in
            if case .constant = value.value { return false }
            if case .variable = value.value, !production.isModify { return false }
            return requirements[value.slot]?.testsValue ?? false
          }
          edges.append(
            Edge(from: index, to: reader.rule, production: production, renewsWithoutGuard: renews && !guarded)
          )
        }
      }
    }
    self.edges = edges
  }

  /// The strongly connected components with at least one edge inside (a rule that can
  /// re-trigger itself counts), each sorted, in order of their first rule. Kosaraju's
  /// algorithm with explicit stacks, so a long chain of rules cannot overflow the call stack.
  func cycles() -> [[Int]] {
    var successors = [[Int]](repeating: [], count: nodeCount)
    var predecessors = [[Int]](repeating: [], count: nodeCount)
    var selfLoops: Set<Int> = []
    for edge in edges {
      successors[edge.from].append(edge.to)
      predecessors[edge.to].append(edge.from)
      if edge.from == edge.to { selfLoops.insert(edge.from) }
    }
    // First pass: finishing order.
    var visited = [Bool](repeating: false, count: nodeCount)
    var order: [Int] = []
    for start in 0..<nodeCount where !visited[start] {
      var stack: [(node: Int, next: Int)] = [(start, 0)]
      visited[start] = true
      while let top = stack.last {
        if top.next < successors[top.node].count {
          stack[stack.count - 1].next += 1
          let successor = successors[top.node][top.next]
          if !visited[successor] {
            visited[successor] = true
            stack.append((successor, 0))
          }
        } else {
          order.append(top.node)
          stack.removeLast()
        }
      }
    }
    // Second pass, on the reversed graph, in reverse finishing order.
    var component = [Int](repeating: -1, count: nodeCount)
    var components: [[Int]] = []
    for start in order.reversed() where component[start] < 0 {
      var members: [Int] = []
      var stack = [start]
      component[start] = components.count
      while let node = stack.popLast() {
        members.append(node)
        for predecessor in predecessors[node] where component[predecessor] < 0 {
          component[predecessor] = components.count
          stack.append(predecessor)
        }
      }
      components.append(members.sorted())
    }
    return components.filter { $0.count > 1 || selfLoops.contains($0[0]) }.sorted { $0[0] < $1[0] }
  }
}
