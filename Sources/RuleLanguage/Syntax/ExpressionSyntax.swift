import RuleEngine

/// An expression in a test, a constraint or an action.
public indirect enum ExpressionSyntax: Sendable, Hashable {
  case literal(LiteralSyntax)
  case string(StringLiteralSyntax)
  case variable(VariableSyntax)
  case unary(UnaryOperator, ExpressionSyntax, SourceSpan)
  case binary(BinaryOperator, ExpressionSyntax, ExpressionSyntax, SourceSpan)
  case call(NameSyntax, [ExpressionSyntax], SourceSpan)

  public var span: SourceSpan {
    switch self {
    case .literal(let literal): literal.span
    case .string(let string): string.span
    case .variable(let variable): variable.span
    case .unary(_, _, let span), .binary(_, _, _, let span), .call(_, _, let span): span
    }
  }

  /// Every variable the expression reads, in source order.
  public var variables: [VariableSyntax] {
    switch self {
    case .literal: []
    case .string(let string):
      string.parts.compactMap { part in
        if case .variable(let variable) = part { return variable }
        return nil
      }
    case .variable(let variable): [variable]
    case .unary(_, let operand, _): operand.variables
    case .binary(_, let left, let right, _): left.variables + right.variables
    case .call(_, let arguments, _): arguments.flatMap(\.variables)
    }
  }
}

public enum UnaryOperator: String, Sendable, Hashable {
  case negate = "-"
  case not = "not"
}

public enum BinaryOperator: String, Sendable, Hashable, CaseIterable {
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

  /// Binding strength: higher binds tighter.
  public var precedence: Int {
    switch self {
    case .or: 1
    case .and: 2
    case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: 4
    case .add, .subtract: 5
    case .multiply, .divide, .remainder: 6
    }
  }

  public init?(_ comparison: ComparisonOperator) {
    self.init(rawValue: comparison.rawValue)
  }
}
