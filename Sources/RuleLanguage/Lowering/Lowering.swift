import RuleEngine

/// Turns checked syntax into the engine's model: names stay, positions become slot names,
/// literals become values. The engine never sees syntax.
public struct Lowering: Sendable {
  public let vocabulary: Vocabulary

  public init(vocabulary: Vocabulary) {
    self.vocabulary = vocabulary
  }

  // MARK: - Rules

  public func rule(_ syntax: RuleDeclSyntax) -> Rule {
    Rule(
      name: syntax.name.text, title: syntax.title.map(text) ?? "",
      source: syntax.property("source")?.stringValue ?? "",
      salience: Int(syntax.property("salience")?.numberValue ?? 0),
      conditions: syntax.conditions.map(condition),
      actions: syntax.actions.map(action), span: syntax.name.span)
  }

  private func condition(_ syntax: ConditionSyntax) -> Condition {
    switch syntax {
    case .pattern(let pattern): .pattern(self.pattern(pattern))
    case .not(let group, let span): .not(group.map(condition), span)
    case .exists(let group, let span): .exists(group.map(condition), span)
    case .either(let alternatives, let span): .either(alternatives.map { $0.map(condition) }, span)
    case .count(let count):
      .count(
        CountCondition(
          pattern: pattern(count.pattern), distinct: count.distinct.map(\.name), result: count.result.name,
          filter: count.filter.map(expression), span: count.span))
    case .test(let test, let span): .test(expression(test), span)
    }
  }

  private func pattern(_ syntax: PatternSyntax) -> Pattern {
    let template = vocabulary.template(named: syntax.kind.text)
    let constraints = syntax.arguments.enumerated().map { position, argument in
      SlotConstraint(
        slotName(argument.label, position: position, template: template), constraint(argument.constraint),
        span: argument.span)
    }
    return Pattern(
      template: syntax.kind.text, factVariable: syntax.binding?.name, constraints: constraints,
      filter: syntax.filter.map(expression), span: syntax.span)
  }

  private func slotName(_ label: NameSyntax?, position: Int, template: Template?) -> String {
    if let label { return label.text }
    guard let template, position < template.slots.count else { return "#\(position)" }
    return template.slots[position].name
  }

  private func constraint(_ syntax: ConstraintSyntax) -> Constraint {
    switch syntax {
    case .term(let comparison, let operand, _): .compare(Comparison(comparison), expression(operand))
    case .anyOf(let parts, _): .anyOf(parts.map(constraint))
    case .allOf(let parts, _): .allOf(parts.map(constraint))
    }
  }

  // MARK: - Expressions

  public func expression(_ syntax: ExpressionSyntax) -> Expression {
    switch syntax {
    case .literal(let literal): .constant(literal.value.value)
    case .string(let string): stringExpression(string)
    case .variable(let variable): .variable(variable.name)
    case .unary(.negate, let operand, _): .negate(expression(operand))
    case .unary(.not, let operand, _): .not(expression(operand))
    case .binary(let operation, let left, let right, _):
      .binary(BinaryOperation(rawValue: operation.rawValue) ?? .equal, expression(left), expression(right))
    case .call(let name, let arguments, _):
      .call(BuiltinFunction(rawValue: name.text) ?? .str, arguments.map(expression))
    }
  }

  private func stringExpression(_ syntax: StringLiteralSyntax) -> Expression {
    if let plain = syntax.plainText { return .constant(.string(plain)) }
    return .interpolation(
      syntax.parts.map { part in
        switch part {
        case .text(let text): .text(text)
        case .variable(let variable): .variable(variable.name)
        }
      })
  }

  private func text(_ syntax: StringLiteralSyntax) -> String { syntax.plainText ?? syntax.template }

  // MARK: - Actions

  private func action(_ syntax: ActionSyntax) -> Action {
    switch syntax {
    case .assert(let fact): .assert(factTemplate(fact), fact.span)
    case .derive(let fact): .derive(factTemplate(fact), fact.span)
    case .retract(let variables, let span): .retract(variables.map(\.name), span)
    case .modify(let variable, let values, let span):
      .modify(variable.name, values.map { (slot: $0.label?.text ?? "", value: expression($0.value)) }, span)
    case .suspect(let suspect):
      .suspect(
        diagnosis: suspect.diagnosis.text, certainty: expression(suspect.certainty),
        because: suspect.because.map(stringExpression), suspect.span)
    case .print(let arguments, let newline, let span):
      .print(arguments.map(expression), newline: newline, span)
    case .bind(let variable, let value, let span): .bind(variable.name, expression(value), span)
    case .conditional(let conditional): self.conditional(conditional, from: 0)
    case .halt(let span): .halt(span)
    }
  }

