/// Identifies a fact; also its time tag: a later fact has a larger identifier.
public struct FactID: Hashable, Sendable, Comparable, CustomStringConvertible {
  public let rawValue: Int32
  public init(_ rawValue: Int32) { self.rawValue = rawValue }
  public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
  public var description: String { "f-\(rawValue)" }
}

/// Why a fact is in working memory.
public enum FactOrigin: Hashable, Sendable {
  /// Stated in a case file or asserted through the API; stays until retracted.
  case stated(SourceSpan)
  /// Asserted by a rule's `assert` action; stays until retracted.
  case asserted(rule: String)
  /// Derived by a rule's `derive` action; withdrawn when no match supports it any more.
  case derived(rule: String)
}

/// A fact in working memory, as the engine stores it. Its slot values live in the session's
/// slot store (``InferenceSession/slots(of:)``).
struct StoredFact {
  let id: FactID
  let template: Int
  var certainty: Double
  let origin: FactOrigin
  /// Whether something other than logical support holds the fact (a case, the API, `assert`).
  var unconditional: Bool
  /// How many current matches support it through `derive`.
  var supportCount: Int
}

/// A read-only view of a fact for embedders, explanations and tests.
public struct Fact: Hashable, Sendable {
  public let id: FactID
  public let template: String
  /// Slot values by slot name, in template order; unstated slots are absent.
  public let slots: [(name: String, value: Value)]
  public let certainty: Double
  public let origin: FactOrigin

  public func value(_ slot: String) -> Value? { slots.first { $0.name == slot }?.value }

  public static func == (lhs: Fact, rhs: Fact) -> Bool {
    lhs.id == rhs.id && lhs.template == rhs.template && lhs.certainty == rhs.certainty
      && lhs.origin == rhs.origin && lhs.slots.map(\.name) == rhs.slots.map(\.name)
      && lhs.slots.map(\.value) == rhs.slots.map(\.value)
  }

  public func hash(into hasher: inout Hasher) { hasher.combine(id) }

  /// The fact as written in a case file: `group(name: "x", support: polite)`.
  public var description: String {
    "\(template)(" + slots.map { "\($0.name): \($0.value)" }.joined(separator: ", ") + ")"
  }
}
