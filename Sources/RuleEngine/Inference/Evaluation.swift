/// What an expression can read: the fact being tested, a partial match, a fired match's
/// snapshot, and the locals of `let`.
struct EvaluationContext {
  /// Where the slots of the fact being tested start in the session's slot store.
  var currentBase = 0
  var currentFact: Int32 = TokenStore.none
  var token: Int32 = TokenStore.none
  /// Facts and values of a fired match by depth, copied before its actions run, so that
  /// actions that retract its own facts do not change what its variables read.
  var snapshotFacts: [Int32]?
  var snapshotValues: [Atom] = []
  var locals: [Atom] = []
  /// Facts a fired rule modified, by depth: its fact variable now names the new fact, while
  /// the values its patterns bound keep reading the matched one (as in CLIPS).
  var replacedFacts: [Int: Int32] = [:]
  /// Why the last evaluation failed.
  var failure: String?
}

extension InferenceSession {
  /// Evaluates an expression; nil when it fails (the reason is left in `context.failure`).
  func evaluate(_ expression: CompiledExpression, _ context: inout EvaluationContext) -> Atom? {
    switch expression {
    case .constant(let atom): return atom
    case .currentSlot(let slot): return slotStore[context.currentBase + slot]
    case .currentFact: return Atom.number(Double(context.currentFact))
    case .tokenSlot(let depth, let slot):
      if let snapshot = context.snapshotFacts {
        let id = depth < snapshot.count ? snapshot[depth] : TokenStore.none
        guard id > 0 else { return .missing }
        return slotStore[Int(slotBase[Int(id)]) + slot]
      }
      return slotValue(token: context.token, depth: depth, slot: slot)
    case .tokenFact(let depth):
      let id =
        context.replacedFacts[depth]
        ?? context.snapshotFacts.map { depth < $0.count ? $0[depth] : TokenStore.none }
        ?? fact(of: context.token, depth: depth)
      return Atom.number(Double(id))
    case .tokenValue(let depth):
      if context.snapshotFacts != nil {
        return depth < context.snapshotValues.count ? context.snapshotValues[depth] : .missing
      }
      return value(of: tokens.ancestor(of: context.token, steps: self.depth(of: context.token) - depth))
    case .local(let index): return index < context.locals.count ? context.locals[index] : .missing
    case .negate(let operand):
      guard let value = evaluate(operand, &context) else { return nil }
      guard let number = value.number else {
        return fail("'-' needs a number, not \(describe(value))", &context)
      }
      return Atom.number(-number)
    case .not(let operand):
      guard let value = evaluate(operand, &context) else { return nil }
      guard value == .true || value == .false else {
        return fail("'not' needs true or false, not \(describe(value))", &context)
      }
      return .boolean(value == .false)
    case .binary(let operation, let left, let right):
      return binary(operation, left, right, &context)
    case .call(let function, let arguments):
      var values: [Atom] = []
      for argument in arguments {
        guard let value = evaluate(argument, &context) else { return nil }
        values.append(value)
      }
      return call(function, values, &context)
    case .interpolation(let pieces):
      var text = ""
      for piece in pieces {
        switch piece {
        case .text(let literal): text += literal
        case .expression(let expression):
          guard let value = evaluate(expression, &context) else { return nil }
          text += symbols.display(value)
        }
      }
      return .string(symbols.intern(text))
    }
  }

  private func binary(
    _ operation: BinaryOperation, _ left: CompiledExpression, _ right: CompiledExpression,
    _ context: inout EvaluationContext
  ) -> Atom? {
    guard let a = evaluate(left, &context) else { return nil }
    switch operation {
    case .and, .or:
      guard a == .true || a == .false else {
        return fail("'\(operation.rawValue)' needs true or false, not \(describe(a))", &context)
      }
      if operation == .and && a == .false { return .false }
      if operation == .or && a == .true { return .true }
      guard let b = evaluate(right, &context) else { return nil }
      guard b == .true || b == .false else {
        return fail("'\(operation.rawValue)' needs true or false, not \(describe(b))", &context)
      }
      return b
    default:
      break
    }
    guard let b = evaluate(right, &context) else { return nil }
    switch operation {
    case .equal: return .boolean(a == b && !a.isMissing)
    case .notEqual: return .boolean(a != b && !a.isMissing && !b.isMissing)
    default: break
    }
    guard let x = a.number, let y = b.number else {
      if a.isMissing || b.isMissing { return .false }
      return fail("'\(operation.rawValue)' needs numbers, not \(describe(a)) and \(describe(b))", &context)
    }
    switch operation {
    case .less: return .boolean(x < y)
    case .lessOrEqual: return .boolean(x <= y)
    case .greater: return .boolean(x > y)
    case .greaterOrEqual: return .boolean(x >= y)
    case .add: return Atom.number(x + y)
    case .subtract: return Atom.number(x - y)
    case .multiply: return Atom.number(x * y)
    case .divide:
      guard y != 0 else { return fail("division by zero", &context) }
      return Atom.number(x / y)
    case .remainder:
      guard y != 0 else { return fail("remainder by zero", &context) }
      return Atom.number(x.truncatingRemainder(dividingBy: y))
    default: return nil
    }
  }

  private func call(_ function: BuiltinFunction, _ values: [Atom], _ context: inout EvaluationContext)
    -> Atom?
  {
    func numbers() -> [Double]? {
      let converted = values.compactMap(\.number)
      return converted.count == values.count ? converted : nil
    }
    switch function {
    case .concat:
      return .string(symbols.intern(values.map { symbols.display($0) }.joined()))
    case .str:
      return .string(symbols.intern(values.first.map { symbols.display($0) } ?? ""))
    case .pi:
      return Atom.number(Double.pi)
    default:
      break
    }
    guard let arguments = numbers(), let first = arguments.first else {
      return fail("'\(function.rawValue)' needs numbers", &context)
    }
    switch function {
    case .abs: return Atom.number(Swift.abs(first))
    case .min: return Atom.number(arguments.min() ?? first)
    case .max: return Atom.number(arguments.max() ?? first)
    case .floor: return Atom.number(first.rounded(.down))
    case .ceil: return Atom.number(first.rounded(.up))
    case .round: return Atom.number(first.rounded(.toNearestOrAwayFromZero))
    case .sqrt:
      guard first >= 0 else { return fail("square root of a negative number", &context) }
      return Atom.number(first.squareRoot())
    case .atan2:
      return Atom.number(atan2(first, arguments.count > 1 ? arguments[1] : 1))
    default: return nil
    }
  }

  private func fail(_ message: String, _ context: inout EvaluationContext) -> Atom? {
    context.failure = message
    return nil
  }

  func describe(_ atom: Atom) -> String { symbols.value(atom)?.description ?? "an unknown value" }
}
