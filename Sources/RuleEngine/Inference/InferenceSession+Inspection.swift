/// Inspection: how far each rule matches, read from the network's memories, for "why not"
/// explanations. Nothing here changes the session.
///
/// A production's chain of beta nodes holds, at each level, the partial matches that satisfy
/// the conditions up to that level (Doorenbos 1995, §2.3: a beta memory per node). The deepest
/// level holding a visible partial match is how far the rule got; the node below it is the
/// condition that stopped it, and its inputs (its alpha memory, its blockers) say why.
extension InferenceSession {
  /// How far each alternative of a rule matches working memory now, one entry per alternative
  /// (`either` splits a rule); empty for an unknown rule.
  ///
  /// - Parameter limit: how many partial matches, and candidate facts per partial match, to
  ///   examine and report; counts are always exact.
  /// - Complexity: O(partial matches at the deepest level + facts of the stopping condition's
  ///   template × `limit`) per alternative.
  public func progress(ofRule name: String, limit: Int = 3) -> [RuleProgress] {
    guard let ruleIndex = knowledgeBase.ruleIndex[name] else { return [] }
    let rule = knowledgeBase.rules[ruleIndex]
    let productions = plan.productions.filter { $0.rule == ruleIndex }
    let sources = ConditionLevels.alternatives(rule.conditions).map(ConditionLevels.spans)
    return productions.enumerated().map { alternative, production in
      progress(
        of: production, rule: rule.name, alternative: alternative, alternatives: productions.count,
        spans: alternative < sources.count ? sources[alternative] : [], limit: max(1, limit))
    }
  }

  private func progress(
    of production: Production, rule: String, alternative: Int, alternatives: Int, spans: [SourceSpan],
    limit: Int
  ) -> RuleProgress {
    let chain = chainOfNodes(above: production.node)
    let summaries = chain.enumerated().map { level, node in
      summary(of: node, span: spans.count == chain.count ? spans[level] : nil)
    }
    // The deepest level that holds a visible partial match; the root token is level 0.
    var satisfied = 0
    var deepest = betaMemories[NetworkPlan.root].items
    for level in stride(from: chain.count, through: 1, by: -1) {
      let visible = betaMemories[chain[level - 1]].items.filter(isVisible)
      if !visible.isEmpty {
        satisfied = level
        deepest = visible
        break
      }
    }
    // Oldest facts first, so the report does not depend on token-id reuse.
    let examined = deepest.map { (token: $0, facts: partialMatchFacts($0)) }
      .sorted { a, b in a.facts != b.facts ? a.facts.lexicographicallyPrecedes(b.facts) : a.token < b.token }
      .prefix(limit).map(\.token)
    var stop: ConditionStop?
    if satisfied < chain.count {
      stop = ConditionStop(
        condition: satisfied,
        reason: reason(at: chain[satisfied], partialMatches: Array(examined), limit: limit))
    }
    return RuleProgress(
      rule: rule, alternative: alternative, alternatives: alternatives, conditions: summaries,
      satisfied: satisfied, partialMatches: examined.map { partialMatchFacts($0).map(FactID.init) },
      partialMatchCount: deepest.count, stop: stop)
  }

  /// The nodes from the first condition down to the production's parent.
  private func chainOfNodes(above production: NodeID) -> [NodeID] {
    var chain: [NodeID] = []
    var node = plan.betaNodes[production].parent
    while node > NetworkPlan.root, chain.count < plan.betaNodes.count {
      chain.append(node)
      node = plan.betaNodes[node].parent
    }
    return chain.reversed()
  }

  private func summary(of node: NodeID, span: SourceSpan?) -> ConditionSummary {
    let templateName = { (alpha: Int) in
      self.knowledgeBase.vocabulary.templates[self.plan.alphaMemories[alpha].template].name
    }
    switch plan.betaNodes[node].kind {
    case .join(let alpha, _):
      return ConditionSummary(kind: .pattern, template: templateName(alpha), span: span)
    case .negation(let alpha, _):
      return ConditionSummary(kind: .negation, template: templateName(alpha), span: span)
    case .exists(let alpha, _):
      return ConditionSummary(kind: .exists, template: templateName(alpha), span: span)
    case .count(let alpha, _, _):
      return ConditionSummary(kind: .count, template: templateName(alpha), span: span)
    case .group(_, let negated):
      return ConditionSummary(kind: negated ? .negatedGroup : .existsGroup, template: nil, span: span)
    case .filter, .root, .groupPartner, .production:
      return ConditionSummary(kind: .test, template: nil, span: span)
    }
  }

  /// The facts in working memory, oldest first.
  private var liveFacts: [StoredFact] { facts.indices.compactMap { liveFact(Int32($0)) } }

  /// The facts a partial match holds, from the first level down (levels without a fact skipped).
  func partialMatchFacts(_ token: Int32) -> [Int32] {
    var facts: [Int32] = []
    var walker = token
    while walker >= 0 {
      let fact = tokens[walker].fact
      if fact > 0 { facts.append(fact) }
      walker = tokens[walker].parent
    }
    return facts.reversed()
  }

