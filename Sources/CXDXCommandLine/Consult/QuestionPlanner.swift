import CXDXExplain
import RuleEngine

/// Chooses the next question from the engine's own inspection of the case as it stands
/// (docs/consult.md, "How the next question is chosen").
///
/// For every rule that suspects a diagnosis and does not match, ``InferenceSession/progress(ofRule:limit:)``
/// says where it stopped: a pattern no fact passes (the slots a fact would have to state, and
/// the facts that fail only on slots they do not state), a count that falls short, and so on.
/// The questions that could let the rule past that condition score the rule's weight: its
/// factor times how close it is, `(satisfied + 1) / (conditions + 1)`. Only rules that pull a
/// diagnosis toward the threshold count (up when it is below, down when it is found), and only
/// while the diagnosis is unsettled: while the certainty it would have, were every such rule
/// to fire once, lies across the threshold.
struct QuestionPlanner {
  let session: InferenceSession
  let state: ConsultCase
  let kinds: FactKinds
  let threshold: Double
  /// The consultation's fact (by position) behind each fact the case states.
  let factIndex: [FactID: Int]

  /// How many partial matches and candidate facts the engine examines per rule.
  static let examined = 3

  private var knowledgeBase: KnowledgeBase { session.knowledgeBase }

  /// An unfinished rule and the questions that could move it on.
  private struct OpenRule {
    let rule: String
    let progress: RuleProgress
    let targets: [Candidate]
  }

  /// A question that could let a rule past the condition it waits on, with the share of the
  /// rule's weight it carries (a condition needing two unstated slots gives each half).
  private struct Candidate {
    let target: QuestionTarget
    let share: Double
    let through: String?
  }

  func plan() -> QuestionPlan {
    let current = Dictionary(uniqueKeysWithValues: session.diagnoses.map { ($0.id, $0) })
    let open = openRules()
    var outlook: [DiagnosisOutlook] = []
    var scores: [QuestionTarget: Double] = [:]
    var reasons: [QuestionTarget: [QuestionReason]] = [:]
    for definition in knowledgeBase.vocabulary.diagnoses {
      let diagnosis = current[definition.id]
      let certainty = diagnosis?.certainty ?? 0
      let found = certainty >= threshold
      // The rules that pull toward the threshold, each with its factor.
      var pulling: [(OpenRule, Double)] = []
      for rule in open {
        guard let declared = knowledgeBase.rule(named: rule.rule) else { continue }
        for factor in declared.writtenFactors(for: definition.id) {
          let value = factor ?? (found ? -1 : 1)
          if found ? value < 0 : value > 0 { pulling.append((rule, value)) }
        }
      }
      // A contribution to a diagnosis found can also go: an answer that matches one of its
      // rule's `not` patterns withdraws it. Such contributions do not count toward the bound.
      var withdrawable: [(Contribution, [Candidate])] = []
      var kept: [Double] = []
      for contribution in diagnosis?.contributions ?? [] {
        let blockers = found ? blockingCandidates(contribution) : []
        if blockers.isEmpty {
          kept.append(contribution.certainty)
        } else {
          withdrawable.append((contribution, blockers))
        }
      }
      let bound = CertaintyFactor.combine(kept + pulling.map(\.1))
      let view = DiagnosisOutlook(
        id: definition.id, certainty: certainty, found: found, openRules: pulling.count + withdrawable.count,
        bound: bound, threshold: threshold)
      outlook.append(view)
      guard !view.settled else { continue }
      for (contribution, blockers) in withdrawable {
        let weight = abs(contribution.certainty)
        let conditions = knowledgeBase.rule(named: contribution.rule)?.conditions.count ?? 0
        for candidate in blockers {
          scores[candidate.target, default: 0] += weight * candidate.share
          reasons[candidate.target, default: []].append(
            QuestionReason(
              rule: contribution.rule, diagnosis: definition.id, factor: contribution.factor,
              satisfied: conditions, conditions: conditions, matched: contribution.facts, waitsOn: nil,
              through: nil, weight: weight * candidate.share))
        }
      }
      for (rule, factor) in pulling {
        let conditions = rule.progress.conditions.count
        let weight = abs(factor) * Double(rule.progress.satisfied + 1) / Double(conditions + 1)
        for candidate in rule.targets {
          scores[candidate.target, default: 0] += weight * candidate.share
          reasons[candidate.target, default: []].append(
            QuestionReason(
              rule: rule.rule, diagnosis: definition.id, factor: factor, satisfied: rule.progress.satisfied,
              conditions: conditions, matched: rule.progress.partialMatches.first ?? [],
              waitsOn: rule.progress.stop.map { rule.progress.conditions[$0.condition] },
              through: candidate.through, weight: weight * candidate.share))
        }
      }
    }
    if let followUp = followUp() {
      return QuestionPlan(
        next: PlannedQuestion(target: followUp, score: 0, reasons: [], isFollowUp: true), outlook: outlook)
    }
    let best = scores.filter { $0.value > 0 }.min { a, b in
      a.value != b.value ? a.value > b.value : order(a.key) < order(b.key)
    }
    let next = best.map { entry in
      PlannedQuestion(
        target: entry.key, score: entry.value,
        reasons: (reasons[entry.key] ?? []).enumerated().sorted {
          ($0.element.weight, -$0.offset) > ($1.element.weight, -$1.offset)
        }.map(\.element), isFollowUp: false)
    }
    return QuestionPlan(next: next, outlook: outlook)
  }

