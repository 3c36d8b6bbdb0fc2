import RuleEngine

/// Pairs of rules whose conditions imply one another's, with the conclusions they share:
/// what ``SubsumedRule`` and ``ConflictingRules`` report.
struct RuleOverlap {
  /// The rule that fires whenever the other does, and the other.
  let general: Int
  let specific: Int
  /// True when each implies the other: the same conditions, up to order and variable names.
  let equivalent: Bool

  /// Every ordered pair (general, specific) where the specific rule's conditions imply the
  /// general one's, the first rule of an equivalent pair taken as the general one.
  static func overlaps(in rules: [LintedRule]) -> [RuleOverlap] {
    let templates = rules.map { Set($0.rule.conditions.compactMap(Self.patternTemplate)) }
    // A rule that can never fire implies every other, vacuously; L0102 reports it instead.
    let contradictions = ContradictoryConstraints()
    let possible = rules.map { contradictions.contradictions(in: $0).isEmpty }
    var result: [RuleOverlap] = []
    for general in rules.indices where possible[general] {
      for specific in rules.indices where specific != general && possible[specific] {
        // Cheap filter first: the specific rule has a pattern on each template the general one has.
        guard templates[general].isSubset(of: templates[specific]),
          ConditionImplication.implies(rules[specific].rule.conditions, rules[general].rule.conditions)
        else { continue }
        let equivalent = ConditionImplication.implies(
          rules[general].rule.conditions, rules[specific].rule.conditions)
        if equivalent, specific < general { continue }
        result.append(RuleOverlap(general: general, specific: specific, equivalent: equivalent))
      }
    }
    return result
  }

  private static func patternTemplate(_ condition: Condition) -> String? {
    if case .pattern(let pattern) = condition { return pattern.template }
    return nil
  }

  /// The diagnoses a rule suspects with a factor written as a number, with the factor.
  static func conclusions(of rule: Rule) -> [String: Double] {
    var result: [String: Double] = [:]
    for suspicion in rule.suspicions {
      guard let factor = suspicion.factor, factor != 0, result[suspicion.diagnosis] == nil else { continue }
      result[suspicion.diagnosis] = factor
    }
    return result
  }
}

extension LintContext {
  /// Computed on demand by the two rules that need it.
  var overlaps: [RuleOverlap] { RuleOverlap.overlaps(in: rules) }
}

/// A factor as the notes show it: `+0.60`, `-0.40`.
func signedFactor(_ value: Double) -> String {
  let magnitude = (abs(value) * 100).rounded() / 100
  let digits = String(Int((magnitude * 100).rounded()) % 100)
  let text = "\(Int(magnitude)).\(digits.count == 1 ? "0" + digits : digits)"
  return (value < 0 ? "-" : "+") + text
}

/// MYCIN's combination of two contributions (docs/language.md, certainty factors).
func combinedCertainty(_ x: Double, _ y: Double) -> Double {
  if x >= 0, y >= 0 { return x + y * (1 - x) }
  if x < 0, y < 0 { return x + y * (1 + x) }
  return (x + y) / (1 - min(abs(x), abs(y)))
}