  // MARK: - Why a condition stopped

  private func reason(at node: NodeID, partialMatches: [Int32], limit: Int) -> MissReason {
    switch plan.betaNodes[node].kind {
    case .join(let alpha, let tests), .exists(let alpha, let tests):
      return unmatched(alpha: alpha, tests: tests, partialMatches: partialMatches, limit: limit)
    case .negation(let alpha, _):
      var blockers: Set<Int32> = []
      for parent in partialMatches {
        for fact in alphaMemories[alpha]
        where factLive[Int(fact)]
          && joinPasses(network.nodes[node], nodeID: node, token: parent, fact: fact, base: base(fact))
        {
          blockers.insert(fact)
        }
      }
      return .blocked(by: blockers.sorted().map(FactID.init))
    case .group(let partner, let negated):
      guard negated else { return .noGroupMatch }
      return .blocked(by: groupMatchFacts(partner: partner, parents: partialMatches).map(FactID.init))
    case .filter(let test):
      var uncounted: [CandidateFact] = []
      if case .count(let alpha, _, _) = plan.betaNodes[plan.betaNodes[node].parent].kind {
        uncounted = Array(rejectedFacts(alpha: alpha).prefix(limit * 3))
      }
      return .testFailed(
        partialMatches.map { describe(test, token: $0, currentBase: nil) }, uncounted: uncounted)
    case .count, .root, .groupPartner, .production:
      // A count holder always passes; a filter after it is where a count fails.
      return .testFailed([], uncounted: [])
    }
  }

  /// The facts of an alpha memory's template that its tests reject, with the tests each fails.
  private func rejectedFacts(alpha: Int) -> [CandidateFact] {
    let memory = plan.alphaMemories[alpha]
    let rejected = liveFacts.filter {
      $0.template == memory.template && !alphaMemories[alpha].contains($0.id.rawValue)
    }
    return fewestFailuresFirst(
      rejected.map { stored in
        CandidateFact(
          fact: stored.id, failures: failedAlphaTests(memory.tests, fact: stored.id.rawValue),
          comparedWith: [])
      })
  }

  /// Why no fact of a pattern's alpha memory joins any of the partial matches.
  private func unmatched(alpha: Int, tests: JoinTests, partialMatches: [Int32], limit: Int) -> MissReason {
    let memory = plan.alphaMemories[alpha]
    let template = knowledgeBase.vocabulary.templates[memory.template]
    let passing = alphaMemories[alpha].filter { factLive[Int($0)] }.sorted()
    guard !passing.isEmpty else {
      // Nothing passes the pattern's own tests: every fact of the template is a candidate.
      let candidates = liveFacts.filter { $0.template == memory.template }.map { stored in
        CandidateFact(
          fact: stored.id, failures: failedAlphaTests(memory.tests, fact: stored.id.rawValue),
          comparedWith: [])
      }
      return .noFactPasses(
        template: template.name, slots: slotsRead(by: memory.tests, template: template),
        candidates: Array(fewestFailuresFirst(candidates).prefix(limit * 3)))
    }
    var candidates: [CandidateFact] = []
    for fact in passing.prefix(limit * 3) {
      for parent in partialMatches {
        let failures = failedJoinTests(tests, token: parent, fact: fact)
        if failures.isEmpty { continue }
        candidates.append(
          CandidateFact(
            fact: FactID(fact), failures: failures, comparedWith: partialMatchFacts(parent).map(FactID.init)))
      }
    }
    return .noFactJoins(template: template.name, candidates: fewestFailuresFirst(candidates))
  }

  private func fewestFailuresFirst(_ candidates: [CandidateFact]) -> [CandidateFact] {
    candidates.enumerated().sorted {
      ($0.element.failures.count, $0.offset) < ($1.element.failures.count, $1.offset)
    }
    .map(\.element)
  }

  /// The facts of the matches a negated group's subnetwork holds for the given partial matches.
  private func groupMatchFacts(partner: NodeID, parents: [Int32]) -> [Int32] {
    guard case .groupPartner(_, let length) = plan.betaNodes[partner].kind else { return [] }
    let parentSet = Set(parents)
    var result: Set<Int32> = []
    for token in betaMemories[plan.betaNodes[partner].parent].items where isVisible(token) {
      let parent = tokens.ancestor(of: token, steps: length)
      guard parentSet.contains(parent) else { continue }
      let outer = Set(partialMatchFacts(parent))
      for fact in partialMatchFacts(token) where !outer.contains(fact) { result.insert(fact) }
    }
    return result.sorted()
  }

  /// The slots an alpha-test list reads, in the template's order.
  private func slotsRead(by tests: [AlphaTest], template: Template) -> [String] {
    var slots: Set<Int> = []
    for test in tests {
      switch test {
      case .equals(let slot, _), .notEquals(let slot, _), .oneOf(let slot, _), .present(let slot):
        slots.insert(slot)
      case .expression(let expression):
        slots.formUnion(expression.currentSlotsRead)
      }
    }
    return slots.sorted().map { template.slots[$0].name }
  }
}
