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
  /// Overlaps kept per specific rule: the findings need the first one or two, and a rule base
  /// where every rule implies hundreds of others would otherwise cost a comparison per pair.
  static let maximumPerRule = 8

  static func overlaps(in rules: [LintedRule]) -> [RuleOverlap] {
    let templates = rules.map { Set($0.rule.conditions.compactMap(Self.patternTemplate)) }
    let constants = rules.map { Self.requiredConstants($0.rule) }
    // A rule that can never fire implies every other, vacuously; L0102 reports it instead.
    let contradictions = ContradictoryConstraints()
    let possible = rules.map { contradictions.contradictions(in: $0).isEmpty }
    // Only rules that suspect a common diagnosis are compared: both findings are about a
    // shared conclusion, and this keeps a large rule base from costing a comparison per pair.
    var byDiagnosis: [String: [Int]] = [:]
    for index in rules.indices where possible[index] {
      for diagnosis in conclusions(of: rules[index].rule).keys {
        byDiagnosis[diagnosis, default: []].append(index)
      }
    }
    var result: [RuleOverlap] = []
    for specific in rules.indices where possible[specific] {
      // Each group is in rule order; most rules suspect one diagnosis, so one group.
      let groups = conclusions(of: rules[specific].rule).keys.map { byDiagnosis[$0] ?? [] }
      let generals = groups.count == 1 ? groups[0] : Set(groups.joined()).sorted()
      var found = 0
      for general in generals where general != specific && found < maximumPerRule {
        // Cheap filters first: the specific rule has a pattern on each template the general
        // one has, and requires each single value the general one requires.
        guard templates[general].isSubset(of: templates[specific]),
          constants[general].isSubset(of: constants[specific]),
          ConditionImplication.implies(rules[specific].rule.conditions, rules[general].rule.conditions)
        else { continue }
        let equivalent = ConditionImplication.implies(
          rules[general].rule.conditions, rules[specific].rule.conditions)
        if equivalent, specific < general { continue }
        result.append(RuleOverlap(general: general, specific: specific, equivalent: equivalent))
        found += 1
      }
    }
    // Dictionary order is not stable: sort, so findings come out the same every time.
    result.sort { ($0.specific, $0.general) < ($1.specific, $1.general) }
    return result
  }

  /// `template.slot=value` for each slot a top-level pattern requires to hold one value: a
  /// rule implying another must require each of these too.
  private static func requiredConstants(_ rule: Rule) -> Set<String> {
    var result: Set<String> = []
    for condition in rule.conditions {
      guard case .pattern(let pattern) = condition else { continue }
      for (slot, requirement) in pattern.requirements {
        guard let allowed = requirement.allowed, allowed.count == 1, let value = allowed.first else {
          continue
        }
        result.insert("\(pattern.template).\(slot)=\(value)")
      }
    }
    return result
  }

  private static func patternTemplate(_ condition: Condition) -> String? {
    if case .pattern(let pattern) = condition { return pattern.template }
    return nil
  }

  /// The first diagnosis (by name) both rules suspect, in the same direction or in opposite
  /// ones as asked, with the general rule's factor and the specific rule's.
  func sharedConclusion(in rules: [LintedRule], sameDirection: Bool)
    -> (diagnosis: String, general: Double, specific: Double)?
  {
    let wide = Self.conclusions(of: rules[general].rule)
    let narrow = Self.conclusions(of: rules[specific].rule)
    for diagnosis in narrow.keys.sorted() {
      guard let x = wide[diagnosis], let y = narrow[diagnosis], ((x > 0) == (y > 0)) == sameDirection else {
        continue
      }
      return (diagnosis, x, y)
    }
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

/// A factor as the notes show it: `+0.60`, `-0.40`. Factors are finite (the checker keeps
/// them within -1…1), but a note must never trap on one that is not.
func signedFactor(_ value: Double) -> String {
  guard value.isFinite else { return "\(value)" }
  let hundredths = Int((abs(value) * 100).rounded())
  let fraction = hundredths % 100
  return (value < 0 ? "-" : "+") + "\(hundredths / 100)." + (fraction < 10 ? "0" : "") + "\(fraction)"
}
