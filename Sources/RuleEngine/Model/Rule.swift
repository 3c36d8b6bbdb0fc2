/// A production rule as the engine runs it: conditions over facts, and actions.
///
/// Built by the language's lowering pass from a `.rules` file, or directly by an embedding
/// program or a test. Variables are still named here; the network builder resolves them to
/// positions in partial matches.
public struct Rule: Hashable, Sendable {
  public let name: String
  public let title: String
  /// The article or document the rule rests on.
  public let source: String
  public let salience: Int
  public let conditions: [Condition]
  public let actions: [Action]
  public let span: SourceSpan

  public init(
    name: String, title: String = "", source: String = "", salience: Int = 0, conditions: [Condition],
    actions: [Action], span: SourceSpan = .synthetic
  ) {
    self.name = name
    self.title = title
    self.source = source
    self.salience = salience
    self.conditions = conditions
    self.actions = actions
    self.span = span
  }
}

/// One condition element of a rule.
public indirect enum Condition: Hashable, Sendable {
  case pattern(Pattern)
  /// No combination of facts matches the group.
  case not([Condition], SourceSpan)
  /// At least one combination matches; the rule matches once however many do.
  case exists([Condition], SourceSpan)
  /// Any one of the alternatives; the rule is split into one production per alternative.
  case either([[Condition]], SourceSpan)
  /// Counts the facts (or distinct value combinations) matching a pattern.
  case count(CountCondition)
  /// A test on variables bound by earlier conditions.
  case test(Expression, SourceSpan)

  public var span: SourceSpan {
    switch self {
    case .pattern(let pattern): pattern.span
    case .not(_, let span), .exists(_, let span), .either(_, let span), .test(_, let span): span
    case .count(let count): count.span
    }
  }
}

/// A pattern over facts of one template.
public struct Pattern: Hashable, Sendable {
  public let template: String
  /// The variable bound to the matched fact itself (`?f <- …`), for retract and modify.
  public let factVariable: String?
  public let constraints: [SlotConstraint]
  /// A test evaluated once the pattern's variables are bound.
  public let filter: Expression?
  public let span: SourceSpan

  public init(
    template: String, factVariable: String? = nil, constraints: [SlotConstraint] = [],
    filter: Expression? = nil,
    span: SourceSpan = .synthetic
  ) {
    self.template = template
    self.factVariable = factVariable
    self.constraints = constraints
    self.filter = filter
    self.span = span
  }
}

/// What one slot of a matched fact must satisfy.
public struct SlotConstraint: Hashable, Sendable {
  public let slot: String
  public let constraint: Constraint
  public let span: SourceSpan

  public init(_ slot: String, _ constraint: Constraint, span: SourceSpan = .synthetic) {
    self.slot = slot
    self.constraint = constraint
    self.span = span
  }
}

/// A constraint on a slot value. `compare(.equal, .variable(x))` binds `x` at its first
/// occurrence and joins on it afterwards.
public indirect enum Constraint: Hashable, Sendable {
  case compare(Comparison, Expression)
  case anyOf([Constraint])
  case allOf([Constraint])

  public static func equals(_ value: Value) -> Constraint { .compare(.equal, .constant(value)) }
  public static func bind(_ variable: String) -> Constraint { .compare(.equal, .variable(variable)) }
}

/// Comparison operators shared by constraints and expressions.
public enum Comparison: String, Hashable, Sendable, CaseIterable {
  case equal = "="
  case notEqual = "!="
  case less = "<"
  case lessOrEqual = "<="
  case greater = ">"
  case greaterOrEqual = ">="
}

/// `count pattern distinct ?a as ?n where …`
public struct CountCondition: Hashable, Sendable {
  public let pattern: Pattern
  public let distinct: [String]
  public let result: String
  public let filter: Expression?
  public let span: SourceSpan

  public init(
    pattern: Pattern, distinct: [String] = [], result: String, filter: Expression? = nil,
    span: SourceSpan = .synthetic
  ) {
    self.pattern = pattern
    self.distinct = distinct
    self.result = result
    self.filter = filter
    self.span = span
  }
}

