import RuleEngine

extension LiteralValue {
  /// The engine value a literal stands for.
  public var value: Value {
    switch self {
    case .symbol(let name): .symbol(name)
    case .string(let text): .string(text)
    case .number(let number): .number(number)
    case .boolean(let flag): .boolean(flag)
    }
  }
}
