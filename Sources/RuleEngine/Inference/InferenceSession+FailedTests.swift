/// Inspection, continued: which of a condition's tests a candidate fact fails, described in
/// the rule language's own notation (`support: enthusiastic`, `years: >= 2`). Each test is
/// run alone, exactly as the network runs it (`InferenceSession+Alpha`, `joinPasses`), so the
/// failures reported are the ones that kept the fact out.
extension InferenceSession {
  /// The alpha tests (single-fact tests) a fact fails; a slot the fact does not state is
  /// reported once, however many tests read it.
  func failedAlphaTests(_ tests: [AlphaTest], fact: Int32) -> [FailedTest] {
    let base = Int(slotBase[Int(fact)])
    let slotName = slotNamer(of: fact)
    var failures: [FailedTest] = []
    func fail(_ slot: Int, _ requirement: String) {
      let atom = slotStore[base + slot]
      failures.append(
        FailedTest(
          slot: slotName(slot), actual: symbols.value(atom), requirement: requirement, comparedWith: nil))
    }
    for test in tests {
      switch test {
      case .equals(let slot, let atom):
        if slotStore[base + slot] != atom { fail(slot, display(atom)) }
      case .notEquals(let slot, let atom):
        if slotStore[base + slot] == atom { fail(slot, "!= " + display(atom)) }
      case .oneOf(let slot, let atoms):
        if !atoms.contains(slotStore[base + slot]) { fail(slot, atoms.map(display).joined(separator: " | ")) }
      case .present(let slot):
        if slotStore[base + slot].isMissing { fail(slot, "a value") }
      case .expression(let expression):
        var context = EvaluationContext(currentBase: base, currentFact: fact)
        if evaluate(expression, &context) != .true {
          failures.append(failure(of: expression, fact: fact, token: nil, slotName: slotName))
        }
      }
    }
    var unstated: Set<String> = []
    return failures.filter { failure in
      guard failure.isUnstated, let slot = failure.slot else { return true }
      return unstated.insert(slot).inserted
    }
  }

  /// The join tests a fact fails against one partial match.
  func failedJoinTests(_ tests: JoinTests, token: Int32, fact: Int32) -> [FailedTest] {
    let base = Int(slotBase[Int(fact)])
    let slotName = slotNamer(of: fact)
    var failures: [FailedTest] = []
    for equality in tests.equalities {
      let left = slotValue(token: token, depth: equality.leftDepth, slot: equality.leftSlot)
      let right = slotStore[base + equality.rightSlot]
      guard left != right || left.isMissing else { continue }
      failures.append(
        FailedTest(
          slot: slotName(equality.rightSlot), actual: symbols.value(right), requirement: display(left),
          comparedWith: factID(of: token, depth: equality.leftDepth)))
    }
    for comparison in tests.comparisons {
      let left = slotValue(token: token, depth: comparison.leftDepth, slot: comparison.leftSlot)
      let right = slotStore[base + comparison.rightSlot]
      guard !compare(right, comparison.operation, left) else { continue }
      failures.append(
        FailedTest(
          slot: slotName(comparison.rightSlot), actual: symbols.value(right),
          requirement: "\(comparison.operation.rawValue) \(display(left))",
          comparedWith: factID(of: token, depth: comparison.leftDepth)))
    }
    for test in tests.others {
      var context = EvaluationContext(currentBase: base, currentFact: fact, token: token)
      if evaluate(test, &context) != .true {
        failures.append(failure(of: test, fact: fact, token: token, slotName: slotName))
      }
    }
    return failures
  }

  /// A failed expression test as a constraint on one slot when it has that shape
  /// (`years >= 2` becomes slot `years`, requirement `>= 2`), else as the whole test.
  private func failure(
    of test: CompiledExpression, fact: Int32, token: Int32?, slotName: @escaping (Int) -> String
  ) -> FailedTest {
    let base = Int(slotBase[Int(fact)])
    if case .binary(let operation, .currentSlot(let slot), let operand) = test, operation.isComparison,
      operand.currentSlotsRead.isEmpty
    {
      return FailedTest(
        slot: slotName(slot), actual: symbols.value(slotStore[base + slot]),
        requirement: "\(operation.rawValue) \(describe(operand, token: token, currentBase: nil))",
        comparedWith: firstFactRead(by: operand, token: token))
    }
    let read = test.currentSlotsRead.sorted()
    let slot = read.count == 1 ? read.first : nil
    return FailedTest(
      slot: slot.map(slotName), actual: slot.flatMap { symbols.value(slotStore[base + $0]) },
      requirement: describe(test, token: token, currentBase: nil, currentNames: slotName),
      comparedWith: firstFactRead(by: test, token: token))
  }

