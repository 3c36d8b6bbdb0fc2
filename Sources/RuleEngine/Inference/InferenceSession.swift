/// One run of a knowledge base over one set of facts: working memory, the Rete network's
/// memories, the agenda and the diagnoses so far.
///
/// A session is used by one task at a time; the ``KnowledgeBase`` it runs is shared. Facts
/// flow through the network as they are asserted or retracted (matching is incremental);
/// ``run(_:)`` fires activations until none is left or a limit is reached.
public final class InferenceSession {
  public let knowledgeBase: KnowledgeBase
  let plan: NetworkPlan
  var symbols: SymbolTable

  // MARK: Working memory
  var facts: [StoredFact?] = [nil]
  /// Every fact's slot values, packed: fact `id`'s slots start at `slotBase[id]`. Append-only,
  /// so a retracted fact's values stay readable (explanations, actions of a fired match), and
  /// matching reads a value without copying a fact.
  var slotStore: [Atom] = []
  var slotBase: [Int32] = [0]
  /// Whether each fact is in working memory.
  var factLive: [Bool] = [false]
  /// Live facts by content, so that asserting an existing fact finds it.
  var factIndex = ContentIndex()
  var liveFactCount = 0
  /// Facts whose removal is under way, so that a nested withdrawal does not repeat it.
  var factBeingRemoved: [Bool] = [false]
  /// How many fact insertions and removals are under way (they nest through matching).
  var workingMemoryDepth = 0
  /// Derived facts whose last logical support went while matching was under way. They are
  /// removed once the outermost insertion or removal has finished, as CLIPS does: removing
  /// one in the middle of a join would free index entries and partial matches a loop is
  /// still walking.
  var unsupportedFacts: [Int32] = []
  /// The first of the tokens that hold each fact directly (linked through their records),
  /// for tree-based removal.
  var factFirstToken: [Int32] = [TokenStore.none]
  /// The first of the negation and existence holders each fact blocks (linked through the
  /// holders' records), so that when the fact leaves only those holders look again.
  var factFirstBlocked: [Int32] = [TokenStore.none]

  // MARK: Network memories
  /// The facts of each alpha memory, in no particular order.
  var alphaMemories: [[Int32]]
  /// Each fact's alpha memories and its position in each (for O(1) removal): fact `id`'s
  /// start at `factMembershipStart[id]`. Append-only, like the slot store.
  var memberships: [Membership] = []
  var factMembershipStart: [Int32] = [0]

  struct Membership {
    let alpha: Int32
    /// -1 once the fact has left the memory.
    var position: Int32
  }
  var betaMemories: [BetaMemory]
  var leftIndexes = JoinIndex()
  var rightIndexes = JoinIndex()
  let tokens = TokenStore()
  /// The plan's beta nodes as flat records, read on every activation.
  let network: NodeTable

  /// Distinct-value counts of `count … distinct` holders.
  var distinctCounts: [Int32: [UInt64: Int]] = [:]
  /// Group matches reported before their owner saw the partial match, by owner and parent token.
  var pendingGroupMatches: [Int64: Int32] = [:]

  // MARK: Agenda and support
  var agenda: Agenda
  var activationOfMatch: [Int64: Int32] = [:]
  var supports: [Int64: Support] = [:]
  var contributions: [Contribution?] = []
  var contributionsByDiagnosis: [[Int]]

  // MARK: Run state
  public internal(set) var options: RunOptions
  public internal(set) var firingCount = 0
  var firingsByRule: [Int]
  var halted = false
  var currentRule: String?
  var pendingError: Diagnostic?
  var peakFactCount = 0
  /// Sum over firings of the facts in working memory, for the mean CLIPS reports.
  var factCountSum = 0
  var activationsAdded = 0

  /// Receives every event as it happens; nil records nothing (and costs nothing).
  public var observer: ((InferenceEvent) -> Void)?
  /// Receives what `print` and `write` actions produce; nil collects it in ``transcript``.
  public var output: ((String) -> Void)?
  public internal(set) var transcript = ""

  struct Support {
    var facts: [Int32] = []
    var contributions: [Int] = []
  }

  public init(knowledgeBase: KnowledgeBase, options: RunOptions = RunOptions()) {
    self.knowledgeBase = knowledgeBase
    self.plan = knowledgeBase.plan
    self.symbols = knowledgeBase.symbols
    self.options = options
    self.agenda = Agenda(strategy: options.strategy)
    network = NodeTable(plan)
    alphaMemories = Array(repeating: [], count: plan.alphaMemories.count)
    betaMemories = Array(repeating: BetaMemory(), count: plan.betaNodes.count)
    contributionsByDiagnosis = Array(repeating: [], count: knowledgeBase.vocabulary.diagnoses.count)
    firingsByRule = Array(repeating: 0, count: knowledgeBase.rules.count)
    let root = tokens.make(node: NetworkPlan.root, depth: 0, parent: TokenStore.none, fact: TokenStore.none)
    betaMemories[NetworkPlan.root].insert(root, in: tokens)
    propagate(root)
  }

