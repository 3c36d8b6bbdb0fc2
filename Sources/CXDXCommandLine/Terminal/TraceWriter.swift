import RuleEngine

/// Prints engine events as they happen, for `cxdx run --watch` and `cxdx diagnose --trace`,
/// in CLIPS's notation (`==>` a fact asserted, `<==` retracted, `FIRE n rule: facts`).
///
/// Everything a firing causes is indented under its `FIRE` line, so each cycle reads as a
/// block. A contribution is followed by the diagnosis's combined certainty after it, kept
/// from the contributions the events report and combined by the engine's own
/// ``CertaintyFactor/combine(_:)-([Double])``: the trace shows certainties move as the run goes.
final class TraceWriter {
  let watch: Set<String>
  let console: Console
  /// Each diagnosis's current contributions, as the events report them.
  private var contributions: [String: [Contribution]] = [:]
  private var firing = false

  init(watch: Set<String>, console: Console) {
    self.watch = watch
    self.console = console
  }

  func write(_ event: InferenceEvent) {
    let indent = firing ? "  " : ""
    switch event {
    case .factAsserted(let fact, _) where watch.contains("facts"):
      console.out("\(indent)==> \(fact.id) \(fact.description)\(certainty(fact))\n")
    case .factRetracted(let fact, _) where watch.contains("facts"):
      console.out("\(indent)<== \(fact.id) \(fact.description)\n")
    case .ruleFired(let rule, let facts, let cycle):
      firing = true
      if watch.contains("rules") {
        let matched = facts.isEmpty ? "" : ": " + facts.map(\.description).joined(separator: ",")
        console.out("FIRE \(cycle) \(rule)\(matched)\n")
      }
    case .activationAdded(let rule, let facts) where watch.contains("activations"):
      console.out("\(indent)==> Activation \(rule): \(facts.map(\.description).joined(separator: ","))\n")
    case .activationRemoved(let rule, let facts) where watch.contains("activations"):
      console.out("\(indent)<== Activation \(rule): \(facts.map(\.description).joined(separator: ","))\n")
    case .contributionAdded(let contribution):
      contributions[contribution.diagnosis, default: []].append(contribution)
      if watch.contains("rules") {
        console.out(
          "\(indent)suspect \(contribution.diagnosis) \(signed(contribution.certainty)) → "
            + "\(contribution.diagnosis) \(combined(contribution.diagnosis))\n")
      }
    case .contributionWithdrawn(let contribution):
      if let position = contributions[contribution.diagnosis]?.firstIndex(of: contribution) {
        contributions[contribution.diagnosis]?.remove(at: position)
      }
      if watch.contains("rules") {
        console.out(
          "\(indent)withdrawn \(contribution.diagnosis) \(signed(contribution.certainty)) "
            + "(\(contribution.rule), firing \(contribution.cycle): its match is gone) → "
            + "\(contribution.diagnosis) \(combined(contribution.diagnosis))\n")
      }
    default:
      break
    }
  }

  private func combined(_ diagnosis: String) -> String {
    let current = contributions[diagnosis] ?? []
    return current.isEmpty
      ? "0 (no evidence left)" : number(CertaintyFactor.combine(current.map(\.certainty)))
  }

  private func certainty(_ fact: Fact) -> String {
    fact.certainty < 1 ? " certainty \(Value.format(fact.certainty))" : ""
  }

  private func signed(_ value: Double) -> String { (value < 0 ? "−" : "+") + abs(value).fixed(2) }
  private func number(_ value: Double) -> String { (value < 0 ? "−" : "") + abs(value).fixed(2) }
}
