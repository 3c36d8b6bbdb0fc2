import RuleEngine

/// Listens to a run's events and keeps what explanations need that the session does not:
/// which firing asserted each fact (so a derived fact's own derivation can be shown) and which
/// contributions were withdrawn, and when.
///
/// Install ``record(_:)`` as the session's observer before the run. One recorder per session;
/// it is used on the session's thread only.
public final class DerivationRecorder {
  /// One rule firing: the rule, the facts its match held (in pattern order) and its cycle.
  public struct Firing: Sendable, Hashable {
    public let rule: String
    public let facts: [FactID]
    public let cycle: Int
  }

  /// A contribution that lost its match, with the cycle during which it did (0 before the
  /// first firing).
  public struct Withdrawal: Sendable {
    public let contribution: Contribution
    public let cycle: Int
  }

  /// The firing that asserted, derived or modified each fact a rule made.
  public private(set) var firingThatAsserted: [FactID: Firing] = [:]
  public private(set) var withdrawals: [Withdrawal] = []
  private var current: Firing?

  public init() {}

  public func record(_ event: InferenceEvent) {
    switch event {
    case .ruleFired(let rule, let facts, let cycle):
      current = Firing(rule: rule, facts: facts, cycle: cycle)
    case .factAsserted(let fact, let rule?):
      if let current, current.rule == rule { firingThatAsserted[fact.id] = current }
    case .contributionWithdrawn(let contribution):
      withdrawals.append(Withdrawal(contribution: contribution, cycle: current?.cycle ?? 0))
    default:
      break
    }
  }
}
