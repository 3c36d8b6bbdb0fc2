/// The beta network at run time: partial matches flowing down (left activations), facts
/// arriving from alpha memories (right activations), and tree-based removal.
///
/// "Left" is the partial-match side, from a node's parent; "right" is the fact side, from an
/// alpha memory (Doorenbos 1995's directions). Every node is read through the flat
/// ``NodeTable``, and partial matches through the ``TokenStore``'s records and rows.
extension InferenceSession {
  // MARK: - Keys

  func rightKey(_ node: NodeTable.Node, _ base: Int) -> UInt64 {
    var hasher = JoinKeyHasher()
    for index in node.equalities {
      hasher.combine(slotStore[base + Int(network.equalities[Int(index)].rightSlot)])
    }
    return hasher.value
  }

  func leftKey(_ node: NodeTable.Node, token: Int32) -> UInt64 {
    var hasher = JoinKeyHasher()
    let row = Int(tokens[token].row) - 1
    for index in node.equalities {
      let equality = network.equalities[Int(index)]
      hasher.combine(slotAt(fact: tokens.rows[row + Int(equality.leftDepth)], slot: Int(equality.leftSlot)))
    }
    return hasher.value
  }

  /// The join key of left operands already read (the equalities' come first).
  func leftKey(_ node: NodeTable.Node, left: UnsafePointer<Atom>) -> UInt64 {
    var hasher = JoinKeyHasher()
    for offset in 0..<node.equalities.count { hasher.combine(left[offset]) }
    return hasher.value
  }

  /// Reads the partial-match values a node's tests use (``NodeTable/Node/leftOperands``).
  @inline(__always)
  func readLeftOperands(_ node: NodeTable.Node, token: Int32, into values: UnsafeMutablePointer<Atom>) {
    let row = Int(tokens[token].row) - 1
    var offset = 0
    for index in node.leftOperands {
      let operand = network.leftOperands[Int(index)]
      values[offset] = slotAt(fact: tokens.rows[row + Int(operand.depth)], slot: Int(operand.slot))
      offset += 1
    }
  }

  /// Runs `body` with room for a node's left operands, on the stack.
  @inline(__always)
  func withLeftOperands<Result>(
    _ node: NodeTable.Node, _ body: (UnsafeMutablePointer<Atom>) -> Result
  ) -> Result {
    withUnsafeTemporaryAllocation(of: Atom.self, capacity: max(node.leftOperands.count, 1)) { buffer in
      body(buffer.baseAddress.unsafelyUnwrapped)
    }
  }

  @inline(__always)
  func slotAt(fact id: Int32, slot: Int) -> Atom {
    guard id > 0 else { return .missing }
    return slotStore[Int(slotBase[Int(id)]) + slot]
  }

  func depth(of token: Int32) -> Int { Int(network.nodes[Int(tokens[token].node)].depth) }

  /// The fact at a depth of a partial match.
  func fact(of token: Int32, depth target: Int) -> Int32 {
    target >= 1 ? tokens.fact(of: token, depth: target) : TokenStore.none
  }

  func slotValue(token: Int32, depth target: Int, slot: Int) -> Atom {
    slotAt(fact: fact(of: token, depth: target), slot: slot)
  }

  /// Whether a partial match and a fact pass a node's join tests (for a right activation,
  /// where each partial match is tried once): the partial match's values are read as the
  /// tests need them, since most candidates fail the first one.
  func joinPasses(_ node: NodeTable.Node, nodeID: NodeID, token: Int32, fact: Int32, base: Int) -> Bool {
    let row = Int(tokens[token].row) - 1
    for index in node.equalities {
      let equality = network.equalities[Int(index)]
      let left = slotAt(fact: tokens.rows[row + Int(equality.leftDepth)], slot: Int(equality.leftSlot))
      if left != slotStore[base + Int(equality.rightSlot)] { return false }
    }
    for index in node.comparisons {
      let comparison = network.comparisons[Int(index)]
      let left = slotAt(fact: tokens.rows[row + Int(comparison.leftDepth)], slot: Int(comparison.leftSlot))
      if !compare(slotStore[base + Int(comparison.rightSlot)], comparison.operation, left) { return false }
    }
    guard !node.predicates.isEmpty || node.hasOtherTests else { return true }
    return withLeftOperands(node) { left in
      readLeftOperands(node, token: token, into: left)
      return remainingTestsPass(node, nodeID: nodeID, left: left, token: token, fact: fact, base: base)
    }
  }