/// An expression over constants and variables.
public indirect enum Expression: Hashable, Sendable {
  case constant(Value)
  case variable(String)
  case negate(Expression)
  case not(Expression)
  case binary(BinaryOperation, Expression, Expression)
  case call(BuiltinFunction, [Expression])
  /// A string with `{?var}` pieces filled in.
  case interpolation([StringPiece])

  /// Every variable the expression reads.
  public var variables: [String] {
    switch self {
    case .constant: []
    case .variable(let name): [name]
    case .negate(let operand), .not(let operand): operand.variables
    case .binary(_, let left, let right): left.variables + right.variables
    case .call(_, let arguments): arguments.flatMap(\.variables)
    case .interpolation(let pieces):
      pieces.compactMap { piece in
        if case .variable(let name) = piece { return name }
        return nil
      }
    }
  }
}

public enum StringPiece: Hashable, Sendable {
  case text(String)
  case variable(String)
}

public enum BinaryOperation: String, Hashable, Sendable {
  case or
  case and
  case equal = "="
  case notEqual = "!="
  case less = "<"
  case lessOrEqual = "<="
  case greater = ">"
  case greaterOrEqual = ">="
  case add = "+"
  case subtract = "-"
  case multiply = "*"
  case divide = "/"
  case remainder = "%"
}

/// One action of a rule.
public enum Action: Hashable, Sendable {
  /// A fact that stays until retracted.
  case assert(FactTemplate, SourceSpan)
  /// A fact that holds only while the rule's match holds (logical support).
  case derive(FactTemplate, SourceSpan)
  case retract([String], SourceSpan)
  case modify(String, [(slot: String, value: Expression)], SourceSpan)
  /// A contribution to a diagnosis, with a certainty factor in -1…1 and a reason.
  case suspect(diagnosis: String, certainty: Expression, because: Expression?, SourceSpan)
  case print([Expression], newline: Bool, SourceSpan)
  case bind(String, Expression, SourceSpan)
  /// `if test { … } else { … }`: the actions of the first branch whose test holds.
  case conditional(Expression, [Action], [Action], SourceSpan)
  case halt(SourceSpan)

  public var span: SourceSpan {
    switch self {
    case .assert(_, let span), .derive(_, let span), .retract(_, let span), .modify(_, _, let span),
      .suspect(_, _, _, let span), .print(_, _, let span), .bind(_, _, let span),
      .conditional(_, _, _, let span),
      .halt(let span):
      span
    }
  }

  public static func == (lhs: Action, rhs: Action) -> Bool {
    switch (lhs, rhs) {
    case (.assert(let a, let s), .assert(let b, let t)), (.derive(let a, let s), .derive(let b, let t)):
      a == b && s == t
    case (.retract(let a, let s), .retract(let b, let t)): a == b && s == t
    case (.modify(let a, let x, let s), .modify(let b, let y, let t)):
      a == b && s == t && x.map(\.slot) == y.map(\.slot) && x.map(\.value) == y.map(\.value)
    case (.suspect(let a, let c, let w, let s), .suspect(let b, let d, let x, let t)):
      a == b && c == d && w == x && s == t
    case (.print(let a, let n, let s), .print(let b, let m, let t)): a == b && n == m && s == t
    case (.bind(let a, let e, let s), .bind(let b, let f, let t)): a == b && e == f && s == t
    case (.conditional(let a, let x, let y, let s), .conditional(let b, let z, let w, let t)):
      a == b && x == z && y == w && s == t
    case (.halt(let s), .halt(let t)): s == t
    default: false
    }
  }

  public func hash(into hasher: inout Hasher) { hasher.combine(span) }
}

/// A fact to build in an action: slot values computed from expressions.
public struct FactTemplate: Hashable, Sendable {
  public let template: String
  public let values: [SlotValue]
  public init(template: String, values: [SlotValue]) {
    self.template = template
    self.values = values
  }
}

public struct SlotValue: Hashable, Sendable {
  public let slot: String
  public let value: Expression
  public init(_ slot: String, _ value: Expression) {
    self.slot = slot
    self.value = value
  }
}