  // MARK: - Rules and the questions that could move them

  /// Every rule that suspects some diagnosis, does not match, and waits on something a
  /// question could supply, in declaration order.
  private func openRules() -> [OpenRule] {
    var result: [OpenRule] = []
    let diagnoses = knowledgeBase.vocabulary.diagnoses.map(\.id)
    let feasibility = RuleFeasibility(state: state, kinds: kinds)
    for rule in knowledgeBase.rules
    where diagnoses.contains(where: { !rule.writtenFactors(for: $0).isEmpty }) && feasibility.couldMatch(rule)
    {
      let alternatives = session.progress(ofRule: rule.name, limit: Self.examined)
      guard !alternatives.isEmpty, !alternatives.contains(where: \.isComplete) else { continue }
      // The nearest alternative that a question could move on (the first among equals).
      var best: (RuleProgress, [Candidate])?
      for progress in alternatives {
        let found = candidates(progress, upstream: true)
        guard !found.isEmpty else { continue }
        if let (current, _) = best, share(current) >= share(progress) { continue }
        best = (progress, found)
      }
      if let (progress, found) = best {
        result.append(OpenRule(rule: rule.name, progress: progress, targets: found))
      }
    }
    return result
  }

  private func share(_ progress: RuleProgress) -> Double {
    progress.conditions.isEmpty ? 1 : Double(progress.satisfied) / Double(progress.conditions.count)
  }

  /// The questions that could let a rule past the condition it stopped at.
  private func candidates(_ progress: RuleProgress, upstream: Bool) -> [Candidate] {
    guard let stop = progress.stop else { return [] }
    switch stop.reason {
    case .noFactPasses(let template, let slots, let facts):
      return candidates(template, slots: slots, facts: facts, upstream: upstream)
    case .noFactJoins(let template, let facts):
      return candidates(template, slots: [], facts: facts, upstream: upstream)
    case .testFailed(_, let uncounted):
      // A count that falls short: a further fact of the counted kind, or a counted slot stated.
      let level = stop.condition - 1
      guard progress.conditions.indices.contains(level), progress.conditions[level].kind == .count,
        let template = progress.conditions[level].template
      else { return [] }
      return candidates(template, slots: [], facts: uncounted, upstream: upstream)
    case .blocked, .noGroupMatch:
      // Answers only add facts, so a blocked `not` stays blocked.
      return []
    }
  }

  private func candidates(_ template: String, slots: [String], facts: [CandidateFact], upstream: Bool)
    -> [Candidate]
  {
    let kind = kinds.kind(of: template)
    if kind == .notAsked {
      // A fact rules make: serve the rules that make it, one level up.
      guard upstream else { return [] }
      var result: [Candidate] = []
      for maker in knowledgeBase.rules where maker.makes(template) {
        for progress in session.progress(ofRule: maker.name, limit: Self.examined) {
          result += candidates(progress, upstream: false).map {
            Candidate(target: $0.target, share: $0.share, through: maker.name)
          }
        }
      }
      return result
    }
    // Facts that fail only on slots they do not state: asking those slots could let them pass.
    var result: [Candidate] = []
    for fact in facts where !fact.failures.isEmpty && fact.failures.allSatisfy(\.isUnstated) {
      guard let index = factIndex[fact.fact] else { continue }
      let unstated = Array(Set(fact.failures.compactMap(\.slot))).sorted().filter { slot in
        kinds.vocabulary.question(template: template, slot: slot) != nil
      }
      for slot in unstated {
        let target: QuestionTarget =
          kind == .single ? .single(template: template, slot: slot) : .slot(fact: index, slot: slot)
        result.append(Candidate(target: target, share: 1 / Double(unstated.count), through: nil))
      }
    }
    if result.isEmpty {
      switch kind {
      case .single where state.singleFact(template) == nil:
        let asked = slots.filter { kinds.vocabulary.question(template: template, slot: $0) != nil }
        result = asked.map {
          Candidate(
            target: .single(template: template, slot: $0), share: 1 / Double(asked.count), through: nil)
        }
      case .named, .list:
        if let slot = kinds.introducingSlot(of: template) {
          result = [Candidate(target: .newFact(template: template, slot: slot), share: 1, through: nil)]
        }
      case .single, .notAsked:
        break
      }
    }
    return result.filter(isAskable)
  }