  /// Whether a partial match (whose left operands are read into `left`) and a fact pass a
  /// node's join tests, equalities included.
  func joinPasses(
    _ node: NodeTable.Node, nodeID: NodeID, left: UnsafePointer<Atom>, token: Int32, fact: Int32, base: Int
  ) -> Bool {
    var offset = 0
    for index in node.equalities {
      if left[offset] != slotStore[base + Int(network.equalities[Int(index)].rightSlot)] { return false }
      offset += 1
    }
    for index in node.comparisons {
      let comparison = network.comparisons[Int(index)]
      if !compare(slotStore[base + Int(comparison.rightSlot)], comparison.operation, left[offset]) {
        return false
      }
      offset += 1
    }
    return remainingTestsPass(node, nodeID: nodeID, left: left, token: token, fact: fact, base: base)
  }

  /// The compiled predicates and the evaluator's tests, once equalities and comparisons hold.
  private func remainingTestsPass(
    _ node: NodeTable.Node, nodeID: NodeID, left: UnsafePointer<Atom>, token: Int32, fact: Int32, base: Int
  ) -> Bool {
    for index in node.predicates
    where outcome(of: network.predicateRoots[Int(index)], left: left, base: base) != .isTrue {
      return false
    }
    guard node.hasOtherTests else { return true }
    var context = EvaluationContext(currentBase: base, currentFact: fact, token: token)
    for test in network.otherTests[nodeID] where evaluate(test, &context) != .true { return false }
    return true
  }

  /// A comparison as the evaluator makes it (`binary` in Evaluation.swift): unknown values
  /// satisfy nothing, ordering needs numbers (anything else fails the test).
  @inline(__always)
  func compare(_ a: Atom, _ operation: BinaryOperation, _ b: Atom) -> Bool {
    switch operation {
    case .equal: return a == b && !a.isMissing
    case .notEqual: return a != b && !a.isMissing && !b.isMissing
    default:
      guard let x = a.number, let y = b.number else { return false }
      switch operation {
      case .less: return x < y
      case .lessOrEqual: return x <= y
      case .greater: return x > y
      default: return x >= y
      }
    }
  }

  /// Whether a node passes its stored partial matches on to its children.
  func isVisible(_ token: Int32) -> Bool {
    let record = tokens[token]
    switch network.nodes[Int(record.node)].gate {
    case .always: return true
    case .whenUnblocked: return record.blockers == 0
    case .whenMatched: return record.blockers > 0
    }
  }

  // MARK: - Left activation

  /// Passes a visible partial match to every child of its node.
  func propagate(_ token: Int32) {
    let children = network.nodes[Int(tokens[token].node)].children
    for index in children { leftActivate(Int(network.children[Int(index)]), token: token) }
  }

  func leftActivate(_ nodeID: NodeID, token: Int32) {
    let node = network.nodes[nodeID]
    switch node.kind {
    case .root:
      break
    case .join:
      // The partial match is filed in the left index (so facts arriving later find it), then
      // joined with every fact already there.
      forEachRightCandidate(node, nodeID: nodeID, token: token, index: token) { fact in
        propagate(makeToken(nodeID, parent: token, fact: fact))
        return true
      }
    case .negation, .exists:
      // One matching fact is enough to block a negation (or pass an existence test): the
      // holder records the first it finds, as CLIPS does, and looks for another only when
      // that one leaves.
      let holder = makeToken(nodeID, parent: token, fact: TokenStore.none)
      var blocker: Int32 = 0
      forEachRightCandidate(node, nodeID: nodeID, token: token, index: holder) { fact in
        blocker = fact
        return false
      }
      if blocker > 0 { block(holder, by: blocker) }
      if isVisible(holder) { propagate(holder) }
    case .count:
      let holder = makeToken(nodeID, parent: token, fact: TokenStore.none)
      let distinct = network.expressions[nodeID]
      var total = 0
      var seen: [UInt64: Int] = [:]
      forEachRightCandidate(node, nodeID: nodeID, token: token, index: holder) { fact in
        if distinct.isEmpty {
          total += 1
        } else {
          seen[distinctKey(distinct, base: base(fact), token: token), default: 0] += 1
        }
        return true
      }
      if !distinct.isEmpty {
        total = seen.count
        distinctCounts[holder] = seen
      }
      tokens[holder].blockers = Int32(clamping: total)
      propagate(holder)
    case .filter:
      let passes = withLeftOperands(node) { left in
        readLeftOperands(node, token: token, into: left)
        return joinPasses(node, nodeID: nodeID, left: left, token: token, fact: TokenStore.none, base: 0)
      }
      if passes {
        propagate(makeToken(nodeID, parent: token, fact: TokenStore.none))
      }
    case .group:
      let holder = makeToken(nodeID, parent: token, fact: TokenStore.none)
      tokens[holder].blockers = pendingGroupMatches.removeValue(forKey: groupKey(nodeID, token)) ?? 0
      if isVisible(holder) { propagate(holder) }
    case .groupPartner:
      changeGroupMatches(
        owner: Int(node.link), parent: tokens.ancestor(of: token, steps: Int(node.length)), by: 1)
    case .production:
      addActivation(production: Int(node.link), token: token)
    }
  }

