/// The rule condition behind each level of a production's chain of beta nodes, so that a
/// level the network reports can be shown as the text the rule's author wrote.
///
/// Mirrors how `NetworkBuilder` lays conditions out (docs/engine.md, "What NetworkBuilder
/// does with one rule"): `either` expanded into the same alternatives in the same order; a
/// pattern and the `test`s right after it one level; `not`, `exists`, a group or a `test` one
/// level; `count` one, plus one for its `where`. Callers check the level count against the
/// chain and fall back to no text when they disagree, so a change to the builder can cost
/// explanations their source text, never their correctness.
enum ConditionLevels {
  /// The condition lists of a rule's productions, in the order the builder adds them.
  static func alternatives(_ conditions: [Condition]) -> [[Condition]] {
    var results: [[Condition]] = [[]]
    for condition in conditions {
      guard case .either(let options, _) = condition else {
        results = results.map { $0 + [condition] }
        continue
      }
      var next: [[Condition]] = []
      for prefix in results {
        for option in options {
          for expanded in alternatives(option) { next.append(prefix + expanded) }
        }
      }
      results = next
    }
    return results
  }

  /// The span each level of one alternative's chain comes from.
  static func spans(_ conditions: [Condition]) -> [SourceSpan] {
    var spans: [SourceSpan] = []
    var index = 0
    while index < conditions.count {
      let condition = conditions[index]
      index += 1
      switch condition {
      case .pattern(let pattern):
        // Tests right after a pattern run at its join: one level, shown together.
        var span = pattern.span
        while index < conditions.count, case .test(_, let testSpan) = conditions[index] {
          span = span.union(testSpan)
          index += 1
        }
        spans.append(span)
      case .not(_, let span), .exists(_, let span), .test(_, let span):
        spans.append(span)
      case .count(let count):
        spans.append(count.span)
        if count.filter != nil { spans.append(count.span) }
      case .either:
        break  // only at the top, where `alternatives` has expanded it
      }
    }
    return spans
  }
}