  /// Whether a question may still be put: not answered `unknown` (or `unknown all`), its kind not closed by `none`.
  private func isAskable(_ candidate: Candidate) -> Bool {
    let target = candidate.target
    guard !state.isSkipped(target) else { return false }
    if case .newFact(let template, _) = target { return !state.closed.contains(template) }
    return true
  }

  /// The questions whose answer could match a `not` pattern of the rule behind a contribution,
  /// and so withdraw it: unstated slots, constrained by the pattern, of facts of its kind that
  /// state nothing against it.
  private func blockingCandidates(_ contribution: Contribution) -> [Candidate] {
    guard let rule = knowledgeBase.rule(named: contribution.rule) else { return [] }
    var result: [Candidate] = []
    for condition in rule.conditions {
      guard case .not(let inner, _) = condition, inner.count == 1, case .pattern(let pattern)? = inner.first
      else { continue }
      let kind = kinds.kind(of: pattern.template)
      guard kind != .notAsked else { continue }
      let declaration = kinds.vocabulary.template(named: pattern.template)
      for (index, fact) in state.facts.enumerated() where fact.template == pattern.template {
        var unstated: [String] = []
        var possible = true
        for constraint in pattern.constraints {
          if case .compare(.equal, .variable) = constraint.constraint { continue }
          if let value = fact.slots[constraint.slot]
            ?? declaration?.slot(named: constraint.slot)?.defaultValue
          {
            possible = possible && RuleFeasibility.satisfiable(constraint.constraint, by: value)
          } else if kinds.vocabulary.question(template: pattern.template, slot: constraint.slot) != nil {
            unstated.append(constraint.slot)
          } else {
            possible = false
          }
        }
        guard possible, !unstated.isEmpty else { continue }
        for slot in unstated {
          let target: QuestionTarget =
            kind == .single ? .single(template: pattern.template, slot: slot) : .slot(fact: index, slot: slot)
          result.append(Candidate(target: target, share: 1 / Double(unstated.count), through: nil))
        }
      }
    }
    return result.filter(isAskable)
  }

  // MARK: - Order

  /// A slot with a default that a fact the consultation added does not state yet, and that
  /// some rule reads: asked first, so the case says it rather than inherit the default.
  private func followUp() -> QuestionTarget? {
    let read = Set(
      knowledgeBase.vocabulary.diagnoses.flatMap { knowledgeBase.assessmentSlots(for: $0.id) }.map(
        \.description))
    for (index, fact) in state.facts.enumerated() where fact.original == nil {
      guard let template = kinds.vocabulary.template(named: fact.template) else { continue }
      for slot in template.slots where slot.defaultValue != nil && fact.slots[slot.name] == nil {
        let target: QuestionTarget =
          kinds.kind(of: fact.template) == .single
          ? .single(template: fact.template, slot: slot.name) : .slot(fact: index, slot: slot.name)
        guard kinds.vocabulary.question(template: fact.template, slot: slot.name) != nil,
          read.contains("\(fact.template).\(slot.name)"),
          !state.isSkipped(target)
        else { continue }
        return target
      }
    }
    return nil
  }

  /// Ties go to the question declared first, then to the older fact.
  private func order(_ target: QuestionTarget) -> (Int, Int) {
    switch target {
    case .slot(let fact, let slot):
      let template = state.facts.indices.contains(fact) ? state.facts[fact].template : ""
      return (kinds.questionOrder(template, slot), fact)
    case .single(let template, let slot):
      return (kinds.questionOrder(template, slot), -1)
    case .newFact(let template, let slot):
      return (kinds.questionOrder(template, slot), Int.max)
    }
  }
}
