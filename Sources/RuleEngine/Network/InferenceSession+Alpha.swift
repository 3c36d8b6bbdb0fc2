/// Working memory and the alpha network: facts in, facts out, routed to alpha memories.
extension InferenceSession {
  /// Adds a fact unless an identical one exists; returns the id of the fact now holding.
  func insertFact(template: Int, slots: [Atom], certainty: Double, origin: FactOrigin, logicalSupport: Bool)
    -> Int32
  {
    workingMemoryDepth += 1
    defer {
      workingMemoryDepth -= 1
      if workingMemoryDepth == 0 { removeUnsupportedFacts() }
    }
    let hash = contentHash(template: template, slots: slots)
    let existing = factIndex.first(hash: hash) { candidate in
      guard let fact = liveFact(candidate), fact.template == template else { return false }
      let base = Int(slotBase[Int(candidate)])
      for (offset, atom) in slots.enumerated() where slotStore[base + offset] != atom { return false }
      return true
    }
    if let existing, var stored = liveFact(existing) {
      if logicalSupport { stored.supportCount += 1 } else { stored.unconditional = true }
      facts[Int(existing)] = stored
      return existing
    }
    let id = Int32(facts.count)
    let stored = StoredFact(
      id: FactID(id), template: template, certainty: certainty, origin: origin,
      unconditional: !logicalSupport, supportCount: logicalSupport ? 1 : 0)
    facts.append(stored)
    slotBase.append(Int32(slotStore.count))
    slotStore.append(contentsOf: slots)
    factLive.append(true)
    factBeingRemoved.append(false)
    factFirstToken.append(TokenStore.none)
    factFirstBlocked.append(TokenStore.none)
    factIndex.insert(id, hash: hash)
    liveFactCount += 1
    peakFactCount = max(peakFactCount, liveFactCount)
    if let observer { observer(.factAsserted(view(stored), byRule: currentRule)) }
    let base = Int(slotBase[Int(id)])
    let accepted = alphaMemoriesAccepting(template: template, base: base)
    factMembershipStart.append(Int32(memberships.count))
    for alpha in accepted { memberships.append(Membership(alpha: Int32(alpha), position: -1)) }
    for (offset, alpha) in accepted.enumerated() {
      addToAlphaMemory(alpha, id, membership: Int(factMembershipStart[Int(id)]) + offset)
      for (index, node) in network.rightIndexesOfAlpha[alpha] {
        rightIndexes.insert(id, node: Int(index), key: rightKey(network.nodes[Int(node)], base))
      }
      for node in plan.alphaMemories[alpha].successors { rightActivate(node, fact: id) }
    }
    return id
  }

  /// Removes a fact and everything matched through it.
  ///
  /// The fact leaves its alpha memories (and their right indexes) one at a time, each
  /// followed by its right retractions, mirroring assertion: a negation or count that is re-evaluated in between
  /// sees exactly the memories the fact is still in, so no count is ever decremented for a
  /// fact it did not count. Partial matches holding the fact are swept before (most of them)
  /// and after (any built on it in between).
  func removeFact(_ id: Int32) {
    guard let stored = liveFact(id), !factBeingRemoved[Int(id)] else { return }
    workingMemoryDepth += 1
    defer {
      workingMemoryDepth -= 1
      if workingMemoryDepth == 0 { removeUnsupportedFacts() }
    }
    factBeingRemoved[Int(id)] = true
    defer { factBeingRemoved[Int(id)] = false }
    factIndex.remove(id, hash: contentHash(template: stored.template, slots: Array(slots(of: stored))))
    liveFactCount -= 1
    if let observer { observer(.factRetracted(view(stored), byRule: currentRule)) }
    removeTokens(holding: id)
    let base = Int(slotBase[Int(id)])
    for alpha in alphaMemories(of: id) where removeFromAlphaMemory(alpha, id) {
      for (index, node) in network.rightIndexesOfAlpha[alpha] {
        rightIndexes.remove(id, node: Int(index)) { rightKey(network.nodes[Int(node)], base) }
      }
      for node in plan.alphaMemories[alpha].successors { rightRetract(node, fact: id, base: base) }
    }
    factLive[Int(id)] = false
    removeTokens(holding: id)
  }

