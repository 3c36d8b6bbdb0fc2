/// A slot value inside the engine: eight bytes, compared and hashed as one integer.
///
/// Numbers are stored as their IEEE-754 bits (with -0 folded into +0); symbols, strings,
/// booleans and "missing" live in the quiet-NaN space, tagged, with an interned identifier
/// as payload. So matching never compares strings, and an atom hashes in one step.
public struct Atom: Hashable, Sendable, BitwiseCopyable {
  public let bits: UInt64

  private static let tagShift: UInt64 = 48
  private static let boxBase: UInt64 = 0x7FF8_0000_0000_0000
  private static let tagMask: UInt64 = 0x0007_0000_0000_0000

  enum Tag: UInt64 {
    case symbol = 1
    case string = 2
    case boolean = 3
    case missing = 4
  }

  init(bits: UInt64) { self.bits = bits }

  private init(tag: Tag, payload: UInt32) {
    bits = Atom.boxBase | (tag.rawValue << Atom.tagShift) | UInt64(payload)
  }

  /// A number; nil for NaN, which no rule can produce meaningfully.
  public static func number(_ value: Double) -> Atom? {
    guard !value.isNaN else { return nil }
    return Atom(bits: (value == 0 ? 0 : value).bitPattern)
  }

  static func symbol(_ id: UInt32) -> Atom { Atom(tag: .symbol, payload: id) }
  static func string(_ id: UInt32) -> Atom { Atom(tag: .string, payload: id) }
  public static let `true` = Atom(tag: .boolean, payload: 1)
  public static let `false` = Atom(tag: .boolean, payload: 0)
  /// An unstated slot: it matches no constraint.
  public static let missing = Atom(tag: .missing, payload: 0)

  static func boolean(_ flag: Bool) -> Atom { flag ? .true : .false }

  var tag: Tag? {
    guard bits & Atom.boxBase == Atom.boxBase, bits & Atom.tagMask != 0 else { return nil }
    return Tag(rawValue: (bits & Atom.tagMask) >> Atom.tagShift)
  }

  var payload: UInt32 { UInt32(truncatingIfNeeded: bits) }

  public var isNumber: Bool { tag == nil }
  public var isMissing: Bool { self == .missing }

  /// The number, if this atom is one.
  public var number: Double? { tag == nil ? Double(bitPattern: bits) : nil }
}

/// Interns the symbols and strings of one engine so that atoms can stand for them.
///
/// A knowledge base holds the table of its rules' constants; each session starts from a
/// copy and adds the names its facts bring.
public struct SymbolTable: Sendable {
  private var names: [String] = []
  private var identifiers: [String: UInt32] = [:]

  public init() {}

  mutating func intern(_ name: String) -> UInt32 {
    if let existing = identifiers[name] { return existing }
    let identifier = UInt32(names.count)
    names.append(name)
    identifiers[name] = identifier
    return identifier
  }

  func lookup(_ name: String) -> UInt32? { identifiers[name] }

  func name(_ identifier: UInt32) -> String {
    Int(identifier) < names.count ? names[Int(identifier)] : "?"
  }

  /// The atom for a value, interning names as needed.
  mutating func atom(_ value: Value) -> Atom {
    switch value {
    case .symbol(let name): .symbol(intern(name))
    case .string(let text): .string(intern(text))
    case .number(let number): Atom.number(number) ?? .missing
    case .boolean(let flag): .boolean(flag)
    }
  }

  /// The atom for a value if every name in it is already known; used where interning
  /// would be pointless (a lookup for a name nothing can match).
  func existingAtom(_ value: Value) -> Atom? {
    switch value {
    case .symbol(let name): lookup(name).map(Atom.symbol)
    case .string(let text): lookup(text).map(Atom.string)
    case .number(let number): Atom.number(number)
    case .boolean(let flag): .boolean(flag)
    }
  }

  /// The public value of an atom; nil for a missing slot.
  public func value(_ atom: Atom) -> Value? {
    switch atom.tag {
    case nil: .number(Double(bitPattern: atom.bits))
    case .symbol: .symbol(name(atom.payload))
    case .string: .string(name(atom.payload))
    case .boolean: .boolean(atom.payload != 0)
    case .missing: nil
    }
  }

  /// Text for `print` and string interpolation.
  func display(_ atom: Atom) -> String {
    value(atom)?.displayText ?? "unknown"
  }
}
