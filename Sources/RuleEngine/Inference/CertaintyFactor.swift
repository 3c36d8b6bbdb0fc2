/// MYCIN's certainty factors: numbers in −1…1, where positive is evidence for a conclusion
/// and negative is evidence against it (Shortliffe and Buchanan 1975).
public enum CertaintyFactor {
  /// Combines two factors for the same conclusion.
  public static func combine(_ x: Double, _ y: Double) -> Double {
    if x >= 0, y >= 0 { return x + y * (1 - x) }
    if x < 0, y < 0 { return x + y * (1 + x) }
    let denominator = 1 - min(abs(x), abs(y))
    return denominator == 0 ? 0 : (x + y) / denominator
  }

  /// Combines many factors independently of their order: positives together, negatives
  /// together (each sorted, so the floating-point result is the same for any order), then the
  /// two totals by the mixed-sign rule.
  public static func combine(_ factors: [Double]) -> Double {
    let positive = factors.filter { $0 >= 0 }.sorted(by: >).reduce(0.0) { combine($0, $1) }
    let negative = factors.filter { $0 < 0 }.sorted().reduce(0.0) { $0 == 0 ? $1 : combine($0, $1) }
    if factors.allSatisfy({ $0 >= 0 }) { return positive }
    if factors.allSatisfy({ $0 < 0 }) { return negative }
    return combine(positive, negative)
  }

  /// The steps of ``combine(_:)-(Double,Double)`` over many factors, for explanations:
  /// each intermediate total in the order the combination is made.
  public static func steps(_ factors: [Double]) -> [(Double, Double, Double)] {
    var steps: [(Double, Double, Double)] = []
    let positives = factors.filter { $0 >= 0 }.sorted(by: >)
    let negatives = factors.filter { $0 < 0 }.sorted()
    func fold(_ list: [Double]) -> Double? {
      guard var total = list.first else { return nil }
      for next in list.dropFirst() {
        let combined = combine(total, next)
        steps.append((total, next, combined))
        total = combined
      }
      return total
    }
    let positive = fold(positives)
    let negative = fold(negatives)
    if let positive, let negative { steps.append((positive, negative, combine(positive, negative))) }
    return steps
  }
}
