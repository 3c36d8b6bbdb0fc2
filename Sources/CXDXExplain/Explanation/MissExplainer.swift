import RuleEngine

/// Explains why rules that could conclude a diagnosis do not match, from the network's own
/// partial matches (``InferenceSession/progress(ofRule:limit:)``): how many conditions each
/// rule's deepest partial matches satisfy, which condition stopped them, and the facts and
/// values that did. Sorted nearest first.
struct MissExplainer {
  let builder: ExplanationBuilder
  let diagnosis: String

  /// How many partial matches and candidate facts the engine examines per rule.
  static let examined = 3
  /// How many hints one miss offers.
  static let hintLimit = 3

  func misses(of rules: [Rule]) -> [RuleMiss] {
    let contributors = Set(
      builder.session.diagnoses.first { $0.id == diagnosis }?.contributions.map(\.rule) ?? [])
    var ranked: [(miss: RuleMiss, fewestFailures: Int, order: Int)] = []
    for (order, rule) in rules.enumerated() {
      let alternatives = builder.session.progress(ofRule: rule.name, limit: Self.examined)
      // The alternative that came nearest; the first among equals.
      var best: (Int, RuleProgress)?
      for (index, progress) in alternatives.enumerated()
      where best.map({ share(progress) > share($0.1) }) ?? true {
        best = (index, progress)
      }
      guard let (alternative, progress) = best else { continue }
      if progress.isComplete, contributors.contains(rule.name) { continue }
      let (miss, fewestFailures) = explain(
        rule, progress, alternative: alternative, of: alternatives.count, upstream: true)
      ranked.append((miss, fewestFailures, order))
    }
    return ranked.sorted { a, b in
      (-a.miss.closeness, a.fewestFailures, a.order) < (-b.miss.closeness, b.fewestFailures, b.order)
    }.map(\.miss)
  }

  private func share(_ progress: RuleProgress) -> Double {
    progress.conditions.isEmpty ? 1 : Double(progress.satisfied) / Double(progress.conditions.count)
  }

  /// One rule's miss, and the fewest tests any candidate failed (a tie-breaker: a fact one
  /// value away is nearer than one three values away).
  private func explain(
    _ rule: Rule, _ progress: RuleProgress, alternative: Int, of alternatives: Int, upstream: Bool
  ) -> (RuleMiss, Int) {
    let sources = builder.run.sources
    let summary = progress.stop.map { progress.conditions[$0.condition] }
    let stoppedAt = summary.map { summary in
      summary.span.map(builder.conditionText) ?? "\(summary.kind.rawValue) \(summary.template ?? "")"
    }
    var kind = RuleMiss.Kind.matchedWithoutConcluding
    var candidates: [MissCandidate] = []
    var blockers: [ExplainedFact] = []
    var tests: [String] = []
    var hints: [CaseHint] = []
    var producers: [RuleMiss] = []
    var fewestFailures = 0
    switch progress.stop?.reason {
    case nil:
      break
    case .noFactPasses(let template, let slots, let found)?:
      candidates = found.map(candidate)
      let makers = builder.knowledgeBase.rules.filter { $0.makes(template) }
      if found.isEmpty, !makers.isEmpty {
        // A fact rules make, never one a case states: say why they did not make it.
        kind = .noFact
        fewestFailures = slots.count
        if upstream { producers = makers.prefix(Self.hintLimit).compactMap(nearestMiss) }
      } else if found.isEmpty {
        kind = .noFact
        fewestFailures = slots.count
        hints = [
          CaseHint(
            missing: "any \(template) fact", question: question(template, slots.first),
            addition: "\(template)(" + slots.map { "\($0): …" }.joined(separator: ", ") + ")")
        ]
      } else {
        let unstated = found.filter { $0.failures.allSatisfy(\.isUnstated) }
        kind = unstated.isEmpty ? .mismatch : .unstated
        hints = unstated.prefix(Self.hintLimit).map { hint(for: $0, template: template) }
        fewestFailures = found.map(\.failures.count).min() ?? 0
      }
    case .noFactJoins(_, let found)?:
      kind = .noJoin
      candidates = found.map(candidate)
      fewestFailures = found.map(\.failures.count).min() ?? 0
    case .blocked(let facts)?:
      kind = .blocked
      blockers = facts.map { FactExplainer.shallow($0, builder: builder) }
      fewestFailures = facts.count
    case .noGroupMatch?:
      kind = .noGroupMatch
      fewestFailures = 1
    case .testFailed(let failed, let uncounted)?:
      kind = .testFailed
      tests = failed
      fewestFailures = 1
      // A count that fell short because facts do not state what it counts: say which.
      let unstated = uncounted.filter { $0.failures.allSatisfy(\.isUnstated) }
      candidates = unstated.map(candidate)
      hints = unstated.prefix(Self.hintLimit).compactMap { found in
        builder.session.factEverAsserted(found.fact).map { hint(for: found, template: $0.template) }
      }
    }
    var unique: Set<CaseHint> = []
    let miss = RuleMiss(
      rule: rule.name, title: rule.title, location: sources.describeLine(rule.span),
      factor: rule.writtenFactor(for: diagnosis), alternative: alternative, alternatives: alternatives,
      satisfied: progress.satisfied, conditionCount: progress.conditions.count,
      matchedFacts: (progress.partialMatches.first ?? []).map { FactExplainer.shallow($0, builder: builder) },
      partialMatchCount: progress.partialMatchCount, stoppedAt: stoppedAt,
      stoppedAtLocation: summary?.span.map { sources.describeLine($0) }, kind: kind,
      template: summary?.template, candidates: candidates, blockers: blockers, tests: tests,
      hints: hints.filter { unique.insert($0).inserted }, upstream: producers)
    return (miss, fewestFailures)
  }

  /// A rule's nearest miss without looking further upstream (so the explanation is bounded).
  private func nearestMiss(_ rule: Rule) -> RuleMiss? {
    let alternatives = builder.session.progress(ofRule: rule.name, limit: Self.examined)
    var best: (Int, RuleProgress)?
    for (index, progress) in alternatives.enumerated()
    where best.map({ share(progress) > share($0.1) }) ?? true {
      best = (index, progress)
    }
    guard let (alternative, progress) = best, !progress.isComplete else { return nil }
    return explain(rule, progress, alternative: alternative, of: alternatives.count, upstream: false).0
  }

  private func candidate(_ found: CandidateFact) -> MissCandidate {
    MissCandidate(fact: FactExplainer.shallow(found.fact, builder: builder), failures: found.failures)
  }

  /// The fact to add so that a candidate states what the condition reads: the candidate's
  /// name (when it has one) and the unstated slots.
  private func hint(for candidate: CandidateFact, template: String) -> CaseHint {
    let slots = candidate.failures.compactMap(\.slot)
    let name = builder.session.factEverAsserted(candidate.fact)?.value("name")
    let who = name.map { " \($0.description)" } ?? ""
    let fields = (name.map { ["name: \($0.description)"] } ?? []) + slots.map { "\($0): …" }
    return CaseHint(
      missing: slots.joined(separator: " and ") + " of \(template)\(who)",
      question: question(template, slots.first),
      addition: "\(template)(" + fields.joined(separator: ", ") + ")")
  }

  private func question(_ template: String, _ slot: String?) -> String? {
    slot.flatMap { builder.knowledgeBase.vocabulary.question(template: template, slot: $0)?.text }
  }
}
