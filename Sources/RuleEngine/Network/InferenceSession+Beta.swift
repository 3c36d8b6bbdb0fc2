/// The beta network at run time: partial matches flowing down (left activations), facts
/// arriving from alpha memories (right activations), and tree-based removal.
///
/// "Left" is the partial-match side, from a node's parent; "right" is the fact side, from an
/// alpha memory (Doorenbos 1995's directions).
extension InferenceSession {
  // MARK: - Keys

  func rightKey(_ tests: JoinTests, _ base: Int) -> UInt64 {
    var hasher = JoinKeyHasher()
    for equality in tests.equalities { hasher.combine(slotStore[base + equality.rightSlot]) }
    return hasher.value
  }

  func leftKey(_ tests: JoinTests, token: Int32) -> UInt64 {
    var hasher = JoinKeyHasher()
    for equality in tests.equalities {
      hasher.combine(slotValue(token: token, depth: equality.leftDepth, slot: equality.leftSlot))
    }
    return hasher.value
  }

  func depth(of token: Int32) -> Int { Int(nodeDepth[Int(tokens.node[Int(token)])]) }

  /// The fact at a depth of a partial match.
  func fact(of token: Int32, depth target: Int) -> Int32 {
    tokens.fact[Int(tokens.ancestor(of: token, steps: depth(of: token) - target))]
  }

  func slotValue(token: Int32, depth target: Int, slot: Int) -> Atom {
    let id = fact(of: token, depth: target)
    guard id > 0 else { return .missing }
    return slotStore[Int(slotBase[Int(id)]) + slot]
  }

  /// Whether a partial match and a fact pass a node's join tests (equalities included).
  func joinPasses(_ tests: JoinTests, token: Int32, fact: Int32, base: Int) -> Bool {
    for equality in tests.equalities
    where slotValue(token: token, depth: equality.leftDepth, slot: equality.leftSlot)
      != slotStore[base + equality.rightSlot]
    {
      return false
    }
    for comparison in tests.comparisons {
      let right = slotStore[base + comparison.rightSlot]
      let left = slotValue(token: token, depth: comparison.leftDepth, slot: comparison.leftSlot)
      if !compare(right, comparison.operation, left) { return false }
    }
    guard !tests.others.isEmpty else { return true }
    var context = EvaluationContext(currentBase: base, currentFact: fact, token: token)
    for test in tests.others where evaluate(test, &context) != .true { return false }
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
    switch nodeGate[Int(tokens.node[Int(token)])] {
    case .always: true
    case .whenUnblocked: tokens.blockers[Int(token)] == 0
    case .whenMatched: tokens.blockers[Int(token)] > 0
    }
  }

  /// Facts of an alpha memory that may join a partial match, given the partial match's join
  /// key (computed once by the caller, who also files the partial match under it).
  private func rightCandidates(_ node: NodeID, alpha: Int, tests: JoinTests, key: UInt64) -> [Int32] {
    tests.equalities.isEmpty ? alphaMemories[alpha].items : rightIndexes[node].candidates(key)
  }

  // MARK: - Left activation

  /// Passes a visible partial match to every child of its node.
  func propagate(_ token: Int32) {
    for child in plan.betaNodes[Int(tokens.node[Int(token)])].children { leftActivate(child, token: token) }
  }

