import RuleEngine

/// Whole pipelines over bytes nobody has checked, from loading to running, as one call each.
/// The fuzz targets (`fuzz/`) drive these, and so do the tests that replay what fuzzing found,
/// so both exercise exactly the same path.
public enum UntrustedInput {
  /// Limits small enough that any program ends quickly: 10,000 firings and facts, one second.
  public static let smallLimits = RunOptions(maximumFirings: 10_000, maximumFacts: 10_000, timeLimit: 1)

  /// Loads, checks and compiles one rule file; its diagnostics (empty when it compiled).
  @discardableResult
  public static func compileRules(_ bytes: [UInt8]) -> [Diagnostic] {
    let loaded = RuleBaseLoader().loadRules(bytes: bytes, path: "input.rules")
    return loaded.compile().1
  }

  /// Checks a case file against a rule base and, when both are clean, runs it; nil when there
  /// were errors (or the facts could not be asserted). `path` decides the form: a name ending
  /// in `.json` reads the bytes as a JSON case.
  @discardableResult
  public static func runCase(
    _ bytes: [UInt8], against ruleBase: LoadedRuleBase, options: RunOptions = smallLimits,
    path: String = "input.facts"
  )
    -> RunResult?
  {
    var rules = ruleBase
    let loaded = RuleBaseLoader().loadCase(bytes: bytes, path: path, into: &rules)
    guard !loaded.diagnostics.hasErrors, let syntax = loaded.syntax,
      case (let knowledgeBase?, _) = rules.compile()
    else { return nil }
    let session = InferenceSession(knowledgeBase: knowledgeBase, options: options)
    do { try session.assertFacts(of: syntax) } catch { return nil }
    return session.run()
  }

  /// A rule file and a case file in one input, split at the first line `%%`: loaded, compiled
  /// and run; nil when either has errors.
  @discardableResult
  public static func runProgram(_ bytes: [UInt8], options: RunOptions = smallLimits) -> RunResult? {
    let (ruleBytes, factBytes) = splitProgram(bytes)
    let ruleBase = RuleBaseLoader().loadRules(bytes: ruleBytes, path: "input.rules")
    guard !ruleBase.diagnostics.hasErrors else { return nil }
    return runCase(factBytes, against: ruleBase, options: options)
  }

  /// The bytes before and after the first `%%` line: a line after the first that is exactly
  /// `%%` and ends in a line feed (all rules when there is none).
  public static func splitProgram(_ bytes: [UInt8]) -> (rules: [UInt8], facts: [UInt8]) {
    let marker = Array("\n%%\n".utf8)
    guard bytes.count >= marker.count else { return (bytes, []) }
    for start in 0...(bytes.count - marker.count)
    where bytes[start..<(start + marker.count)].elementsEqual(marker) {
      return (Array(bytes[..<(start + 1)]), Array(bytes[(start + marker.count)...]))
    }
    return (bytes, [])
  }
}