  /// Calls `body` with the live facts of a node's alpha memory that join a partial match,
  /// until it returns false; first files `index` (the partial match itself at a join, its
  /// holder at a negation, existence or count node) in the node's left index.
  private func forEachRightCandidate(
    _ node: NodeTable.Node, nodeID: NodeID, token: Int32, index holder: Int32?, _ body: (Int32) -> Bool
  ) {
    withLeftOperands(node) { left in
      readLeftOperands(node, token: token, into: left)
      if node.equalities.isEmpty {
        for fact in alphaMemories[Int(node.alpha)]
        where factLive[Int(fact)]
          && joinPasses(node, nodeID: nodeID, left: left, token: token, fact: fact, base: base(fact))
        {
          if !body(fact) { return }
        }
        return
      }
      let key = leftKey(node, left: left)
      if let holder { leftIndexes.insert(holder, node: nodeID, key: key) }
      var entry = rightIndexes.first(node: Int(node.rightIndex), key: key)
      while entry >= 0 {
        let fact = rightIndexes.id(at: entry)
        entry = rightIndexes.next(after: entry)
        if factLive[Int(fact)],
          joinPasses(node, nodeID: nodeID, left: left, token: token, fact: fact, base: base(fact))
        {
          if !body(fact) { return }
        }
      }
    }
  }

  @inline(__always)
  func base(_ fact: Int32) -> Int { Int(slotBase[Int(fact)]) }

  private func groupKey(_ owner: NodeID, _ parent: Int32) -> Int64 { Int64(owner) << 32 | Int64(parent) }

  private func changeGroupMatches(owner: NodeID, parent: Int32, by delta: Int32) {
    guard let holder = tokens.child(of: parent, at: owner) else {
      // The owner has not seen this partial match yet (its subnetwork runs first): keep the
      // count for it. A withdrawal with no holder and nothing pending comes from a partial
      // match being removed, whose holder is already gone: nothing to count.
      let key = groupKey(owner, parent)
      let count = (pendingGroupMatches[key] ?? 0) + delta
      pendingGroupMatches[key] = count <= 0 ? nil : count
      return
    }
    let wasVisible = isVisible(holder)
    tokens[holder].blockers += delta
    let nowVisible = isVisible(holder)
    if wasVisible && !nowVisible { retractFromChildren(holder) }
    if !wasVisible && nowVisible { propagate(holder) }
  }

  func distinctKey(_ distinct: [CompiledExpression], base: Int, token: Int32) -> UInt64 {
    var hasher = JoinKeyHasher()
    var context = EvaluationContext(currentBase: base, token: token)
    for expression in distinct { hasher.combine(evaluate(expression, &context) ?? .missing) }
    return hasher.value
  }

  func makeToken(_ node: NodeID, parent: Int32, fact: Int32) -> Int32 {
    let token = tokens.make(
      node: node, depth: Int(network.nodes[node].depth), parent: parent, fact: fact)
    betaMemories[node].insert(token, in: tokens)
    if fact > 0 {
      let head = factFirstToken[Int(fact)]
      tokens[token].nextWithFact = head
      if head >= 0 { tokens[head].previousWithFact = token }
      factFirstToken[Int(fact)] = token
    }
    return token
  }

