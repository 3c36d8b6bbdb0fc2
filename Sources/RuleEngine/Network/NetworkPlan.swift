/// Identifies a node of the beta network.
typealias NodeID = Int

/// The compiled Rete network of a knowledge base: an immutable value shared by every
/// session that runs it (Forgy 1982; Doorenbos 1995, ch. 2).
///
/// Nodes are stored in arrays and refer to each other by index, so the network is a plain
/// value: printable, comparable, free of reference cycles.
struct NetworkPlan: Sendable {
  var alphaMemories: [AlphaMemorySpec] = []
  /// For each template, the alpha memories that test its facts, split into those reached by
  /// hashing one slot's value and those tested one by one.
  var alphaRoutes: [AlphaRoute] = []
  var betaNodes: [BetaNode] = []
  /// Productions in rule order: one per rule alternative (`either` splits a rule).
  var productions: [Production] = []

  static let root: NodeID = 0
}

/// The facts of one template that pass a list of single-fact tests.
struct AlphaMemorySpec: Hashable, Sendable {
  let template: Int
  let tests: [AlphaTest]
  /// Beta nodes fed by this memory, deepest first (so a fact joining twice in one rule
  /// is not paired with itself twice; Doorenbos 1995, §2.4.1).
  var successors: [NodeID] = []

  static func == (lhs: Self, rhs: Self) -> Bool { lhs.template == rhs.template && lhs.tests == rhs.tests }
  func hash(into hasher: inout Hasher) {
    hasher.combine(template)
    hasher.combine(tests)
  }
}

/// How facts of one template reach their alpha memories.
struct AlphaRoute: Sendable {
  /// Memories whose first test is `slot = constant`, by slot, then by the constant.
  var hashed: [(slot: Int, memories: [Atom: [Int]])] = []
  /// Memories tested one by one.
  var scanned: [Int] = []
}

/// One node of the beta network.
struct BetaNode: Sendable {
  enum Kind: Hashable, Sendable {
    /// Holds the single empty partial match every rule starts from.
    case root
    /// A partial match joined with a fact from the alpha memory.
    case join(alpha: Int, tests: JoinTests)
    /// A partial match that no fact of the alpha memory matches.
    case negation(alpha: Int, tests: JoinTests)
    /// A partial match that some fact of the alpha memory matches (passed once).
    case exists(alpha: Int, tests: JoinTests)
    /// A partial match extended with the number of matching facts (or distinct values).
    case count(alpha: Int, tests: JoinTests, distinct: [CompiledExpression])
    /// A partial match that passes a test.
    case filter(CompiledExpression)
    /// The owner of a negated (or existential) group: `not { a b }`. Its partner reports
    /// the group's matches; the owner passes a partial match while there are none (or some).
    case group(partner: NodeID, negated: Bool)
    /// The end of a group's subnetwork; reports matches to the owner `length` levels up.
    case groupPartner(owner: NodeID, length: Int)
    /// A complete match of a rule: it adds or removes an activation.
    case production(Int)
  }

  var kind: Kind
  let parent: NodeID
  /// Depth of the partial matches this node stores (the root's is 0).
  let depth: Int
  var children: [NodeID] = []
}

/// One rule alternative, ready to fire.
struct Production: Sendable {
  let rule: Int
  let node: NodeID
  /// Where each action's variables live.
  let actions: [CompiledAction]
  /// Positions in the partial match holding facts (for certainty and explanations), in pattern order.
  let factDepths: [Int]
  /// Slot count of the locals (`let`) the actions use.
  let localCount: Int
}

/// An action with its expressions compiled.
enum CompiledAction: Sendable {
  case assert(template: Int, slots: [(Int, CompiledExpression)], logical: Bool, span: SourceSpan)
  case retract([Int], span: SourceSpan)
  case modify(depth: Int, slots: [(Int, CompiledExpression)], span: SourceSpan)
  case suspect(diagnosis: Int, certainty: CompiledExpression, because: CompiledExpression?, span: SourceSpan)
  case print([CompiledExpression], newline: Bool, span: SourceSpan)
  case bind(local: Int, CompiledExpression, span: SourceSpan)
  case conditional(CompiledExpression, [CompiledAction], [CompiledAction], span: SourceSpan)
  case halt
}
