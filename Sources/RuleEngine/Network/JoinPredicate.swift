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
  }

  /// Where a compared value comes from.
  struct Operand: Sendable {
    enum Source: UInt8, Sendable {
      case constant, current, token
    }
    var source: Source
    var depth: Int32 = 0
    var slot: Int32 = 0
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

  /// Compiles an expression into `nodes`, returning its root; nil (and `nodes` unchanged)
  /// when it uses anything else, so the evaluator runs it instead.
  static func compile(_ expression: CompiledExpression, into nodes: inout [Node]) -> Int32? {
    var scratch = nodes
    guard let root = add(expression, to: &scratch, depth: 0) else { return nil }
    nodes = scratch
    return root
  }

  private static func add(_ expression: CompiledExpression, to nodes: inout [Node], depth: Int) -> Int32? {
    guard depth < 64 else { return nil }
    switch expression {
    case .binary(let operation, let left, let right) where operation == .and || operation == .or:
      guard let first = add(left, to: &nodes, depth: depth + 1),
        let second = add(right, to: &nodes, depth: depth + 1)
      else { return nil }
      nodes.append(Node(kind: operation == .and ? .and : .or, first: first, second: second))
    case .binary(let operation, let left, let right) where operation.isComparison:
      guard let a = operand(left), let b = operand(right) else { return nil }
      nodes.append(Node(kind: .compare, operation: operation, left: a, right: b))
    case .not(let operand):
      guard let first = add(operand, to: &nodes, depth: depth + 1) else { return nil }
      nodes.append(Node(kind: .not, first: first))
    default:
      return nil
    }
    return Int32(nodes.count - 1)
  }

  private static func operand(_ expression: CompiledExpression) -> Operand? {
    switch expression {
    case .constant(let atom): Operand(source: .constant, constant: atom)
    case .currentSlot(let slot): Operand(source: .current, slot: Int32(slot))
    case .tokenSlot(let depth, let slot) where depth >= 1:
      Operand(source: .token, depth: Int32(depth), slot: Int32(slot))
    default: nil
    }
  }
}

extension InferenceSession {
  /// Runs a compiled join test against a partial match (its row starts at `row`, depth 1
  /// first) and the fact whose slots start at `base`.
  func outcome(of index: Int32, row: Int, base: Int) -> JoinPredicate.Outcome {
    let node = network.predicates[Int(index)]
    switch node.kind {
    case .compare:
      return compareOutcome(
        operandValue(node.left, row: row, base: base), node.operation,
        operandValue(node.right, row: row, base: base))
    case .and:
      let first = outcome(of: node.first, row: row, base: base)
      return first == .isTrue ? outcome(of: node.second, row: row, base: base) : first
    case .or:
      let first = outcome(of: node.first, row: row, base: base)
      return first == .isFalse ? outcome(of: node.second, row: row, base: base) : first
    case .not:
      switch outcome(of: node.first, row: row, base: base) {
      case .isTrue: return .isFalse
      case .isFalse: return .isTrue
      case .failed: return .failed
      }
    }
  }

  @inline(__always)
  private func operandValue(_ operand: JoinPredicate.Operand, row: Int, base: Int) -> Atom {
    switch operand.source {
    case .constant: return operand.constant
    case .current: return slotStore[base + Int(operand.slot)]
    case .token: return slotAt(fact: tokens.rows[row + Int(operand.depth) - 1], slot: Int(operand.slot))
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