  // MARK: - Describing

  /// An expression as rule text, with the values of a partial match put in for what it reads
  /// from it; the current fact's slots appear by name (or by value, given `currentBase`).
  func describe(
    _ expression: CompiledExpression, token: Int32?, currentBase: Int?,
    currentNames: ((Int) -> String)? = nil
  ) -> String {
    func part(_ operand: CompiledExpression) -> String {
      if case .binary = operand {
        return "(" + describe(operand, token: token, currentBase: currentBase, currentNames: currentNames)
          + ")"
      }
      return describe(operand, token: token, currentBase: currentBase, currentNames: currentNames)
    }
    switch expression {
    case .constant(let atom): return display(atom)
    case .currentSlot(let slot):
      if let currentBase { return display(slotStore[currentBase + slot]) }
      return currentNames?(slot) ?? "slot \(slot)"
    case .currentFact: return "the fact"
    case .tokenSlot(let depth, let slot):
      guard let token else { return "?" }
      return display(slotValue(token: token, depth: depth, slot: slot))
    case .tokenFact(let depth):
      guard let token else { return "?" }
      return FactID(fact(of: token, depth: depth)).description
    case .tokenValue(let depth):
      guard let token else { return "?" }
      return display(value(of: tokens.ancestor(of: token, steps: self.depth(of: token) - depth)))
    case .local(let index): return "local \(index)"
    case .negate(let operand): return "-" + part(operand)
    case .not(let operand): return "not " + part(operand)
    case .binary(let operation, let left, let right):
      return part(left) + " \(operation.rawValue) " + part(right)
    case .call(let function, let arguments):
      return function.rawValue + "(" + arguments.map(part).joined(separator: ", ") + ")"
    case .interpolation(let pieces):
      return "\""
        + pieces.map { piece in
          switch piece {
          case .text(let text): text
          case .expression(let inner):
            "{" + describe(inner, token: token, currentBase: currentBase, currentNames: currentNames) + "}"
          }
        }.joined() + "\""
    }
  }

  private func display(_ atom: Atom) -> String { symbols.value(atom)?.description ?? "unknown" }

  private func slotNamer(of fact: Int32) -> (Int) -> String {
    let stored = Int(fact) < facts.count ? facts[Int(fact)] : nil
    let slots = stored.map { knowledgeBase.vocabulary.templates[$0.template].slots } ?? []
    return { index in index < slots.count ? slots[index].name : "slot \(index)" }
  }

  private func factID(of token: Int32, depth: Int) -> FactID? {
    let id = fact(of: token, depth: depth)
    return id > 0 ? FactID(id) : nil
  }

  private func firstFactRead(by expression: CompiledExpression, token: Int32?) -> FactID? {
    guard let token, let depth = expression.tokenDepthsRead.first else { return nil }
    return factID(of: token, depth: depth)
  }
}

extension CompiledExpression {
  /// The current fact's slots the expression reads.
  var currentSlotsRead: Set<Int> {
    switch self {
    case .currentSlot(let slot): [slot]
    case .negate(let operand), .not(let operand): operand.currentSlotsRead
    case .binary(_, let left, let right): left.currentSlotsRead.union(right.currentSlotsRead)
    case .call(_, let arguments): arguments.reduce(into: []) { $0.formUnion($1.currentSlotsRead) }
    case .interpolation(let pieces):
      pieces.reduce(into: []) { result, piece in
        if case .expression(let inner) = piece { result.formUnion(inner.currentSlotsRead) }
      }
    default: []
    }
  }

  /// The depths of the partial match whose facts the expression reads, in reading order.
  var tokenDepthsRead: [Int] {
    switch self {
    case .tokenSlot(let depth, _), .tokenFact(let depth): [depth]
    case .negate(let operand), .not(let operand): operand.tokenDepthsRead
    case .binary(_, let left, let right): left.tokenDepthsRead + right.tokenDepthsRead
    case .call(_, let arguments): arguments.flatMap(\.tokenDepthsRead)
    case .interpolation(let pieces):
      pieces.flatMap { piece -> [Int] in
        if case .expression(let inner) = piece { return inner.tokenDepthsRead }
        return []
      }
    default: []
    }
  }
}
