import RuleEngine

/// A syntax tree written out without source positions: two files with equal dumps mean the
/// same, whatever their layout. The formatter compares the dumps of its input and its output.
///
/// A fact's named values are listed by slot name, since their order means nothing (the
/// formatter puts them in the template's order); everything else keeps its order. The walk
/// recurses as deeply as the tree, which the parser bounds.
public enum SyntaxDump {
  public static func dump(_ file: RuleFileSyntax) -> String {
    var out = ""
    for declaration in file.declarations {
      switch declaration {
      case .template(let template):
        out += "(template \(template.name.text)"
        for slot in template.slots {
          out += " (slot \(slot.name.text) "
          switch slot.type {
          case .basic(let basic, _): out += basic.rawValue
          case .enumeration(let values): out += "(one-of " + values.map(\.text).joined(separator: " ") + ")"
          }
          if let value = slot.defaultValue { out += " (default " + literal(value) + ")" }
          out += ")"
        }
        out += ")\n"
      case .diagnosis(let diagnosis):
        out += "(diagnosis \(diagnosis.name.text)" + diagnosis.properties.map(property).joined() + ")\n"
      case .ask(let ask):
        out += "(ask \(ask.template.text).\(ask.slot.text) \(string(ask.question)))\n"
      case .rule(let rule):
        out += "(rule \(rule.name.text) " + (rule.title.map(string) ?? "-")
        out += rule.properties.map(property).joined()
        out += " (when" + rule.conditions.map { " " + condition($0) }.joined() + ")"
        out += " (then" + rule.actions.map { " " + action($0) }.joined() + "))\n"
      }
    }
    return out
  }

  public static func dump(_ file: FactFileSyntax) -> String {
    var out = ""
    for fact in file.facts {
      let positional = fact.values.filter { $0.label == nil }.map { literal($0.value) }
      let named = fact.values.compactMap { value in value.label.map { ($0.text, literal(value.value)) } }
        .enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }
        .map { "\($0.element.0): \($0.element.1)" }
      out += "(fact \(fact.kind.text) " + (positional + named).joined(separator: ", ")
      out += fact.certainty.map { " (certainty \(literal($0)))" } ?? ""
      out += ")\n"
    }
    for expectation in file.expectations {
      out += "(expect \(expectation.outcome.rawValue) \(expectation.diagnosis.text)"
      if let (comparison, value) = expectation.bound { out += " \(comparison.rawValue) \(literal(value))" }
      out += ")\n"
    }
    return out
  }

  // MARK: - Pieces

  private static func literal(_ literal: LiteralSyntax) -> String {
    switch literal.value {
    case .symbol(let symbol): "'\(symbol)"
    case .string(let string): quoted(string)
    case .number(let number): "\(number)"
    case .boolean(let boolean): "\(boolean)"
    }
  }

  private static func quoted(_ text: String) -> String {
    "\"" + text.replacingEvery("\\", with: "\\\\").replacingEvery("\"", with: "\\\"") + "\""
  }

  private static func string(_ string: StringLiteralSyntax) -> String {
    "(string"
      + string.parts.map { part in
        switch part {
        case .text(let text): " " + quoted(text)
        case .variable(let variable): " ?" + variable.name
        }
      }.joined() + ")"
  }

  private static func property(_ property: PropertySyntax) -> String {
    switch property.value {
    case .string(let value): " (\(property.name.text) \(string(value)))"
    case .number(let value): " (\(property.name.text) \(literal(value)))"
    }
  }

  private static func condition(_ condition: ConditionSyntax) -> String {
    switch condition {
    case .pattern(let pattern): self.pattern(pattern)
    case .not(let inner, _): "(not" + inner.map { " " + self.condition($0) }.joined() + ")"
    case .exists(let inner, _): "(exists" + inner.map { " " + self.condition($0) }.joined() + ")"
    case .either(let alternatives, _):
      "(either" + alternatives.map { " (" + $0.map(self.condition).joined(separator: " ") + ")" }.joined()
        + ")"
    case .count(let count):
      "(count " + pattern(count.pattern) + " (distinct" + count.distinct.map { " ?" + $0.name }.joined()
        + ") ?\(count.result.name)" + (count.filter.map { " (where " + expression($0) + ")" } ?? "") + ")"
    case .test(let test, _): "(test " + expression(test) + ")"
    }
  }

  private static func pattern(_ pattern: PatternSyntax) -> String {
    var out = "(pattern " + (pattern.binding.map { "?" + $0.name + " <- " } ?? "") + pattern.kind.text
    for argument in pattern.arguments {
      out +=
        " (" + (argument.label.map { $0.text + ":" } ?? "_:") + " " + constraint(argument.constraint) + ")"
    }
    if let filter = pattern.filter { out += " (where " + expression(filter) + ")" }
    return out + ")"
  }

  private static func constraint(_ constraint: ConstraintSyntax) -> String {
    switch constraint {
    case .term(let comparison, let operand, _): "(\(comparison.rawValue) " + expression(operand) + ")"
    case .anyOf(let parts, _): "(any " + parts.map(self.constraint).joined(separator: " ") + ")"
    case .allOf(let parts, _): "(all " + parts.map(self.constraint).joined(separator: " ") + ")"
    }
  }

  private static func values(_ values: [SlotValueSyntax]) -> String {
    values.map { " (" + ($0.label.map { $0.text + ":" } ?? "_:") + " " + expression($0.value) + ")" }.joined()
  }

  private static func action(_ action: ActionSyntax) -> String {
    switch action {
    case .assert(let fact): "(assert \(fact.kind.text)" + values(fact.values) + ")"
    case .derive(let fact): "(derive \(fact.kind.text)" + values(fact.values) + ")"
    case .retract(let variables, _): "(retract" + variables.map { " ?" + $0.name }.joined() + ")"
    case .modify(let variable, let slotValues, _): "(modify ?\(variable.name)" + values(slotValues) + ")"
    case .suspect(let suspect):
      "(suspect \(suspect.diagnosis.text) " + expression(suspect.certainty)
        + (suspect.because.map { " " + string($0) } ?? "") + ")"
    case .print(let arguments, let newline, _):
      "(\(newline ? "print" : "write")" + arguments.map { " " + expression($0) }.joined() + ")"
    case .bind(let variable, let value, _): "(let ?\(variable.name) " + expression(value) + ")"
    case .conditional(let conditional):
      "(if" + conditional.branches.map { " (" + expression($0.test) + actions($0.actions) + ")" }.joined()
        + (conditional.otherwise.map { " (else" + actions($0) + ")" } ?? "") + ")"
    case .halt: "(halt)"
    }
  }

  private static func actions(_ actions: [ActionSyntax]) -> String {
    actions.map { " " + action($0) }.joined()
  }

  private static func expression(_ expression: ExpressionSyntax) -> String {
    switch expression {
    case .literal(let value): literal(value)
    case .string(let value): string(value)
    case .variable(let variable): "?" + variable.name
    case .unary(let op, let operand, _): "(\(op.rawValue) " + self.expression(operand) + ")"
    case .binary(let op, let left, let right, _):
      "(\(op.rawValue) " + self.expression(left) + " " + self.expression(right) + ")"
    case .call(let name, let arguments, _):
      "(call \(name.text)" + arguments.map { " " + self.expression($0) }.joined() + ")"
    }
  }
}

extension String {
  /// Every occurrence of `target` replaced (Foundation's `replacingOccurrences` without Foundation).
  fileprivate func replacingEvery(_ target: Character, with replacement: String) -> String {
    var out = ""
    for character in self { out += character == target ? replacement : String(character) }
    return out
  }
}