  func leftActivate(_ node: NodeID, token: Int32) {
    switch plan.betaNodes[node].kind {
    case .root:
      break
    case .join(let alpha, let tests):
      let key = tests.equalities.isEmpty ? 0 : leftKey(tests, token: token)
      if !tests.equalities.isEmpty { leftIndexes[node].insert(token, key: key) }
      for fact in rightCandidates(node, alpha: alpha, tests: tests, key: key) {
        guard factLive[Int(fact)], joinPasses(tests, token: token, fact: fact, base: Int(slotBase[Int(fact)]))
        else {
          continue
        }
        propagate(makeToken(node, parent: token, fact: fact))
      }
    case .negation(let alpha, let tests), .exists(let alpha, let tests):
      let holder = makeToken(node, parent: token, fact: TokenStore.none)
      let key = tests.equalities.isEmpty ? 0 : leftKey(tests, token: token)
      var matches: Int32 = 0
      for fact in rightCandidates(node, alpha: alpha, tests: tests, key: key) {
        if factLive[Int(fact)], joinPasses(tests, token: token, fact: fact, base: Int(slotBase[Int(fact)])) {
          matches += 1
        }
      }
      tokens.blockers[Int(holder)] = matches
      if !tests.equalities.isEmpty { leftIndexes[node].insert(holder, key: key) }
      if isVisible(holder) { propagate(holder) }
    case .count(let alpha, let tests, let distinct):
      let holder = makeToken(node, parent: token, fact: TokenStore.none)
      var total = 0
      var seen: [UInt64: Int] = [:]
      let key = tests.equalities.isEmpty ? 0 : leftKey(tests, token: token)
      for fact in rightCandidates(node, alpha: alpha, tests: tests, key: key) {
        guard factLive[Int(fact)], joinPasses(tests, token: token, fact: fact, base: Int(slotBase[Int(fact)]))
        else {
          continue
        }
        if distinct.isEmpty {
          total += 1
        } else {
          seen[distinctKey(distinct, base: Int(slotBase[Int(fact)]), token: token), default: 0] += 1
        }
      }
      if !distinct.isEmpty {
        total = seen.count
        distinctCounts[holder] = seen
      }
      tokens.value[Int(holder)] = Atom.number(Double(total)) ?? .missing
      if !tests.equalities.isEmpty { leftIndexes[node].insert(holder, key: key) }
      propagate(holder)
    case .filter(let test):
      var context = EvaluationContext(token: token)
      if evaluate(test, &context) == .true {
        propagate(makeToken(node, parent: token, fact: TokenStore.none))
      }
    case .group(_, _):
      let holder = makeToken(node, parent: token, fact: TokenStore.none)
      tokens.blockers[Int(holder)] = pendingGroupMatches.removeValue(forKey: groupKey(node, token)) ?? 0
      if isVisible(holder) { propagate(holder) }
    case .groupPartner(let owner, let length):
      changeGroupMatches(owner: owner, parent: tokens.ancestor(of: token, steps: length), by: 1)
    case .production(let index):
      addActivation(production: index, token: token)
    }
  }

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
    tokens.blockers[Int(holder)] += delta
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
    let token = tokens.make(node: node, parent: parent, fact: fact)
    betaMemories[node].insert(token, positions: &tokens.memoryPosition)
    if fact > 0 { factTokens[Int(fact)].append((token, tokens.generation[Int(token)])) }
    return token
  }

  // MARK: - Right activation

  func rightActivate(_ node: NodeID, fact: Int32) {
    guard factLive[Int(fact)] else { return }
    let base = Int(slotBase[Int(fact)])
    let parent = plan.betaNodes[node].parent
    switch plan.betaNodes[node].kind {
    case .join(_, let tests):
      let candidates: [Int32]
      if tests.equalities.isEmpty {
        candidates = betaMemories[parent].items
      } else {
        let key = rightKey(tests, base)
        rightIndexes[node].insert(fact, key: key)
        candidates = leftIndexes[node].candidates(key)
      }
      for token in candidates
      where isVisible(token) && joinPasses(tests, token: token, fact: fact, base: base) {
        propagate(makeToken(node, parent: token, fact: fact))
      }
    case .negation(_, let tests), .exists(_, let tests):
      for holder in holderCandidates(node, tests: tests, base: base, insert: fact) {
        guard joinPasses(tests, token: tokens.parent[Int(holder)], fact: fact, base: base) else {
          continue
        }
        let wasVisible = isVisible(holder)
        tokens.blockers[Int(holder)] += 1
        if wasVisible != isVisible(holder) {
          if wasVisible { retractFromChildren(holder) } else { propagate(holder) }
        }
      }
    case .count(_, let tests, let distinct):
      for holder in holderCandidates(node, tests: tests, base: base, insert: fact) {
        let parentToken = tokens.parent[Int(holder)]
        guard joinPasses(tests, token: parentToken, fact: fact, base: base) else { continue }
        if !distinct.isEmpty {
          let key = distinctKey(distinct, base: base, token: parentToken)
          let previous = distinctCounts[holder]?[key] ?? 0
          distinctCounts[holder, default: [:]][key] = previous + 1
          if previous > 0 { continue }
        }
        changeCount(holder, by: 1)
      }
    default:
      break
    }
  }

  /// Holders (of a negation, existence or count node) whose partial match may agree with a fact.
  private func holderCandidates(_ node: NodeID, tests: JoinTests, base: Int, insert fact: Int32?)
    -> [Int32]
  {
    guard !tests.equalities.isEmpty else { return betaMemories[node].items }
    let key = rightKey(tests, base)
    if let fact { rightIndexes[node].insert(fact, key: key) }
    return leftIndexes[node].candidates(key)
  }

  private func changeCount(_ holder: Int32, by delta: Double) {
    retractFromChildren(holder)
    let current = tokens.value[Int(holder)].number ?? 0
    tokens.value[Int(holder)] = Atom.number(current + delta) ?? .missing
    propagate(holder)
  }

  func rightRetract(_ node: NodeID, fact: Int32, base: Int) {
    switch plan.betaNodes[node].kind {
    case .join(_, let tests):
      if !tests.equalities.isEmpty { rightIndexes[node].remove(fact, key: rightKey(tests, base)) }
    case .negation(_, let tests), .exists(_, let tests):
      if !tests.equalities.isEmpty { rightIndexes[node].remove(fact, key: rightKey(tests, base)) }
      for holder in holderCandidates(node, tests: tests, base: base, insert: nil) {
        guard joinPasses(tests, token: tokens.parent[Int(holder)], fact: fact, base: base) else { continue }
        let wasVisible = isVisible(holder)
        tokens.blockers[Int(holder)] -= 1
        if wasVisible != isVisible(holder) {
          if wasVisible { retractFromChildren(holder) } else { propagate(holder) }
        }
      }
    case .count(_, let tests, let distinct):
      if !tests.equalities.isEmpty { rightIndexes[node].remove(fact, key: rightKey(tests, base)) }
      for holder in holderCandidates(node, tests: tests, base: base, insert: nil) {
        let parentToken = tokens.parent[Int(holder)]
        guard joinPasses(tests, token: parentToken, fact: fact, base: base) else { continue }
        if !distinct.isEmpty {
          let key = distinctKey(distinct, base: base, token: parentToken)
          let remaining = (distinctCounts[holder]?[key] ?? 1) - 1
          distinctCounts[holder]?[key] = remaining == 0 ? nil : remaining
          if remaining > 0 { continue }
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
    let node = Int(tokens.node[Int(token)])
    switch plan.betaNodes[node].kind {
    case .negation(_, let tests), .exists(_, let tests), .count(_, let tests, _):
      if !tests.equalities.isEmpty {
        leftIndexes[node].remove(token, key: leftKey(tests, token: tokens.parent[Int(token)]))
      }
      distinctCounts[token] = nil
    default:
      break
    }
    betaMemories[node].remove(token, positions: &tokens.memoryPosition)
    tokens.release(token)
  }

  /// Withdraws a visible partial match from its node's children, keeping the match itself
  /// (a negation that became blocked, a count that changed).
  func retractFromChildren(_ token: Int32) {
    let node = Int(tokens.node[Int(token)])
    for child in plan.betaNodes[node].children {
      switch plan.betaNodes[child].kind {
      case .join(_, let tests) where !tests.equalities.isEmpty:
        leftIndexes[child].remove(token, key: leftKey(tests, token: token))
      case .production(let index):
        removeActivation(production: index, token: token)
      case .groupPartner(let owner, let length):
        changeGroupMatches(owner: owner, parent: tokens.ancestor(of: token, steps: length), by: -1)
      default:
        break
      }
    }
    removeChildTokens(token)
  }

  private func removeChildTokens(_ token: Int32) {
    for child in tokens.children(of: token) where tokens.alive[Int(child)] { removeToken(child) }
  }
}
