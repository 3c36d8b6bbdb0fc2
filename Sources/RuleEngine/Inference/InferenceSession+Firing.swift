/// The recognize-act cycle: pick the next activation, fire it, repeat.
extension InferenceSession {
  /// Fires activations until the agenda is empty, a rule halts, or a limit is reached.
  @discardableResult
  public func run(_ options: RunOptions? = nil) -> RunResult {
    if let options {
      if options.strategy != self.options.strategy { rebuildAgenda(strategy: options.strategy) }
      self.options = options
    }
    let started = Platform.monotonicSeconds()
    let firingsAtStart = firingCount
    halted = false
    var reason = StopReason.finished
    while true {
      if let error = pendingError {
        pendingError = nil
        reason = .evaluationError(error)
        break
      }
      if halted {
        reason = .halted
        break
      }
      if liveFactCount > self.options.maximumFacts {
        reason = .factLimit
        break
      }
      if let limit = self.options.timeLimit, firingCount % 64 == 0,
        (Platform.monotonicSeconds() - started) > limit
      {
        reason = .timeLimit
        break
      }
      guard agenda.liveCount > 0 else { break }
      if firingCount - firingsAtStart >= self.options.maximumFirings {
        reason = .firingLimit(mostFrequentRules())
        break
      }
      guard let entry = agenda.pop() else { break }
      fire(entry)
    }
    return RunResult(
      firings: firingCount - firingsAtStart, stopReason: reason,
      elapsedSeconds: (Platform.monotonicSeconds() - started))
  }

  /// The rules that fired most, for the firing-limit message.
  private func mostFrequentRules() -> [RuleCount] {
    firingsByRule.enumerated().filter { $0.element > 0 }
      .sorted { ($0.element, $1.offset) > ($1.element, $0.offset) }.prefix(5)
      .map { RuleCount(rule: knowledgeBase.rules[$0.offset].name, firings: $0.element) }
  }

  private func rebuildAgenda(strategy: ConflictStrategy) {
    let pending = agenda.ordered
    agenda = Agenda(strategy: strategy)
    activationOfMatch.removeAll()
    for entry in pending { tokens[entry.token].activation = -1 }
    for entry in pending.reversed() { addActivation(production: Int(entry.production), token: entry.token) }
  }

  // MARK: - Activations

  func matchKey(_ production: Int, _ token: Int32) -> Int64 { Int64(production) << 32 | Int64(token) }

  func addActivation(production index: Int, token: Int32) {
    let production = plan.productions[index]
    let rule = knowledgeBase.rules[production.rule]
    var recency: [Int32] = []
    var firstTag: Int32 = 0
    if agenda.needsRecency || observer != nil {
      let matched = factsOfToken(token, production: production)
      firstTag = matched.first ?? 0
      recency = matched.sorted(by: >)
      if let observer { observer(.activationAdded(rule: rule.name, facts: matched.map(FactID.init))) }
    }
    let id = agenda.add(
      production: Int32(index), token: token, salience: rule.salience, recency: recency, firstTag: firstTag)
    // Most partial matches complete one production: the token holds its activation. A
    // second production on the same node (rules with equal conditions) uses the table.
    if tokens[token].activation < 0 {
      tokens[token].activation = id
    } else {
      activationOfMatch[matchKey(index, token)] = id
    }
    activationsAdded += 1
  }

  /// A match disappeared: drop its activation if it has not fired, and withdraw whatever
  /// its firing derived (logical support).
  func removeActivation(production index: Int, token: Int32) {
    let key = matchKey(index, token)
    if let id = takeActivation(production: index, token: token) {
      agenda.remove(id)
      if let observer {
        let production = plan.productions[index]
        observer(
          .activationRemoved(
            rule: knowledgeBase.rules[production.rule].name,
            facts: factsOfToken(token, production: production).map(FactID.init)))
      }
    }
    if !supports.isEmpty, let support = supports.removeValue(forKey: key) { withdraw(support) }
  }

