/// An expression with its variables resolved to places in a partial match.
///
/// "Current" means the fact being tested against a pattern (in an alpha memory, or the
/// fact arriving at a join); "token" places are facts and values already in the partial match,
/// addressed by depth (1 for the first pattern's fact).
indirect enum CompiledExpression: Hashable, Sendable {
  case constant(Atom)
  case currentSlot(Int)
  case currentFact
  case tokenSlot(depth: Int, slot: Int)
  case tokenFact(depth: Int)
  case tokenValue(depth: Int)
  case local(Int)
  case negate(CompiledExpression)
  case not(CompiledExpression)
  case binary(BinaryOperation, CompiledExpression, CompiledExpression)
  case call(BuiltinFunction, [CompiledExpression])
  case interpolation([CompiledPiece])

  /// Whether the expression reads the partial match (so it must run at a join, not in the alpha network).
  var readsToken: Bool {
    switch self {
    case .constant, .currentSlot, .currentFact: false
    case .tokenSlot, .tokenFact, .tokenValue, .local: true
    case .negate(let operand), .not(let operand): operand.readsToken
    case .binary(_, let left, let right): left.readsToken || right.readsToken
    case .call(_, let arguments): arguments.contains { $0.readsToken }
    case .interpolation(let pieces):
      pieces.contains { piece in
        if case .expression(let expression) = piece { return expression.readsToken }
        return false
      }
    }
  }

  /// The deepest token position the expression reads, or 0.
  var deepestTokenRead: Int {
    switch self {
    case .tokenSlot(let depth, _), .tokenFact(let depth), .tokenValue(let depth): depth
    case .negate(let operand), .not(let operand): operand.deepestTokenRead
    case .binary(_, let left, let right): max(left.deepestTokenRead, right.deepestTokenRead)
    case .call(_, let arguments): arguments.map(\.deepestTokenRead).max() ?? 0
    case .interpolation(let pieces):
      pieces.map { piece in
        if case .expression(let expression) = piece { return expression.deepestTokenRead }
        return 0
      }.max() ?? 0
    default: 0
    }
  }
}

enum CompiledPiece: Hashable, Sendable {
  case text(String)
  case expression(CompiledExpression)
}

/// A single-fact test in the alpha network.
enum AlphaTest: Hashable, Sendable {
  case equals(slot: Int, Atom)
  case notEquals(slot: Int, Atom)
  case oneOf(slot: Int, [Atom])
  /// The slot is stated (not missing): required wherever a pattern binds or compares it.
  case present(slot: Int)
  case expression(CompiledExpression)
}

/// Tests a join makes between a partial match and a fact. Equalities on slots are hashed so
/// that a join looks up matching partners instead of scanning the opposite memory.
struct JoinTests: Hashable, Sendable {
  struct Equality: Hashable, Sendable {
    let leftDepth: Int
    let leftSlot: Int
    let rightSlot: Int
  }
  /// `slot op (slot of an earlier fact)` with a comparison other than equality: the most
  /// common non-hashable join test (`!= ?c`, `< ?id`), checked without the evaluator.
  struct Comparison: Hashable, Sendable {
    let operation: BinaryOperation
    let rightSlot: Int
    let leftDepth: Int
    let leftSlot: Int
  }
  var equalities: [Equality] = []
  var comparisons: [Comparison] = []
  var others: [CompiledExpression] = []

  var isEmpty: Bool { equalities.isEmpty && comparisons.isEmpty && others.isEmpty }

  /// Files a join test where it runs fastest: simple slot comparisons apart, the rest for
  /// the evaluator.
  mutating func add(_ test: CompiledExpression) {
    if case .binary(let operation, .currentSlot(let right), .tokenSlot(let depth, let left)) = test,
      operation.isComparison
    {
      comparisons.append(Comparison(operation: operation, rightSlot: right, leftDepth: depth, leftSlot: left))
    } else {
      others.append(test)
    }
  }
}

extension BinaryOperation {
  var isComparison: Bool {
    switch self {
    case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: true
    default: false
    }
  }
}