  // MARK: - Right activation

  func rightActivate(_ nodeID: NodeID, fact: Int32) {
    guard factLive[Int(fact)] else { return }
    let base = base(fact)
    let node = network.nodes[nodeID]
    switch node.kind {
    case .join:
      if node.equalities.isEmpty {
        for token in betaMemories[Int(node.parent)].items
        where isVisible(token) && joinPasses(node, nodeID: nodeID, token: token, fact: fact, base: base) {
          propagate(makeToken(nodeID, parent: token, fact: fact))
        }
        return
      }
      let key = rightKey(node, base)
      var entry = leftIndexes.first(node: nodeID, key: key)
      while entry >= 0 {
        let token = leftIndexes.id(at: entry)
        entry = leftIndexes.next(after: entry)
        if isVisible(token), joinPasses(node, nodeID: nodeID, token: token, fact: fact, base: base) {
          propagate(makeToken(nodeID, parent: token, fact: fact))
        }
      }
    case .negation, .exists:
      // Only holders nothing blocks yet can change; the others are not even tested.
      forEachHolder(node, nodeID: nodeID, fact: fact, base: base, onlyUnblocked: true) { holder in
        block(holder, by: fact)
        if node.kind == .negation { retractFromChildren(holder) } else { propagate(holder) }
      }
    case .count:
      let distinct = network.expressions[nodeID]
      forEachHolder(node, nodeID: nodeID, fact: fact, base: base) { holder in
        if !distinct.isEmpty {
          let key = distinctKey(distinct, base: base, token: tokens[holder].parent)
          let previous = distinctCounts[holder]?[key] ?? 0
          distinctCounts[holder, default: [:]][key] = previous + 1
          if previous > 0 { return }
        }
        changeCount(holder, by: 1)
      }
    default:
      break
    }
  }

  /// Calls `body` with every holder (of a negation, existence or count node) whose partial
  /// match joins a fact. The holders are collected first: `body` may retract their children.
  private func forEachHolder(
    _ node: NodeTable.Node, nodeID: NodeID, fact: Int32, base: Int, onlyUnblocked: Bool = false,
    _ body: (Int32) -> Void
  ) {
    var holders: [Int32] = []
    if node.equalities.isEmpty {
      holders = betaMemories[nodeID].items
    } else {
      var entry = leftIndexes.first(node: nodeID, key: rightKey(node, base))
      while entry >= 0 {
        holders.append(leftIndexes.id(at: entry))
        entry = leftIndexes.next(after: entry)
      }
    }
    for holder in holders
    where !(onlyUnblocked && tokens[holder].blockers > 0)
      && joinPasses(node, nodeID: nodeID, token: tokens[holder].parent, fact: fact, base: base)
    {
      body(holder)
    }
  }

  // MARK: - Blockers

  /// Records that `fact` blocks a negation holder (or passes an existence holder).
  private func block(_ holder: Int32, by fact: Int32) {
    tokens[holder].blockers = fact
    let head = factFirstBlocked[Int(fact)]
    tokens[holder].nextWithFact = head
    tokens[holder].previousWithFact = TokenStore.none
    if head >= 0 { tokens[head].previousWithFact = holder }
    factFirstBlocked[Int(fact)] = holder
  }

  private func unblock(_ holder: Int32) {
    let record = tokens[holder]
    guard record.blockers > 0 else { return }
    if record.previousWithFact >= 0 {
      tokens[record.previousWithFact].nextWithFact = record.nextWithFact
    } else {
      factFirstBlocked[Int(record.blockers)] = record.nextWithFact
    }
    if record.nextWithFact >= 0 { tokens[record.nextWithFact].previousWithFact = record.previousWithFact }
    tokens[holder].blockers = 0
    tokens[holder].nextWithFact = TokenStore.none
    tokens[holder].previousWithFact = TokenStore.none
  }