  /// Forgets the pending activation of a production for a partial match, returning its id.
  private func takeActivation(production index: Int, token: Int32) -> Int32? {
    let held = tokens[token].activation
    if held >= 0, agenda.entries[Int(held)].production == Int32(index) {
      tokens[token].activation = -1
      return held
    }
    guard !activationOfMatch.isEmpty else { return nil }
    return activationOfMatch.removeValue(forKey: matchKey(index, token))
  }

  private func withdraw(_ support: Support) {
    for index in support.contributions {
      guard let contribution = contributions[index] else { continue }
      contributions[index] = nil
      if let diagnosis = knowledgeBase.vocabulary.diagnoses.firstIndex(where: {
        $0.id == contribution.diagnosis
      }) {
        contributionsByDiagnosis[diagnosis].removeAll { $0 == index }
      }
      if let observer { observer(.contributionWithdrawn(contribution)) }
    }
    for id in support.facts {
      guard var stored = liveFact(id) else { continue }
      stored.supportCount -= 1
      facts[Int(id)] = stored
      if stored.supportCount <= 0 && !stored.unconditional { unsupportedFacts.append(id) }
    }
  }

  /// The facts a match holds, in pattern order.
  func factsOfToken(_ token: Int32, production: Production) -> [Int32] {
    production.factDepths.map { fact(of: token, depth: $0) }
  }

  // MARK: - Firing

  private func fire(_ entry: Agenda.Entry) {
    let index = Int(entry.production)
    let production = plan.productions[index]
    let rule = knowledgeBase.rules[production.rule]
    let token = entry.token
    let key = matchKey(index, token)
    _ = takeActivation(production: index, token: token)
    firingCount += 1
    firingsByRule[production.rule] += 1
    factCountSum += liveFactCount

    // Copy the match before acting: the actions may retract the very facts it holds.
    let depth = self.depth(of: token)
    var snapshotFacts = [Int32](repeating: TokenStore.none, count: depth + 1)
    var snapshotValues = [Atom](repeating: .missing, count: depth + 1)
    var walker = token
    var level = depth
    while walker >= 0, level >= 0 {
      snapshotFacts[level] = tokens[walker].fact
      snapshotValues[level] = value(of: walker)
      walker = tokens[walker].parent
      level -= 1
    }
    let matched = production.factDepths.map { snapshotFacts[$0] }
    let certainty = matched.compactMap { liveFact($0)?.certainty }.min() ?? 1
    let generation = tokens[token].generation
    if let observer {
      observer(.ruleFired(rule: rule.name, facts: matched.map(FactID.init), cycle: firingCount))
    }

    var context = EvaluationContext(token: token)
    context.snapshotFacts = snapshotFacts
    context.snapshotValues = snapshotValues
    context.locals = Array(repeating: .missing, count: production.localCount)
    currentRule = rule.name
    defer { currentRule = nil }
    var firing = Firing(
      rule: rule, key: key, token: token, generation: generation, matched: matched, certainty: certainty,
      snapshotFacts: snapshotFacts, context: context)
    _ = perform(production.actions, &firing)
  }

  /// What one firing's actions share: the match's copy, its certainty, and the locals.
  private struct Firing {
    let rule: Rule
    let key: Int64
    let token: Int32
    let generation: UInt32
    let matched: [Int32]
    let certainty: Double
    let snapshotFacts: [Int32]
    var context: EvaluationContext
  }

