extension String {
  /// Levenshtein distance over characters, for "did you mean …?" suggestions.
  /// - Complexity: O(n·m) time, O(m) space.
  public func editDistance(to other: String) -> Int {
    let source = Array(self)
    let target = Array(other)
    if source.isEmpty { return target.count }
    if target.isEmpty { return source.count }
    var previous = Array(0...target.count)
    var current = [Int](repeating: 0, count: target.count + 1)
    for (i, a) in source.enumerated() {
      current[0] = i + 1
      for (j, b) in target.enumerated() {
        current[j + 1] = Swift.min(previous[j + 1] + 1, current[j] + 1, previous[j] + (a == b ? 0 : 1))
      }
      swap(&previous, &current)
    }
    return previous[target.count]
  }

  /// The candidate closest to this string, if it is close enough to be a likely typo:
  /// within a third of the word's length (at least 1, at most 3 edits). Ties go to the
  /// candidate listed first, so suggestions are deterministic.
  public func closestMatch(in candidates: some Sequence<String>) -> String? {
    let limit = Swift.max(1, Swift.min(3, count / 3 + 1))
    var best: (String, Int)?
    for candidate in candidates {
      let distance = lowercased().editDistance(to: candidate.lowercased())
      if distance <= limit, distance < (best?.1 ?? Int.max) { best = (candidate, distance) }
    }
    return best?.0
  }
}