  // MARK: - Facts

  /// Asserts a fact. Slots not given take their template's default or stay unknown.
  ///
  /// Returns the new fact's id, or the existing one when an identical fact is already in
  /// working memory (facts are sets, as in CLIPS).
  /// - Throws: ``EngineError`` for an unknown template or slot, a value of the wrong type,
  ///   or a certainty outside (0, 1].
  @discardableResult
  public func assert(
    _ template: String, _ slots: [String: Value], certainty: Double = 1, origin: SourceSpan = .synthetic
  ) throws(EngineError) -> FactID {
    let (templateIndex, atoms) = try encode(template, slots)
    guard certainty > 0, certainty <= 1 else { throw EngineError("a fact's certainty must be in (0, 1]") }
    let id = insertFact(
      template: templateIndex, slots: atoms, certainty: certainty, origin: .stated(origin),
      logicalSupport: false)
    return FactID(id)
  }

  /// Asserts a fact of the template at `templateIndex` in the vocabulary, its slot values
  /// given in declaration order (nil: the slot's default, or unknown). The fast path for
  /// loaders that have already resolved names (a case file's facts).
  /// - Throws: ``EngineError`` for a bad index or count, a value of the wrong type, or a
  ///   certainty outside (0, 1].
  @discardableResult
  public func assert(
    templateAt templateIndex: Int, _ values: [Value?], certainty: Double = 1, origin: SourceSpan = .synthetic
  ) throws(EngineError) -> FactID {
    let templates = knowledgeBase.vocabulary.templates
    guard templates.indices.contains(templateIndex), values.count == templates[templateIndex].slots.count
    else {
      throw EngineError("no template \(templateIndex) with \(values.count) slots")
    }
    guard certainty > 0, certainty <= 1 else { throw EngineError("a fact's certainty must be in (0, 1]") }
    let declaration = templates[templateIndex]
    var atoms: [Atom] = []
    atoms.reserveCapacity(values.count)
    for (slot, value) in zip(declaration.slots, values) {
      guard let value else {
        atoms.append(slot.defaultValue.map { symbols.atom($0) } ?? .missing)
        continue
      }
      guard slot.type.accepts(value) else {
        throw EngineError("\(declaration.name).\(slot.name) does not accept \(value)")
      }
      atoms.append(symbols.atom(value))
    }
    let id = insertFact(
      template: templateIndex, slots: atoms, certainty: certainty, origin: .stated(origin),
      logicalSupport: false)
    return FactID(id)
  }

  /// Retracts a fact; returns false when it is not in working memory.
  @discardableResult
  public func retract(_ id: FactID) -> Bool {
    guard id.rawValue > 0, Int(id.rawValue) < facts.count, factLive[Int(id.rawValue)] else {
      return false
    }
    removeFact(id.rawValue)
    return true
  }

  /// Replaces some slots of a fact: a retract followed by an assert, as in CLIPS.
  @discardableResult
  public func modify(_ id: FactID, _ changes: [String: Value]) throws(EngineError) -> FactID {
    guard let stored = storedFact(id) else { throw EngineError("fact \(id) is not in working memory") }
    let template = knowledgeBase.vocabulary.templates[stored.template]
    var slots = Array(self.slots(of: stored))
    for (name, value) in changes {
      guard let index = template.slotIndex(named: name) else {
        throw EngineError("unknown slot '\(name)' for template '\(template.name)'")
      }
      guard template.slots[index].type.accepts(value) else {
        throw EngineError("\(template.name).\(name) does not accept \(value)")
      }
      slots[index] = symbols.atom(value)
    }
    removeFact(id.rawValue)
    return FactID(
      insertFact(
        template: stored.template, slots: slots, certainty: stored.certainty, origin: stored.origin,
        logicalSupport: false))
  }

  func storedFact(_ id: FactID) -> StoredFact? {
    guard id.rawValue > 0, Int(id.rawValue) < facts.count else { return nil }
    return liveFact(id.rawValue)
  }

  /// A fact in working memory (retracted facts stay in `facts`, for explanations).
  func liveFact(_ id: Int32) -> StoredFact? { factLive[Int(id)] ? facts[Int(id)] : nil }

  /// The facts in working memory, oldest first.
  public var allFacts: [Fact] { facts.indices.compactMap { liveFact(Int32($0)) }.map(view) }