  /// Removes the derived facts that lost their last logical support during the operation
  /// just finished, in the order they lost it, and those that lose theirs in turn. A fact
  /// supported again in the meantime (derived anew) stays.
  private func removeUnsupportedFacts() {
    var next = 0
    while next < unsupportedFacts.count {
      let id = unsupportedFacts[next]
      next += 1
      guard let stored = liveFact(id), stored.supportCount <= 0, !stored.unconditional else { continue }
      // Nested: its own withdrawals queue behind, and this loop takes them.
      workingMemoryDepth += 1
      removeFact(id)
      workingMemoryDepth -= 1
    }
    unsupportedFacts.removeAll(keepingCapacity: true)
  }

  /// The alpha memories a fact was routed to when asserted, in routing order.
  private func alphaMemories(of fact: Int32) -> [Int] {
    membershipRange(of: fact).map { Int(memberships[$0].alpha) }
  }

  private func membershipRange(of fact: Int32) -> Range<Int> {
    let start = Int(factMembershipStart[Int(fact)])
    let end =
      Int(fact) + 1 < factMembershipStart.count ? Int(factMembershipStart[Int(fact) + 1]) : memberships.count
    return start..<end
  }

  /// Where a fact's membership of an alpha memory is recorded.
  private func membership(of fact: Int32, in alpha: Int) -> Int? {
    membershipRange(of: fact).first { memberships[$0].alpha == Int32(alpha) }
  }

  private func addToAlphaMemory(_ alpha: Int, _ fact: Int32, membership: Int) {
    memberships[membership].position = Int32(alphaMemories[alpha].count)
    alphaMemories[alpha].append(fact)
  }

  /// Removes a fact from an alpha memory by moving the last one into its place; false when
  /// the fact was not there.
  private func removeFromAlphaMemory(_ alpha: Int, _ fact: Int32) -> Bool {
    guard let entry = membership(of: fact, in: alpha), memberships[entry].position >= 0 else { return false }
    let position = Int(memberships[entry].position)
    memberships[entry].position = -1
    let last = alphaMemories[alpha].removeLast()
    if position < alphaMemories[alpha].count {
      alphaMemories[alpha][position] = last
      if let moved = membership(of: last, in: alpha) { memberships[moved].position = Int32(position) }
    }
    return true
  }

  /// Identical facts (same template, same values) hash alike: working memory is a set.
  private func contentHash(template: Int, slots: [Atom]) -> UInt64 {
    var hasher = JoinKeyHasher()
    hasher.combine(bits: UInt64(template))
    for atom in slots { hasher.combine(atom) }
    return hasher.value
  }

  private func removeTokens(holding id: Int32) {
    while case let token = factFirstToken[Int(id)], token >= 0 { removeToken(token) }
  }

  /// The alpha memories whose tests a fact passes (its slots start at `base`), in order.
  func alphaMemoriesAccepting(template: Int, base: Int) -> [Int] {
    let route = plan.alphaRoutes[template]
    var accepted: [Int] = []
    for (slot, memories) in route.hashed {
      for memory in memories[slotStore[base + slot]] ?? []
      where passes(plan.alphaMemories[memory].tests, base: base) {
        accepted.append(memory)
      }
    }
    for memory in route.scanned where passes(plan.alphaMemories[memory].tests, base: base) {
      accepted.append(memory)
    }
    if route.hashed.count > 0 && route.scanned.count > 0 { accepted.sort() }
    return accepted
  }

  private func passes(_ tests: [AlphaTest], base: Int) -> Bool {
    for test in tests {
      switch test {
      case .equals(let slot, let atom): if slotStore[base + slot] != atom { return false }
      case .notEquals(let slot, let atom): if slotStore[base + slot] == atom { return false }
      case .present(let slot): if slotStore[base + slot].isMissing { return false }
      case .oneOf(let slot, let atoms): if !atoms.contains(slotStore[base + slot]) { return false }
      case .expression(let expression):
        var context = EvaluationContext(currentBase: base)
        if evaluate(expression, &context) != .true { return false }
      }
    }
    return true
  }
}
