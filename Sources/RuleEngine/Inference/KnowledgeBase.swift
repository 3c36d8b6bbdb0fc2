/// A compiled rule base: its vocabulary, rules and Rete network. Immutable and `Sendable`,
/// so one knowledge base serves any number of sessions, on any number of tasks.
public struct KnowledgeBase: Sendable {
  public let vocabulary: Vocabulary
  public let rules: [Rule]
  let plan: NetworkPlan
  let symbols: SymbolTable
  /// Rule positions by name, for explanations.
  let ruleIndex: [String: Int]
  /// ``assessmentRequirements(for:)`` of every diagnosis, computed once.
  let assessmentIndex: [String: [RuleRequirement]]

  /// Compiles rules into a network. Returns nil with diagnostics when a rule refers to
  /// something the vocabulary does not declare.
  public static func compile(vocabulary: Vocabulary, rules: [Rule]) -> (KnowledgeBase?, [Diagnostic]) {
    var builder = NetworkBuilder(vocabulary: vocabulary)
    for (index, rule) in rules.enumerated() { builder.add(rule, index: index) }
    guard !builder.diagnostics.hasErrors else { return (nil, builder.diagnostics) }
    return (
      KnowledgeBase(vocabulary: vocabulary, rules: rules, plan: builder.plan, symbols: builder.symbols),
      builder.diagnostics
    )
  }

  init(vocabulary: Vocabulary, rules: [Rule], plan: NetworkPlan, symbols: SymbolTable) {
    self.vocabulary = vocabulary
    self.rules = rules
    self.plan = plan
    self.symbols = symbols
    var ruleIndex: [String: Int] = [:]
    for (index, rule) in rules.enumerated() where ruleIndex[rule.name] == nil { ruleIndex[rule.name] = index }
    self.ruleIndex = ruleIndex
    assessmentIndex = Dictionary(
      uniqueKeysWithValues: vocabulary.diagnoses.map {
        ($0.id, KnowledgeBase.assessmentRequirements(for: $0.id, in: rules))
      })
  }

  /// The rule of a given name.
  public func rule(named name: String) -> Rule? { ruleIndex[name].map { rules[$0] } }

  /// Counts of the network's parts, for `--stats` and the engine documentation.
  public var networkSummary: (alphaMemories: Int, betaNodes: Int, productions: Int) {
    (plan.alphaMemories.count, plan.betaNodes.count, plan.productions.count)
  }
}

/// How to run: the conflict strategy and the limits that stop a runaway rule base.
public struct RunOptions: Sendable {
  public var strategy: ConflictStrategy
  /// Rule firings before the run stops with ``StopReason/firingLimit(_:)``.
  public var maximumFirings: Int
  /// Facts in working memory before the run stops with ``StopReason/factLimit``.
  public var maximumFacts: Int
  /// Wall-clock seconds before the run stops with ``StopReason/timeLimit``; nil for none.
  public var timeLimit: Double?

  /// One million firings: 100 times what the classic benchmarks need per run, reached by a
  /// runaway rule within seconds.
  public static let defaultMaximumFirings = 1_000_000
  public static let defaultMaximumFacts = 10_000_000

  public init(
    strategy: ConflictStrategy = .depth, maximumFirings: Int = RunOptions.defaultMaximumFirings,
    maximumFacts: Int = RunOptions.defaultMaximumFacts, timeLimit: Double? = nil
  ) {
    self.strategy = strategy
    self.maximumFirings = maximumFirings
    self.maximumFacts = maximumFacts
    self.timeLimit = timeLimit
  }
}

/// Why a run ended.
public enum StopReason: Hashable, Sendable {
  /// Nothing left to fire.
  case finished
  /// A rule executed `halt`.
  case halted
  /// The firing limit was reached; the rules that fired most, with their counts.
  case firingLimit([RuleCount])
  case factLimit
  case timeLimit
  /// An action failed; the run stopped at it.
  case evaluationError(Diagnostic)

  public var isLimit: Bool {
    switch self {
    case .firingLimit, .factLimit, .timeLimit: true
    default: false
    }
  }
}

public struct RuleCount: Hashable, Sendable {
  public let rule: String
  public let firings: Int
}

/// What a run did.
public struct RunResult: Sendable {
  public let firings: Int
  public let stopReason: StopReason
  public let elapsedSeconds: Double
}