  public func fact(_ id: FactID) -> Fact? { storedFact(id).map(view) }

  /// The oldest fact of a template in working memory, such as a case's `organization`.
  public func firstFact(of template: String) -> Fact? {
    guard let index = knowledgeBase.vocabulary.templates.firstIndex(where: { $0.name == template }) else {
      return nil
    }
    return facts.indices.lazy.compactMap { self.liveFact(Int32($0)) }.first { $0.template == index }.map(view)
  }

  /// Every fact asserted in the session's life, including retracted ones, for explanations.
  public func factEverAsserted(_ id: FactID) -> Fact? {
    guard id.rawValue > 0, Int(id.rawValue) < facts.count else { return nil }
    return facts[Int(id.rawValue)].map(view)
  }

  /// A fact's slot values, in declaration order.
  func slots(of stored: StoredFact) -> ArraySlice<Atom> {
    let base = Int(slotBase[Int(stored.id.rawValue)])
    return slotStore[base..<(base + knowledgeBase.vocabulary.templates[stored.template].slots.count)]
  }

  func view(_ stored: StoredFact) -> Fact {
    let template = knowledgeBase.vocabulary.templates[stored.template]
    var slots: [(name: String, value: Value)] = []
    for (index, atom) in self.slots(of: stored).enumerated() {
      if let value = symbols.value(atom) { slots.append((template.slots[index].name, value)) }
    }
    return Fact(
      id: stored.id, template: template.name, slots: slots, certainty: stored.certainty, origin: stored.origin
    )
  }

  private func encode(_ template: String, _ slots: [String: Value]) throws(EngineError) -> (Int, [Atom]) {
    guard let templateIndex = knowledgeBase.vocabulary.index(ofTemplate: template) else {
      throw EngineError("unknown fact kind '\(template)'")
    }
    let declaration = knowledgeBase.vocabulary.templates[templateIndex]
    var atoms: [Atom] = []
    atoms.reserveCapacity(declaration.slots.count)
    var used = 0
    for slot in declaration.slots {
      guard let value = slots[slot.name] else {
        atoms.append(slot.defaultValue.map { symbols.atom($0) } ?? .missing)
        continue
      }
      guard slot.type.accepts(value) else {
        throw EngineError("\(template).\(slot.name) does not accept \(value)")
      }
      atoms.append(symbols.atom(value))
      used += 1
    }
    if used < slots.count,
      let unknown = slots.keys.sorted().first(where: { declaration.slotIndex(named: $0) == nil })
    {
      throw EngineError("unknown slot '\(unknown)' for template '\(template)'")
    }
    return (templateIndex, atoms)
  }

  // MARK: - Agenda and diagnoses

  /// The activations waiting to fire, in firing order.
  public var pendingActivations: [Activation] {
    agenda.ordered.map { entry in
      let production = plan.productions[Int(entry.production)]
      return Activation(
        rule: knowledgeBase.rules[production.rule].name, salience: entry.salience,
        facts: factsOfToken(entry.token, production: production).map(FactID.init))
    }
  }

  /// Diagnoses with at least one contribution, by descending certainty, then name.
  public var diagnoses: [Diagnosis] {
    var result: [Diagnosis] = []
    for (index, definition) in knowledgeBase.vocabulary.diagnoses.enumerated() {
      let current = contributionsByDiagnosis[index].compactMap { contributions[$0] }
      guard !current.isEmpty else { continue }
      result.append(
        Diagnosis(
          id: definition.id, certainty: CertaintyFactor.combine(current.map(\.certainty)),
          contributions: current))
    }
    return result.sorted { ($0.certainty, $1.id) > ($1.certainty, $0.id) }
  }

  /// Statistics of the run so far, as CLIPS's `(watch statistics)` reports them.
  public var statistics: Statistics {
    Statistics(
      firings: firingCount, facts: liveFactCount, peakFacts: peakFactCount,
      meanFacts: firingCount > 0 ? Double(factCountSum) / Double(firingCount) : Double(liveFactCount),
      activations: activationsAdded,
      partialMatches: tokens.liveCount)
  }
}

/// A rule instance waiting on the agenda.
public struct Activation: Hashable, Sendable {
  public let rule: String
  public let salience: Int
  public let facts: [FactID]
}

public struct Statistics: Hashable, Sendable {
  public let firings: Int
  public let facts: Int
  public let peakFacts: Int
  /// Facts in working memory, averaged over firings.
  public let meanFacts: Double
  public let activations: Int
  public let partialMatches: Int
}

/// A misuse of the engine's API: an unknown template, a wrong value.
public struct EngineError: Error, Sendable, CustomStringConvertible {
  public let message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}
