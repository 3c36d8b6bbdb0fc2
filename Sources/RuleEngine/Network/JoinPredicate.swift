/// Join tests the matcher runs without the evaluator: comparisons between slots (of the
/// arriving fact or of the partial match) and constants, combined with `and`, `or` and `not`.
///
/// Such tests (`value: ?v1 | ?v2`, `test ?r1 != ?r2 or ?c1 != ?c2`) are most of what the
/// classic benchmarks join on. Evaluating them as expression trees walks indirect enums and
/// builds an evaluation context each time; here they are plain records in one array, and
/// they give exactly the evaluator's answer, errors included (an ordering between values
/// that are not numbers fails the whole test, even under `or`).
struct JoinPredicate: Sendable {
  enum Kind: UInt8, Sendable {
    case compare, and, or, not
    /// `left` equals one of the `right` operands of the `second` nodes from `first` on: an
    /// `or` of equalities of one slot (`value: ?v1 | ?v2 | ?v3`), tested in one pass.
    case anyEqual
  }

  /// Where a compared value comes from.
  struct Operand: Sendable {
    enum Source: UInt8, Sendable {
      /// `constant`.
      case constant
      /// Slot `index` of the fact being joined.
      case current
      /// Value `index` of the node's left operands (read from the partial match beforehand).
      case left
    }
    var source: Source
    var index: Int32 = 0
    var constant: Atom = .missing
  }

  struct Node: Sendable {
    var kind: Kind
    var operation: BinaryOperation = .equal
    var left = Operand(source: .constant)
    var right = Operand(source: .constant)
    /// Operands of `and`, `or` (both) and `not` (the first), as indexes in the same array.
    var first: Int32 = -1
    var second: Int32 = -1
  }

  /// The outcome of a test: the evaluator's true, false or failure.
  enum Outcome: UInt8 {
    case isFalse, isTrue, failed
  }

  /// Compiles an expression into `nodes`, returning its root; nil (and nothing changed) when
  /// it uses anything else, so the evaluator runs it instead. The partial-match values it
  /// reads are appended to `leftOperands`.
  static func compile(
    _ expression: CompiledExpression, into nodes: inout [Node], leftOperands: inout [NodeTable.LeftOperand]
  ) -> Int32? {
    var compiler = Compiler(nodes: nodes, leftOperands: leftOperands)
    guard let root = compiler.add(expression, depth: 0) else { return nil }
    nodes = compiler.nodes
    leftOperands = compiler.leftOperands
    return root
  }

  private struct Compiler {
    var nodes: [Node]
    var leftOperands: [NodeTable.LeftOperand]

    mutating func add(_ expression: CompiledExpression, depth: Int) -> Int32? {
      guard depth < 64 else { return nil }
      if let alternatives = equalityAlternatives(expression) { return addAnyEqual(alternatives) }
      switch expression {
      case .binary(let operation, let left, let right) where operation == .and || operation == .or:
        guard let first = add(left, depth: depth + 1), let second = add(right, depth: depth + 1) else {
          return nil
        }
        nodes.append(Node(kind: operation == .and ? .and : .or, first: first, second: second))
      case .binary(let operation, let left, let right) where operation.isComparison:
        guard let a = operand(left), let b = operand(right) else { return nil }
        nodes.append(Node(kind: .compare, operation: operation, left: a, right: b))
      case .not(let operand):
        guard let first = add(operand, depth: depth + 1) else { return nil }
        nodes.append(Node(kind: .not, first: first))
      default:
        return nil
      }
      return Int32(nodes.count - 1)
    }

    /// `s = a or s = b or …` (either way round, two or more) as the slot and the alternatives.
    private func equalityAlternatives(_ expression: CompiledExpression)
      -> (slot: Int, values: [CompiledExpression])?
    {
      var pending = [expression]
      var slot: Int?
      var values: [CompiledExpression] = []
      while let next = pending.popLast() {
        switch next {
        case .binary(.or, let left, let right):
          guard pending.count + values.count < 64 else { return nil }
          pending.append(right)
          pending.append(left)
        case .binary(.equal, .currentSlot(let current), let other),
          .binary(.equal, let other, .currentSlot(let current)):
          guard slot == nil || slot == current else { return nil }
          switch other {
          case .constant, .tokenSlot: break
          default: return nil
          }
          slot = current
          values.append(other)
        default:
          return nil
        }
      }
      guard let slot, values.count >= 2 else { return nil }
      return (slot, values)
    }

