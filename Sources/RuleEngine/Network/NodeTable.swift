/// What the matcher reads of each beta node on every activation, flattened into plain values.
///
/// `BetaNode.Kind` carries arrays in its payloads, so switching over it copies (and retains)
/// them on every visit; these records and pools hold the same facts as integers, and the
/// few expression-valued parts (join tests for the evaluator, filters, distinct keys) stay
/// in arrays read only by the nodes that have them.
struct NodeTable: Sendable {
  enum Kind: UInt8, Sendable {
    case root, join, negation, exists, count, filter, group, groupPartner, production
  }

  /// When a node passes its partial matches to its children.
  enum Gate: UInt8, Sendable {
    case always
    /// A negation: while no fact matches.
    case whenUnblocked
    /// An existence test: while some fact matches.
    case whenMatched
  }

  struct Node: Sendable {
    var kind: Kind
    var gate: Gate
    /// Whether the join tests (or a filter's test) include some only the evaluator can run.
    var hasOtherTests: Bool
    var depth: Int32
    var parent: Int32
    /// The alpha memory of a join, negation, existence or count node.
    var alpha: Int32
    /// The right index the node looks facts up in (-1 without equality tests): one per
    /// alpha memory and list of hashed slots, shared by every node that hashes alike.
    var rightIndex: Int32
    /// The partner of a group owner, the owner of a partner, the production's index.
    var link: Int32
    /// How many levels a group partner reports up.
    var length: Int32
    var equalities: Range<Int32>
    var comparisons: Range<Int32>
    /// Roots of the node's compiled tests in `predicates`, by way of `predicateRoots`.
    var predicates: Range<Int32>
    /// The partial-match values the node's tests read, in `leftOperands`: the left sides of
    /// its equalities, then of its comparisons, then those its predicates read. A join reads
    /// them once per partial match, not once per fact it tries.
    var leftOperands: Range<Int32>
    var children: Range<Int32>
  }

  struct Equality: Sendable {
    var leftDepth: Int32
    var leftSlot: Int32
    var rightSlot: Int32
  }

  /// A slot of the fact at a depth of the partial match.
  struct LeftOperand: Sendable {
    var depth: Int32
    var slot: Int32
  }

  struct Comparison: Sendable {
    var operation: BinaryOperation
    var leftDepth: Int32
    var leftSlot: Int32
    var rightSlot: Int32
  }

  private(set) var nodes: [Node] = []
  private(set) var equalities: [Equality] = []
  private(set) var comparisons: [Comparison] = []
  private(set) var children: [Int32] = []
  private(set) var predicates: [JoinPredicate.Node] = []
  private(set) var predicateRoots: [Int32] = []
  private(set) var leftOperands: [LeftOperand] = []
  /// Per node: join tests (or a filter's test) the evaluator runs; empty for most nodes.
  private(set) var otherTests: [[CompiledExpression]] = []
  /// Per node: a count's distinct expressions.
  private(set) var expressions: [[CompiledExpression]] = []
  /// Per alpha memory: its right indexes, each with a node that hashes into it.
  private(set) var rightIndexesOfAlpha: [[(index: Int32, node: Int32)]] = []
  /// Right indexes by alpha memory and hashed slots, while building.
  private var rightIndexIDs: [RightIndexKey: Int32] = [:]

  private struct RightIndexKey: Hashable {
    let alpha: Int
    let slots: [Int32]
  }

