/// The declared shape of one kind of fact: its slots and what each may hold.
public struct Template: Hashable, Sendable {
  public let name: String
  public let slots: [Slot]
  public let span: SourceSpan

  public init(name: String, slots: [Slot], span: SourceSpan = .synthetic) {
    self.name = name
    self.slots = slots
    self.span = span
  }

  public func slot(named name: String) -> Slot? { slots.first { $0.name == name } }
  public func slotIndex(named name: String) -> Int? { slots.firstIndex { $0.name == name } }
}

/// One slot of a template.
public struct Slot: Hashable, Sendable {
  public let name: String
  public let type: SlotType
  /// The value a fact gets when it does not give one; nil leaves the slot unknown.
  public let defaultValue: Value?
  public let span: SourceSpan

  public init(name: String, type: SlotType, defaultValue: Value? = nil, span: SourceSpan = .synthetic) {
    self.name = name
    self.type = type
    self.defaultValue = defaultValue
    self.span = span
  }
}

/// What a slot may hold.
public enum SlotType: Hashable, Sendable, CustomStringConvertible {
  case string
  case number
  case symbol
  case boolean
  case any
  /// One of a closed set of symbols.
  case oneOf([String])

  /// Whether a value fits, and if not, why.
  public func accepts(_ value: Value) -> Bool {
    switch (self, value) {
    case (.any, _), (.string, .string), (.number, .number), (.symbol, .symbol), (.boolean, .boolean): true
    case (.oneOf(let allowed), .symbol(let name)): allowed.contains(name)
    default: false
    }
  }

  public var isOrdered: Bool {
    switch self {
    case .number, .any: true
    default: false
    }
  }

  public var description: String {
    switch self {
    case .string: "string"
    case .number: "number"
    case .symbol: "symbol"
    case .boolean: "boolean"
    case .any: "any"
    case .oneOf(let values): values.joined(separator: " | ")
    }
  }
}
