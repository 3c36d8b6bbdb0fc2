/// Working memory and the alpha network: facts in, facts out, routed to alpha memories.
extension InferenceSession {
  /// Adds a fact unless an identical one exists; returns the id of the fact now holding.
  func insertFact(template: Int, slots: [Atom], certainty: Double, origin: FactOrigin, logicalSupport: Bool)
    -> Int32
  {
    let content = FactContent(template: template, slots: slots)
    if let existing = factIndex[content], var stored = facts[Int(existing)] {
      if logicalSupport { stored.supportCount += 1 } else { stored.unconditional = true }
      facts[Int(existing)] = stored
      return existing
    }
    let id = Int32(facts.count)
    let stored = StoredFact(
      id: FactID(id), template: template, slots: slots, certainty: certainty, origin: origin,
      unconditional: !logicalSupport, supportCount: logicalSupport ? 1 : 0)
    facts.append(stored)
    slotBase.append(Int32(slotStore.count))
    slotStore.append(contentsOf: slots)
    factLive.append(true)
    factFirstToken.append(TokenStore.none)
    factIndex[content] = id
    liveFactCount += 1
    peakFactCount = max(peakFactCount, liveFactCount)
    if let observer { observer(.factAsserted(view(stored), byRule: currentRule)) }
    for alpha in alphaMemoriesAccepting(stored) {
      alphaMemories[alpha].insert(id)
      for node in plan.alphaMemories[alpha].successors { rightActivate(node, fact: id) }
    }
    return id
  }

  /// Removes a fact and everything matched through it.
  ///
  /// The fact leaves its alpha memories one at a time, each followed by its right
  /// retractions, mirroring assertion: a negation or count that is re-evaluated in between
  /// sees exactly the memories the fact is still in, so no count is ever decremented for a
  /// fact it did not count. Partial matches holding the fact are swept before (most of them)
  /// and after (any built on it in between).
  func removeFact(_ id: Int32) {
    guard let stored = facts[Int(id)], factsBeingRemoved.insert(id).inserted else { return }
    defer { factsBeingRemoved.remove(id) }
    factIndex[FactContent(template: stored.template, slots: stored.slots)] = nil
    retiredFacts[id] = stored
    liveFactCount -= 1
    if let observer { observer(.factRetracted(view(stored), byRule: currentRule)) }
    removeTokens(holding: id)
    for alpha in alphaMemoriesAccepting(stored) where alphaMemories[alpha].contains(id) {
      alphaMemories[alpha].remove(id)
      for node in plan.alphaMemories[alpha].successors {
        rightRetract(node, fact: id, base: Int(slotBase[Int(id)]))
      }
    }
    facts[Int(id)] = nil
    factLive[Int(id)] = false
    removeTokens(holding: id)
  }

  private func removeTokens(holding id: Int32) {
    while case let token = factFirstToken[Int(id)], token >= 0 { removeToken(token) }
  }

  /// The alpha memories whose tests a fact passes: hashed routes first, then scanned ones.
  func alphaMemoriesAccepting(_ fact: StoredFact) -> [Int] {
    let route = plan.alphaRoutes[fact.template]
    var accepted: [Int] = []
    for (slot, memories) in route.hashed {
      for memory in memories[fact.slots[slot]] ?? []
      where passes(plan.alphaMemories[memory].tests, fact) {
        accepted.append(memory)
      }
    }
    for memory in route.scanned where passes(plan.alphaMemories[memory].tests, fact) {
      accepted.append(memory)
    }
    if route.hashed.count > 0 && route.scanned.count > 0 { accepted.sort() }
    return accepted
  }

  private func passes(_ tests: [AlphaTest], _ fact: StoredFact) -> Bool {
    let slots = fact.slots
    for test in tests {
      switch test {
      case .equals(let slot, let atom): if slots[slot] != atom { return false }
      case .notEquals(let slot, let atom): if slots[slot] == atom { return false }
      case .present(let slot): if slots[slot].isMissing { return false }
      case .oneOf(let slot, let atoms): if !atoms.contains(slots[slot]) { return false }
      case .expression(let expression):
        var context = EvaluationContext(currentBase: Int(slotBase[Int(fact.id.rawValue)]))
        if evaluate(expression, &context) != .true { return false }
      }
    }
    return true
  }
}