  /// A fact is leaving a node's alpha memory: every holder it blocked at the node looks for
  /// another blocker among the facts still there, and changes state if there is none.
  private func releaseBlocked(_ node: NodeTable.Node, nodeID: NodeID, by fact: Int32) {
    var blocked: [Int32] = []
    var holder = factFirstBlocked[Int(fact)]
    while holder >= 0 {
      if tokens[holder].node == Int32(nodeID) { blocked.append(holder) }
      holder = tokens[holder].nextWithFact
    }
    for holder in blocked where tokens[holder].alive && tokens[holder].blockers == fact {
      unblock(holder)
      var replacement: Int32 = 0
      forEachRightCandidate(node, nodeID: nodeID, token: tokens[holder].parent, index: nil) { candidate in
        replacement = candidate
        return false
      }
      if replacement > 0 {
        block(holder, by: replacement)
      } else if node.kind == .negation {
        propagate(holder)
      } else {
        retractFromChildren(holder)
      }
    }
  }

  private func changeCount(_ holder: Int32, by delta: Int32) {
    retractFromChildren(holder)
    tokens[holder].blockers += delta
    propagate(holder)
  }

  /// The value a partial match adds at its own level: a count holder's count, else nothing.
  func value(of token: Int32) -> Atom {
    let record = tokens[token]
    guard network.nodes[Int(record.node)].kind == .count else { return .missing }
    return Atom.number(Double(record.blockers)) ?? .missing
  }

  func rightRetract(_ nodeID: NodeID, fact: Int32, base: Int) {
    let node = network.nodes[nodeID]
    switch node.kind {
    case .negation, .exists:
      releaseBlocked(node, nodeID: nodeID, by: fact)
    case .count:
      let distinct = network.expressions[nodeID]
      forEachHolder(node, nodeID: nodeID, fact: fact, base: base) { holder in
        if !distinct.isEmpty {
          let key = distinctKey(distinct, base: base, token: tokens[holder].parent)
          let remaining = (distinctCounts[holder]?[key] ?? 1) - 1
          distinctCounts[holder]?[key] = remaining == 0 ? nil : remaining
          if remaining > 0 { return }
        }
        changeCount(holder, by: -1)
      }
    default:
      break
    }
  }

  // MARK: - Removal

  /// Removes a partial match, everything built on it, and its traces in indexes and the agenda.
  func removeToken(_ token: Int32) {
    if isVisible(token) { retractFromChildren(token) } else { removeChildTokens(token) }
    let record = tokens[token]
    let nodeID = Int(record.node)
    let node = network.nodes[nodeID]
    switch node.kind {
    case .negation, .exists, .count:
      if !node.equalities.isEmpty {
        leftIndexes.remove(token, node: nodeID) { leftKey(node, token: record.parent) }
      }
      if node.kind == .count { distinctCounts[token] = nil } else { unblock(token) }
    default:
      break
    }
    if record.fact > 0 { unlinkFromFact(token) }
    betaMemories[nodeID].remove(token, in: tokens)
    tokens.release(token, depth: Int(node.depth))
  }

  private func unlinkFromFact(_ token: Int32) {
    let record = tokens[token]
    if record.previousWithFact >= 0 {
      tokens[record.previousWithFact].nextWithFact = record.nextWithFact
    } else if factFirstToken[Int(record.fact)] == token {
      factFirstToken[Int(record.fact)] = record.nextWithFact
    }
    if record.nextWithFact >= 0 { tokens[record.nextWithFact].previousWithFact = record.previousWithFact }
  }

  /// Withdraws a visible partial match from its node's children, keeping the match itself
  /// (a negation that became blocked, a count that changed).
  func retractFromChildren(_ token: Int32) {
    let children = network.nodes[Int(tokens[token].node)].children
    for index in children {
      let childID = Int(network.children[Int(index)])
      let child = network.nodes[childID]
      switch child.kind {
      case .join where !child.equalities.isEmpty:
        leftIndexes.remove(token, node: childID) { leftKey(child, token: token) }
      case .production:
        removeActivation(production: Int(child.link), token: token)
      case .groupPartner:
        changeGroupMatches(
          owner: Int(child.link), parent: tokens.ancestor(of: token, steps: Int(child.length)), by: -1)
      default:
        break
      }
    }
    removeChildTokens(token)
  }

  private func removeChildTokens(_ token: Int32) {
    while case let child = tokens[token].firstChild, child >= 0 { removeToken(child) }
  }
}