  /// Runs actions in order; false when one failed and the run must stop.
  private func perform(_ actions: [CompiledAction], _ firing: inout Firing) -> Bool {
    let rule = firing.rule
    let key = firing.key
    let matched = firing.matched
    let certainty = firing.certainty
    let snapshotFacts = firing.snapshotFacts
    var stillMatched: Bool {
      tokens.isCurrent(firing.token, generation: firing.generation)
    }

    for action in actions {
      switch action {
      case .assert(let template, let slots, let logical, let span):
        guard let atoms = buildSlots(template: template, slots: slots, base: nil, &firing.context, span: span)
        else {
          return false
        }
        if logical {
          guard stillMatched else { continue }
          let id = insertFact(
            template: template, slots: atoms, certainty: certainty, origin: .derived(rule: rule.name),
            logicalSupport: true)
          supports[key, default: Support()].facts.append(id)
        } else {
          _ = insertFact(
            template: template, slots: atoms, certainty: certainty, origin: .asserted(rule: rule.name),
            logicalSupport: false)
        }
      case .retract(let depths, _):
        for factDepth in depths {
          let id = firing.context.replacedFacts[factDepth] ?? snapshotFacts[factDepth]
          if id > 0 { removeFact(id) }
        }
      case .modify(let factDepth, let slots, let span):
        let id = firing.context.replacedFacts[factDepth] ?? snapshotFacts[factDepth]
        guard let stored = liveFact(id) else { continue }
        guard
          let atoms = buildSlots(
            template: stored.template, slots: slots, base: Array(self.slots(of: stored)), &firing.context,
            span: span)
        else { return false }
        removeFact(id)
        let replacement = insertFact(
          template: stored.template, slots: atoms, certainty: stored.certainty,
          origin: .asserted(rule: rule.name),
          logicalSupport: false)
        firing.context.replacedFacts[factDepth] = replacement
      case .suspect(let diagnosis, let factorExpression, let because, let span):
        guard let factor = evaluate(factorExpression, &firing.context)?.number, factor >= -1, factor <= 1
        else {
          stop(
            firing.context.failure ?? "the certainty factor is not a number in -1…1", rule: rule, span: span)
          return false
        }
        var reason = ""
        if let because {
          guard let text = evaluate(because, &firing.context) else {
            stop(firing.context.failure, rule: rule, span: span)
            return false
          }
          reason = symbols.display(text)
        }
        guard stillMatched else { continue }
        let contribution = Contribution(
          diagnosis: knowledgeBase.vocabulary.diagnoses[diagnosis].id, rule: rule.name, ruleSpan: rule.span,
          factor: factor, certainty: factor * certainty, because: reason, facts: matched.map(FactID.init),
          cycle: firingCount)
        contributions.append(contribution)
        contributionsByDiagnosis[diagnosis].append(contributions.count - 1)
        supports[key, default: Support()].contributions.append(contributions.count - 1)
        if let observer { observer(.contributionAdded(contribution)) }
      case .print(let arguments, let newline, let span):
        var text = ""
        for argument in arguments {
          guard let value = evaluate(argument, &firing.context) else {
            stop(firing.context.failure, rule: rule, span: span)
            return false
          }
          text += symbols.display(value)
        }
        if newline { text += "\n" }
        if let output { output(text) } else { transcript += text }
      case .bind(let local, let expression, let span):
        guard let value = evaluate(expression, &firing.context) else {
          stop(firing.context.failure, rule: rule, span: span)
          return false
        }
        firing.context.locals[local] = value
      case .conditional(let test, let then, let otherwise, let span):
        guard let value = evaluate(test, &firing.context), value == .true || value == .false else {
          stop(firing.context.failure ?? "an 'if' test must be true or false", rule: rule, span: span)
          return false
        }
        guard perform(value == .true ? then : otherwise, &firing) else { return false }
      case .halt:
        halted = true
      }
    }
    return true
  }

  private func buildSlots(
    template: Int, slots: [(Int, CompiledExpression)], base: [Atom]?, _ context: inout EvaluationContext,
    span: SourceSpan
  ) -> [Atom]? {
    let declaration = knowledgeBase.vocabulary.templates[template]
    var atoms =
      base ?? declaration.slots.map { slot in slot.defaultValue.map { symbols.atom($0) } ?? .missing }
    for (slot, expression) in slots {
      guard let value = evaluate(expression, &context) else {
        stop(context.failure, rule: nil, span: span)
        return nil
      }
      if let typedValue = symbols.value(value), !declaration.slots[slot].type.accepts(typedValue) {
        stop(
          "\(declaration.name).\(declaration.slots[slot].name) does not accept \(typedValue)", rule: nil,
          span: span)
        return nil
      }
      atoms[slot] = value
    }
    return atoms
  }

  private func stop(_ message: String?, rule: Rule?, span: SourceSpan) {
    let name = rule?.name ?? currentRule ?? "?"
    pendingError = .error(
      .evaluationError, "rule '\(name)' failed: \(message ?? "an expression could not be evaluated")",
      at: span)
  }
}