  init(_ plan: NetworkPlan) {
    rightIndexesOfAlpha = Array(repeating: [], count: plan.alphaMemories.count)
    for node in plan.betaNodes {
      var record = Node(
        kind: .root, gate: .always, hasOtherTests: false, depth: Int32(node.depth),
        parent: Int32(node.parent), alpha: -1, rightIndex: -1, link: -1,
        length: 0, equalities: 0..<0, comparisons: 0..<0, predicates: 0..<0, leftOperands: 0..<0,
        children: 0..<0)
      var others: [CompiledExpression] = []
      var nodeExpressions: [CompiledExpression] = []
      switch node.kind {
      case .root:
        break
      case .join(let alpha, let tests):
        record.kind = .join
        addTests(tests, alpha: alpha, to: &record, others: &others)
      case .negation(let alpha, let tests):
        record.kind = .negation
        record.gate = .whenUnblocked
        addTests(tests, alpha: alpha, to: &record, others: &others)
      case .exists(let alpha, let tests):
        record.kind = .exists
        record.gate = .whenMatched
        addTests(tests, alpha: alpha, to: &record, others: &others)
      case .count(let alpha, let tests, let distinct):
        record.kind = .count
        addTests(tests, alpha: alpha, to: &record, others: &others)
        nodeExpressions = distinct
      case .filter(let test):
        record.kind = .filter
        others = compileTests([test], into: &record)
      case .group(let partner, let negated):
        record.kind = .group
        record.gate = negated ? .whenUnblocked : .whenMatched
        record.link = Int32(partner)
      case .groupPartner(let owner, let length):
        record.kind = .groupPartner
        record.link = Int32(owner)
        record.length = Int32(length)
      case .production(let index):
        record.kind = .production
        record.link = Int32(index)
      }
      let firstChild = Int32(children.count)
      children.append(contentsOf: node.children.map { Int32($0) })
      record.children = firstChild..<Int32(children.count)
      nodes.append(record)
      otherTests.append(others)
      expressions.append(nodeExpressions)
    }
  }

  private mutating func addTests(
    _ tests: JoinTests, alpha: Int, to record: inout Node, others: inout [CompiledExpression]
  ) {
    record.alpha = Int32(alpha)
    let firstEquality = Int32(equalities.count)
    let firstOperand = Int32(leftOperands.count)
    for equality in tests.equalities {
      leftOperands.append(LeftOperand(depth: Int32(equality.leftDepth), slot: Int32(equality.leftSlot)))
    }
    for comparison in tests.comparisons {
      leftOperands.append(LeftOperand(depth: Int32(comparison.leftDepth), slot: Int32(comparison.leftSlot)))
    }
    record.leftOperands = firstOperand..<Int32(leftOperands.count)
    for equality in tests.equalities {
      equalities.append(
        Equality(
          leftDepth: Int32(equality.leftDepth), leftSlot: Int32(equality.leftSlot),
          rightSlot: Int32(equality.rightSlot)))
    }
    record.equalities = firstEquality..<Int32(equalities.count)
    if !tests.equalities.isEmpty {
      let key = RightIndexKey(alpha: alpha, slots: tests.equalities.map { Int32($0.rightSlot) })
      if let existing = rightIndexIDs[key] {
        record.rightIndex = existing
      } else {
        record.rightIndex = Int32(rightIndexIDs.count)
        rightIndexIDs[key] = record.rightIndex
        rightIndexesOfAlpha[alpha].append((record.rightIndex, Int32(nodes.count)))
      }
    }
    let firstComparison = Int32(comparisons.count)
    for comparison in tests.comparisons {
      comparisons.append(
        Comparison(
          operation: comparison.operation, leftDepth: Int32(comparison.leftDepth),
          leftSlot: Int32(comparison.leftSlot), rightSlot: Int32(comparison.rightSlot)))
    }
    record.comparisons = firstComparison..<Int32(comparisons.count)
    others = compileTests(tests.others, into: &record)
  }

  /// Compiles what it can of a node's evaluator tests into predicates; returns the rest.
  private mutating func compileTests(_ tests: [CompiledExpression], into record: inout Node)
    -> [CompiledExpression]
  {
    let firstRoot = Int32(predicateRoots.count)
    let firstOperand =
      record.leftOperands.isEmpty ? Int32(leftOperands.count) : record.leftOperands.lowerBound
    // Predicate operands are numbered from the node's first left operand.
    var nodeOperands = Array(leftOperands[Int(firstOperand)...])
    var rest: [CompiledExpression] = []
    for test in tests {
      if let root = JoinPredicate.compile(test, into: &predicates, leftOperands: &nodeOperands) {
        predicateRoots.append(root)
      } else {
        rest.append(test)
      }
    }
    leftOperands.removeSubrange(Int(firstOperand)...)
    leftOperands.append(contentsOf: nodeOperands)
    record.leftOperands = firstOperand..<Int32(leftOperands.count)
    record.predicates = firstRoot..<Int32(predicateRoots.count)
    record.hasOtherTests = !rest.isEmpty
    return rest
  }
}