  /// The branches from `index` on: `else if` becomes an `if` alone in the `else` of the branch
  /// before it, spanning from its own `if` to the end of the whole chain.
  private func conditional(_ syntax: ConditionalSyntax, from index: Int) -> Action {
    let branch = syntax.branches[index]
    let otherwise =
      index + 1 < syntax.branches.count
      ? [conditional(syntax, from: index + 1)] : (syntax.otherwise ?? []).map(action)
    let span = SourceSpan(file: syntax.span.file, start: branch.span.start, end: syntax.span.end)
    return .conditional(expression(branch.test), branch.actions.map(action), otherwise, span)
  }

  private func factTemplate(_ syntax: FactTemplateSyntax) -> FactTemplate {
    let template = vocabulary.template(named: syntax.kind.text)
    return FactTemplate(
      template: syntax.kind.text,
      values: syntax.values.enumerated().map { position, value in
        SlotValue(slotName(value.label, position: position, template: template), expression(value.value))
      })
  }

  // MARK: - Facts

  /// A case fact, ready for ``InferenceSession/assert(_:_:certainty:origin:)``.
  public struct CaseFact: Sendable {
    public let template: String
    public let slots: [String: Value]
    public let certainty: Double
    public let span: SourceSpan
  }

  public func fact(_ syntax: FactSyntax) -> CaseFact {
    let template = vocabulary.template(named: syntax.kind.text)
    var slots: [String: Value] = [:]
    for (position, value) in syntax.values.enumerated() {
      slots[slotName(value.label, position: position, template: template)] = value.value.value.value
    }
    var certainty = 1.0
    if case .number(let number)? = syntax.certainty?.value { certainty = number }
    return CaseFact(template: syntax.kind.text, slots: slots, certainty: certainty, span: syntax.span)
  }
}

extension Comparison {
  init(_ syntax: ComparisonOperator) {
    self = Comparison(rawValue: syntax.rawValue) ?? .equal
  }
}

extension LoadedRuleBase {
  /// Lowers and compiles the rule base into a runnable knowledge base; nil (with
  /// diagnostics) when the rule base has errors.
  public func compile() -> (KnowledgeBase?, [Diagnostic]) {
    guard !diagnostics.hasErrors else { return (nil, diagnostics) }
    let lowering = Lowering(vocabulary: vocabulary)
    return KnowledgeBase.compile(vocabulary: vocabulary, rules: rules.map(lowering.rule))
  }
}

extension InferenceSession {
  /// Asserts every fact of a checked case file, in file order.
  public func assertFacts(of syntax: FactFileSyntax) throws(EngineError) {
    let vocabulary = knowledgeBase.vocabulary
    let lowering = Lowering(vocabulary: vocabulary)
    for factSyntax in syntax.facts {
      // Resolved by position in the template: no name-keyed dictionary per fact.
      guard let index = vocabulary.index(ofTemplate: factSyntax.kind.text) else {
        let fact = lowering.fact(factSyntax)
        try assert(fact.template, fact.slots, certainty: fact.certainty, origin: fact.span)
        continue
      }
      let template = vocabulary.templates[index]
      var values = [Value?](repeating: nil, count: template.slots.count)
      var resolved = true
      for (position, value) in factSyntax.values.enumerated() {
        let slot =
          value.label.map { template.slotIndex(named: $0.text) } ?? (position < values.count ? position : nil)
        guard let slot else {
          resolved = false
          break
        }
        values[slot] = value.value.value.value
      }
      guard resolved else {
        let fact = lowering.fact(factSyntax)
        try assert(fact.template, fact.slots, certainty: fact.certainty, origin: fact.span)
        continue
      }
      var certainty = 1.0
      if case .number(let number)? = factSyntax.certainty?.value { certainty = number }
      try assert(templateAt: index, values, certainty: certainty, origin: factSyntax.span)
    }
  }
}
