/// The functions rule expressions may call. The language offers nothing that reaches
/// outside the engine: no files, processes, network or clock.
public enum BuiltinFunction: String, Sendable, CaseIterable {
  case abs
  case min
  case max
  case floor
  case ceil
  case round
  case sqrt
  case atan2
  case pi
  case concat
  case str

  /// How many arguments the function takes.
  public var arity: ClosedRange<Int> {
    switch self {
    case .abs, .floor, .ceil, .round, .sqrt, .str: 1...1
    case .atan2: 2...2
    case .pi: 0...0
    case .min, .max: 1...Int.max
    case .concat: 0...Int.max
    }
  }

  public var signature: String {
    switch self {
    case .abs, .floor, .ceil, .round, .sqrt: "\(rawValue)(x)"
    case .str: "str(value)"
    case .atan2: "atan2(y, x)"
    case .pi: "pi()"
    case .min, .max: "\(rawValue)(x, y, …)"
    case .concat: "concat(a, b, …)"
    }
  }
}
