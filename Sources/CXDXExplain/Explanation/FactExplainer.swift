import RuleEngine

/// Explains the facts under a conclusion: where a stated fact is written, and for a fact a
/// rule made, the firing that made it with its own facts, recursively.
///
/// The recursion is bounded by the builder's depth limit, and each derived fact is unfolded
/// once per explanation (later mentions say "shown above"), so any input terminates; a
/// firing's facts are older than what it makes, so the record has no cycles anyway.
struct FactExplainer {
  let builder: ExplanationBuilder
  private var unfolded: Set<FactID> = []

  init(builder: ExplanationBuilder) {
    self.builder = builder
  }

  mutating func explain(_ id: FactID, depth: Int) -> ExplainedFact {
    let fact = builder.session.factEverAsserted(id)
    let origin = Self.origin(of: fact)
    var derivation: FactDerivation?
    var omission: ExplainedFact.Omission?
    if origin != .stated {
      if depth > builder.maximumDepth {
        omission = .depthLimit
      } else if !unfolded.insert(id).inserted {
        omission = .shownAbove
      } else if let firing = builder.recorder.firingThatAsserted[id] {
        let rule = builder.knowledgeBase.rule(named: firing.rule)
        derivation = FactDerivation(
          rule: firing.rule, title: rule?.title ?? "",
          location: rule.map { builder.run.sources.describeLine($0.span) } ?? "", cycle: firing.cycle,
          facts: firing.facts.map { explain($0, depth: depth + 1) })
      } else {
        omission = .unrecorded
      }
    }
    return ExplainedFact(
      id: Int(id.rawValue), text: fact?.description ?? id.description, certainty: fact?.certainty ?? 1,
      location: builder.session.statedSpan(of: id).map { builder.run.sources.describeLine($0) },
      origin: origin,
      derivation: derivation, omission: omission)
  }

  static func origin(of fact: Fact?) -> ExplainedFact.Origin {
    switch fact?.origin {
    case .derived(let rule)?: .derived(rule: rule)
    case .asserted(let rule)?: .asserted(rule: rule)
    case .stated?, nil: .stated
    }
  }

  /// A fact with where it comes from, without unfolding its derivation (for near misses).
  static func shallow(_ id: FactID, builder: ExplanationBuilder) -> ExplainedFact {
    let fact = builder.session.factEverAsserted(id)
    let origin = Self.origin(of: fact)
    return ExplainedFact(
      id: Int(id.rawValue), text: fact?.description ?? id.description, certainty: fact?.certainty ?? 1,
      location: builder.session.statedSpan(of: id).map { builder.run.sources.describeLine($0) },
      origin: origin,
      derivation: nil, omission: nil)
  }
}