    private mutating func addAnyEqual(_ alternatives: (slot: Int, values: [CompiledExpression])) -> Int32? {
      var operands: [Operand] = []
      for value in alternatives.values {
        guard let resolved = operand(value) else { return nil }
        operands.append(resolved)
      }
      let first = Int32(nodes.count)
      for resolved in operands { nodes.append(Node(kind: .compare, right: resolved)) }
      nodes.append(
        Node(
          kind: .anyEqual, left: Operand(source: .current, index: Int32(alternatives.slot)), first: first,
          second: Int32(operands.count)))
      return Int32(nodes.count - 1)
    }

    private mutating func operand(_ expression: CompiledExpression) -> Operand? {
      switch expression {
      case .constant(let atom):
        return Operand(source: .constant, constant: atom)
      case .currentSlot(let slot):
        return Operand(source: .current, index: Int32(slot))
      case .tokenSlot(let depth, let slot) where depth >= 1:
        leftOperands.append(NodeTable.LeftOperand(depth: Int32(depth), slot: Int32(slot)))
        return Operand(source: .left, index: Int32(leftOperands.count - 1))
      default:
        return nil
      }
    }
  }
}

extension InferenceSession {
  /// Runs a compiled join test against a node's left operands (read from the partial match)
  /// and the fact whose slots start at `base`.
  func outcome(of index: Int32, left: UnsafePointer<Atom>, base: Int) -> JoinPredicate.Outcome {
    let node = network.predicates[Int(index)]
    switch node.kind {
    case .compare:
      return compareOutcome(
        operandValue(node.left, left: left, base: base), node.operation,
        operandValue(node.right, left: left, base: base))
    case .and:
      let first = outcome(of: node.first, left: left, base: base)
      return first == .isTrue ? outcome(of: node.second, left: left, base: base) : first
    case .or:
      let first = outcome(of: node.first, left: left, base: base)
      return first == .isFalse ? outcome(of: node.second, left: left, base: base) : first
    case .not:
      switch outcome(of: node.first, left: left, base: base) {
      case .isTrue: return .isFalse
      case .isFalse: return .isTrue
      case .failed: return .failed
      }
    case .anyEqual:
      // An equality never fails; one with an unknown value is false.
      let value = operandValue(node.left, left: left, base: base)
      guard !value.isMissing else { return .isFalse }
      for offset in 0..<Int(node.second)
      where operandValue(network.predicates[Int(node.first) + offset].right, left: left, base: base) == value
      {
        return .isTrue
      }
      return .isFalse
    }
  }

  @inline(__always)
  private func operandValue(_ operand: JoinPredicate.Operand, left: UnsafePointer<Atom>, base: Int) -> Atom {
    switch operand.source {
    case .constant: return operand.constant
    case .current: return slotStore[base + Int(operand.index)]
    case .left: return left[Int(operand.index)]
    }
  }

  /// A comparison exactly as `binary` in Evaluation.swift makes it.
  @inline(__always)
  private func compareOutcome(_ a: Atom, _ operation: BinaryOperation, _ b: Atom) -> JoinPredicate.Outcome {
    switch operation {
    case .equal: return a == b && !a.isMissing ? .isTrue : .isFalse
    case .notEqual: return a != b && !a.isMissing && !b.isMissing ? .isTrue : .isFalse
    default:
      guard let x = a.number, let y = b.number else { return a.isMissing || b.isMissing ? .isFalse : .failed }
      let holds =
        switch operation {
        case .less: x < y
        case .lessOrEqual: x <= y
        case .greater: x > y
        default: x >= y
        }
      return holds ? .isTrue : .isFalse
    }
  }
}
