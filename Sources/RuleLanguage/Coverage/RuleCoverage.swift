import RuleEngine

/// Which rules a set of cases exercises: for each rule, the cases in which it fired, and for
/// each of its top-level conditions, the cases in which that condition was the deciding one.
///
/// A condition is *deciding* in a case when the rule did not fire there, and everything else
/// the rule asks matched at the end of the run (the rule without that condition, and without
/// the later conditions that use variables only it binds, matches): the case shows that the
/// rule needs the condition, as MC/DC asks of each condition of a decision. A condition no case
/// shows to be deciding is one the cases never test: removing it would change no outcome. For
/// a rule with one condition, that condition decides every case where the rule did not fire.
public struct RuleCoverage: Sendable {
  public struct ConditionEntry: Sendable {
    /// 0-based, among the rule's top-level conditions (`either` counts as one).
    public let index: Int
    public let span: SourceSpan
    /// Paths of the cases in which it was deciding, in case order.
    public var decidingIn: [String]
  }

  public struct RuleEntry: Sendable {
    public let name: String
    /// Where the rule's name is written.
    public let span: SourceSpan
    /// Paths of the cases in which it fired, in case order.
    public var firedIn: [String]
    public var conditions: [ConditionEntry]
  }

  /// The cases measured, in the order they were added.
  public private(set) var cases: [String] = []
  /// Every rule of the knowledge base, in declaration order.
  public private(set) var rules: [RuleEntry]

  public init(rules: [Rule]) {
    self.rules = rules.map { rule in
      RuleEntry(
        name: rule.name, span: rule.span, firedIn: [],
        conditions: rule.conditions.enumerated().map {
          ConditionEntry(index: $0, span: $1.span, decidingIn: [])
        })
    }
  }

  /// Records one case's run.
  public mutating func add(_ run: CaseCoverage) {
    cases.append(run.path)
    for index in rules.indices where run.fired.contains(rules[index].name) {
      rules[index].firedIn.append(run.path)
    }
    for key in run.deciding.sorted(by: { ($0.rule, $0.condition) < ($1.rule, $1.condition) })
    where rules.indices.contains(key.rule) && rules[key.rule].conditions.indices.contains(key.condition) {
      rules[key.rule].conditions[key.condition].decidingIn.append(run.path)
    }
  }

  public var neverFired: [RuleEntry] { rules.filter { $0.firedIn.isEmpty } }

  /// Conditions no case shows to be deciding, with their rule, in declaration order.
  public var neverDeciding: [(rule: RuleEntry, condition: ConditionEntry)] {
    rules.flatMap { rule in rule.conditions.filter(\.decidingIn.isEmpty).map { (rule, $0) } }
  }
}

/// One case's contribution to ``RuleCoverage``.
public struct CaseCoverage: Sendable {
  public struct ConditionKey: Hashable, Sendable {
    public let rule: Int
    public let condition: Int
  }

  public let path: String
  /// Names of the rules that fired in the run.
  public let fired: Set<String>
  /// The conditions that were deciding.
  public let deciding: Set<ConditionKey>
}
