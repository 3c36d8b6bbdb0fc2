import RuleEngine

/// Runs cases for ``RuleCoverage``: each case once as `cxdx test` runs it, recording which
/// rules fired, and once more on a knowledge base with a ``CoverageProbe`` per condition,
/// whose matches the engine's inspection (`progress(ofRule:)`) reads at the end of the run.
public struct CoverageRunner: Sendable {
  public let runner: CaseRunner
  private let probes: [CoverageProbe]
  private let probeRunner: CaseRunner?

  /// Nil probing when the probes do not compile (they are the rules' own conditions, so this
  /// does not happen for a rule base that compiled); the firings are still recorded.
  public init(runner: CaseRunner) {
    self.runner = runner
    let rules = runner.knowledgeBase.rules
    let (probes, probeRules) = CoverageProbe.probes(for: rules)
    self.probes = probes
    let (compiled, _) = KnowledgeBase.compile(
      vocabulary: runner.knowledgeBase.vocabulary, rules: rules + probeRules)
    probeRunner = compiled.map {
      CaseRunner(ruleBase: runner.ruleBase, knowledgeBase: $0, options: runner.options, loader: runner.loader)
    }
  }

  /// Runs one case: the run itself, for its expectations, and what it adds to coverage.
  public func run(_ path: String) -> (run: Result<CaseRun, CaseFailure>, coverage: CaseCoverage?) {
    let recorder = FiringRecorder()
    let result = runner.run(path, observer: recorder.record)
    guard case .success = result else { return (result, nil) }
    var deciding: Set<CaseCoverage.ConditionKey> = []
    let rules = runner.knowledgeBase.rules
    let notFired = Set(rules.indices.filter { !recorder.fired.contains(rules[$0].name) })
    if let probeRunner, case .success(let probed) = probeRunner.run(path) {
      for probe in probes where notFired.contains(probe.rule) {
        let matches =
          probe.name.map { name in
            probed.session.progress(ofRule: name, limit: 1).contains(where: \.isComplete)
          }
          ?? true
        if matches {
          deciding.insert(CaseCoverage.ConditionKey(rule: probe.rule, condition: probe.condition))
        }
      }
    }
    return (result, CaseCoverage(path: path, fired: recorder.fired, deciding: deciding))
  }
}

/// Collects the names of the rules that fire, from the engine's events.
private final class FiringRecorder {
  var fired: Set<String> = []

  func record(_ event: InferenceEvent) {
    if case .ruleFired(let rule, _, _) = event { fired.insert(rule) }
  }
}
