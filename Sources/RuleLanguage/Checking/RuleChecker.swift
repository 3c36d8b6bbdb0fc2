import RuleEngine

/// The second checking pass over one rule: every fact kind, slot and value against the
/// vocabulary, every variable bound before it is used, every function and diagnosis known.
struct RuleChecker {
  let vocabulary: Vocabulary
  var diagnostics: [Diagnostic] = []

  /// The variables visible at one point of a rule.
  struct Scope {
    /// Variables bound to values.
    var values: Set<String> = []
    /// Variables bound to whole facts (`?f <- …`), with the fact's template name: several when
    /// the alternatives of an `either` each bind the variable to a fact of a different kind.
    var facts: [String: [String]] = [:]
    /// Where each variable was first bound, for the note of a "bound again" error.
    var firstBindings: [String: SourceSpan] = [:]

    func isBound(_ name: String) -> Bool { values.contains(name) || facts[name] != nil }

    mutating func bindValue(_ variable: VariableSyntax) {
      values.insert(variable.name)
      if firstBindings[variable.name] == nil { firstBindings[variable.name] = variable.span }
    }

    mutating func bindFact(_ variable: VariableSyntax, kind: String) {
      facts[variable.name] = [kind]
      if firstBindings[variable.name] == nil { firstBindings[variable.name] = variable.span }
    }
  }

  init(vocabulary: Vocabulary) {
    self.vocabulary = vocabulary
  }

  mutating func check(_ rule: RuleDeclSyntax) {
    let firstOwn = diagnostics.count
    defer {
      // What a syntax error made the parser skip may have bound the variables the rest of the
      // rule uses; "never bound" would blame the wrong line, so only the syntax error stands.
      if rule.hasSyntaxErrors {
        let kept = diagnostics[firstOwn...].filter { $0.code != .unboundVariable }
        diagnostics.replaceSubrange(firstOwn..., with: kept)
      }
    }
    if let salience = rule.property("salience") {
      if let number = salience.numberValue {
        if number != number.rounded() || abs(number) > 10_000 {
          diagnostics.append(
            .error(
              .typeMismatch, "salience must be a whole number between -10000 and 10000",
              at: salience.valueSpan,
              label: "not a valid salience"))
        }
      } else {
        diagnostics.append(
          .error(.typeMismatch, "salience takes a number", at: salience.valueSpan, label: "not a number"))
      }
    }
    if let source = rule.property("source"), source.stringValue == nil {
      diagnostics.append(
        .error(.typeMismatch, "'source' takes a string", at: source.valueSpan, label: "not a string"))
    }
    var scope = Scope()
    check(rule.conditions, scope: &scope)
    for action in rule.actions { check(action, scope: &scope) }
  }

  // MARK: - Conditions

  private mutating func check(_ conditions: [ConditionSyntax], scope: inout Scope) {
    for condition in conditions { check(condition, scope: &scope) }
  }

  private mutating func check(_ condition: ConditionSyntax, scope: inout Scope) {
    switch condition {
    case .pattern(let pattern):
      check(pattern, scope: &scope)
    case .not(let inner, _), .exists(let inner, _):
      var local = scope
      check(inner, scope: &local)
    case .either(let alternatives, _):
      // The engine makes one production per alternative, so a variable bound in every one,
      // to a value or to a fact, is bound after the `either` (a fact variable to a fact of the
      // kind its alternative matched).
      var commonValues: Set<String>?
      var commonFacts: [String: [String]]?
      var bindings: [String: SourceSpan] = [:]
      for alternative in alternatives {
        var local = scope
        check(alternative, scope: &local)
        let addedValues = local.values.subtracting(scope.values)
        commonValues = commonValues.map { $0.intersection(addedValues) } ?? addedValues
        let addedFacts = local.facts.filter { scope.facts[$0.key] == nil }
        if let common = commonFacts {
          var kept: [String: [String]] = [:]
          for (name, kinds) in common {
            guard let more = addedFacts[name] else { continue }
            kept[name] = kinds + more.filter { !kinds.contains($0) }
          }
          commonFacts = kept
        } else {
          commonFacts = addedFacts
        }
        bindings.merge(local.firstBindings) { first, _ in first }
      }
      for name in commonValues ?? [] {
        scope.values.insert(name)
        if scope.firstBindings[name] == nil { scope.firstBindings[name] = bindings[name] }
      }
      for (name, kinds) in commonFacts ?? [:] {
        scope.facts[name] = kinds
        if scope.firstBindings[name] == nil { scope.firstBindings[name] = bindings[name] }
      }
    case .count(let count):
      var local = scope
      check(count.pattern, scope: &local)
      for variable in count.distinct where !local.isBound(variable.name) {
        diagnostics.append(
          unbound(variable, help: "a 'distinct' variable must appear in the counted pattern"))
      }
      bind(count.result, in: &scope)
      if let filter = count.filter { check(filter, scope: scope) }
    case .test(let expression, _):
      check(expression, scope: scope)
    }
  }

  private mutating func check(_ pattern: PatternSyntax, scope: inout Scope) {
    let template = vocabulary.template(named: pattern.kind.text)
    if template == nil { diagnostics.append(unknownTemplate(pattern.kind, vocabulary: vocabulary)) }
    var seen: [String: SourceSpan] = [:]
    for (position, argument) in pattern.arguments.enumerated() {
      let slot = template.flatMap {
        resolve(argument.label, position: position, span: argument.span, in: $0, seen: &seen)
      }
      check(argument.constraint, slot: slot, template: template, scope: &scope)
    }
    if let filter = pattern.filter { check(filter, scope: scope) }
    if let binding = pattern.binding {
      if scope.isBound(binding.name) {
        diagnostics.append(rebound(binding, scope: scope))
      } else {
        scope.bindFact(binding, kind: pattern.kind.text)
      }
    }
  }

  /// Finds the slot an argument names, or the slot at its position; reports problems.
  private mutating func resolve(
    _ label: NameSyntax?, position: Int, span argumentSpan: SourceSpan, in template: Template,
    seen: inout [String: SourceSpan]
  ) -> Slot? {
    let slot: Slot
    let span: SourceSpan
    if let label {
      guard let named = template.slot(named: label.text) else {
        diagnostics.append(unknownSlot(label, in: template))
        return nil
      }
      slot = named
      span = label.span
    } else {
      guard position < template.slots.count else {
        diagnostics.append(tooManyPositionalValues(template, position: position, at: argumentSpan))
        return nil
      }
      slot = template.slots[position]
      span = argumentSpan
    }
    if let first = seen[slot.name] {
      diagnostics.append(
        Diagnostic.error(
          .duplicateSlot, "slot '\(slot.name)' is given twice", at: span, label: "again",
          help: "combine the constraints with '&', as in 'years: >= 2 & <= 5'"
        ).with(secondary: DiagnosticLabel(first, "first given")))
      return nil
    }
    seen[slot.name] = span
    return slot
  }

  private mutating func check(
    _ constraint: ConstraintSyntax, slot: Slot?, template: Template?, scope: inout Scope,
    inDisjunction: Bool = false
  ) {
    switch constraint {
    case .allOf(let parts, _):
      for part in parts {
        check(part, slot: slot, template: template, scope: &scope, inDisjunction: inDisjunction)
      }
    case .anyOf(let parts, _):
      for part in parts { check(part, slot: slot, template: template, scope: &scope, inDisjunction: true) }
    case .term(let comparison, let operand, let span):
      if comparison == .equal, case .variable(let variable) = operand, !scope.isBound(variable.name) {
        guard !variable.isWildcard else { return }
        if inDisjunction {
          diagnostics.append(
            unbound(variable, help: "a variable in an alternative ('|') must be bound by an earlier pattern"))
        } else {
          scope.bindValue(variable)
        }
        return
      }
      check(operand, scope: scope)
      guard let slot, let template else { return }
      if let literal = literal(operand) {
        if comparison == .equal || comparison == .notEqual {
          if let mismatch = valueMismatch(literal, slot: slot, template: template) {
            diagnostics.append(mismatch)
          }
        } else if case .number = literal.value {
          if !slot.type.isOrdered {
            diagnostics.append(orderingOnUnordered(slot, template: template, at: span))
          }
        } else {
          diagnostics.append(
            .error(
              .typeMismatch, "'\(comparison.rawValue)' compares numbers", at: literal.span,
              label: "not a number"))
        }
      } else if comparison != .equal, comparison != .notEqual, !slot.type.isOrdered {
        diagnostics.append(orderingOnUnordered(slot, template: template, at: span))
      }
    }
  }

  private func orderingOnUnordered(_ slot: Slot, template: Template, at span: SourceSpan) -> Diagnostic {
    .error(
      .typeMismatch, "\(template.name).\(slot.name) holds \(describe(slot.type)); it cannot be ordered",
      at: span,
      label: "ordering comparison", help: "compare with '=' or '!=', or list allowed values with '|'")
  }

  // MARK: - Expressions

  /// The expression as a literal whose type is known before the rule runs: a literal, or a
  /// string. A string with `{?var}` pieces is a string too, whatever the variables hold; its
  /// text is kept as written.
  private func literal(_ expression: ExpressionSyntax) -> LiteralSyntax? {
    switch expression {
    case .literal(let literal): literal
    case .string(let string): LiteralSyntax(.string(string.plainText ?? string.template), span: string.span)
    default: nil
    }
  }

  private mutating func check(_ expression: ExpressionSyntax, scope: Scope) {
    for variable in expression.variables where !variable.isWildcard && !scope.isBound(variable.name) {
      diagnostics.append(unbound(variable, help: nil))
    }
    checkCalls(expression)
  }

  private mutating func checkCalls(_ expression: ExpressionSyntax) {
    switch expression {
    case .literal, .string, .variable: break
    case .unary(_, let operand, _): checkCalls(operand)
    case .binary(_, let left, let right, _):
      checkCalls(left)
      checkCalls(right)
    case .call(let name, let arguments, let span):
      for argument in arguments { checkCalls(argument) }
      guard let function = BuiltinFunction(rawValue: name.text) else {
        let suggestion = name.text.closestMatch(in: BuiltinFunction.allCases.map(\.rawValue))
        diagnostics.append(
          .error(
            .unknownFunction, "unknown function '\(name.text)'", at: name.span, label: "not a function",
            help: suggestion.map { "did you mean '\($0)'?" }
              ?? "functions: \(BuiltinFunction.allCases.map(\.signature).joined(separator: ", "))"))
        return
      }
      if !function.arity.contains(arguments.count) {
        diagnostics.append(
          .error(
            .wrongArgumentCount,
            "'\(name.text)' takes \(describeArity(function.arity)), given \(arguments.count)",
            at: span, label: "called here", help: "use \(function.signature)"))
      }
    }
  }

  private func describeArity(_ arity: ClosedRange<Int>) -> String {
    if arity.lowerBound == arity.upperBound {
      return arity.lowerBound == 1 ? "1 argument" : "\(arity.lowerBound) arguments"
    }
    if arity.upperBound == Int.max { return "at least \(arity.lowerBound) argument(s)" }
    return "\(arity.lowerBound) to \(arity.upperBound) arguments"
  }

  // MARK: - Actions

  private mutating func check(_ action: ActionSyntax, scope: inout Scope) {
    switch action {
    case .assert(let fact), .derive(let fact):
      check(fact.kind, fact.values, scope: scope)
    case .retract(let variables, _):
      for variable in variables { checkFactVariable(variable, scope: scope, action: "retract") }
    case .modify(let variable, let values, _):
      checkFactVariable(variable, scope: scope, action: "modify")
      if let kinds = scope.facts[variable.name] {
        // Against each kind the variable may hold; the values' expressions once.
        for (index, kind) in kinds.enumerated() {
          check(
            NameSyntax(kind, span: variable.span), values, scope: scope, reportUnknownKind: false,
            checkingExpressions: index == 0)
        }
      } else {
        for value in values { check(value.value, scope: scope) }
      }
    case .suspect(let suspect):
      if vocabulary.diagnosis(named: suspect.diagnosis.text) == nil {
        let suggestion = suspect.diagnosis.text.closestMatch(in: vocabulary.diagnoses.map(\.id))
        diagnostics.append(
          .error(
            .unknownDiagnosis, "unknown diagnosis '\(suspect.diagnosis.text)'", at: suspect.diagnosis.span,
            label: "not declared",
            help: suggestion.map { "did you mean '\($0)'?" }
              ?? "declare it with 'diagnosis \(suspect.diagnosis.text) { title \"…\" source \"…\" }'"))
      }
      check(suspect.certainty, scope: scope)
      if let literal = literal(suspect.certainty) {
        if case .number(let value) = literal.value {
          if value < -1 || value > 1 {
            diagnostics.append(
              .error(
                .certaintyOutOfRange, "certainty \(Value.format(value)) is outside -1…1", at: literal.span,
                label: "out of range",
                help: "use 0.6–0.8 for strong, 0.3–0.5 moderate, 0.1–0.15 weak evidence"))
          }
        } else {
          diagnostics.append(
            .error(.typeMismatch, "a certainty is a number", at: literal.span, label: "not a number"))
        }
      }
      if let because = suspect.because { check(.string(because), scope: scope) }
    case .print(let arguments, _, _):
      for argument in arguments { check(argument, scope: scope) }
    case .bind(let variable, let value, _):
      check(value, scope: scope)
      if scope.facts[variable.name] != nil {
        diagnostics.append(rebound(variable, scope: scope))
      } else {
        scope.bindValue(variable)
      }
    case .conditional(let conditional):
      check(conditional, scope: &scope)
    case .halt:
      break
    }
  }

  /// Each branch in its own scope; a `let` made in every branch (the `else` included) is bound
  /// after the `if`, as after `either`.
  private mutating func check(_ conditional: ConditionalSyntax, scope: inout Scope) {
    var common: Set<String>?
    var bindings: [String: SourceSpan] = [:]
    func checkBranch(_ actions: [ActionSyntax], into checker: inout RuleChecker) {
      var local = scope
      for action in actions { checker.check(action, scope: &local) }
      let added = local.values.subtracting(scope.values)
      common = common.map { $0.intersection(added) } ?? added
      bindings.merge(local.firstBindings) { first, _ in first }
    }
    for branch in conditional.branches {
      check(branch.test, scope: scope)
      if let literal = literal(branch.test), literal.value != .boolean(true),
        literal.value != .boolean(false)
      {
        diagnostics.append(
          .error(
            .typeMismatch, "an 'if' test is true or false", at: literal.span, label: "not a boolean",
            help: "compare a value, as in 'if ?x > 2 { … }'"))
      }
      checkBranch(branch.actions, into: &self)
    }
    // Without an `else`, no branch may run at all.
    checkBranch(conditional.otherwise ?? [], into: &self)
    for name in common ?? [] {
      scope.values.insert(name)
      if scope.firstBindings[name] == nil { scope.firstBindings[name] = bindings[name] }
    }
  }

  private mutating func check(
    _ kind: NameSyntax, _ values: [SlotValueSyntax], scope: Scope, reportUnknownKind: Bool = true,
    checkingExpressions: Bool = true
  ) {
    let template = vocabulary.template(named: kind.text)
    if template == nil, reportUnknownKind {
      diagnostics.append(unknownTemplate(kind, vocabulary: vocabulary))
    }
    var seen: [String: SourceSpan] = [:]
    for (position, value) in values.enumerated() {
      if checkingExpressions { check(value.value, scope: scope) }
      guard let template,
        let slot = resolve(value.label, position: position, span: value.span, in: template, seen: &seen)
      else {
        continue
      }
      if let literal = literal(value.value),
        let mismatch = valueMismatch(literal, slot: slot, template: template)
      {
        diagnostics.append(mismatch)
      }
    }
  }

  private mutating func checkFactVariable(_ variable: VariableSyntax, scope: Scope, action: String) {
    if scope.facts[variable.name] != nil { return }
    if scope.values.contains(variable.name) {
      diagnostics.append(
        .error(
          .notAFactVariable, "'?\(variable.name)' holds a value, not a fact", at: variable.span,
          label: "cannot \(action) a value",
          help: "bind the fact itself with '?\(variable.name) <- kind(…)' in the 'when' block"))
    } else {
      diagnostics.append(
        unbound(variable, help: "bind the fact with '?\(variable.name) <- kind(…)' in the 'when' block"))
    }
  }

  // MARK: - Variables

  private mutating func bind(_ variable: VariableSyntax, in scope: inout Scope) {
    if scope.isBound(variable.name) {
      diagnostics.append(rebound(variable, scope: scope))
    } else {
      scope.bindValue(variable)
    }
  }

  private func unbound(_ variable: VariableSyntax, help: String?) -> Diagnostic {
    .error(
      .unboundVariable, "variable '?\(variable.name)' is used but never bound", at: variable.span,
      label: "not bound here",
      help: help ?? "bind it first in a pattern, for example 'group(name: ?\(variable.name))'")
  }

  private func rebound(_ variable: VariableSyntax, scope: Scope) -> Diagnostic {
    let diagnostic = Diagnostic.error(
      .variableRebound, "variable '?\(variable.name)' is already bound", at: variable.span,
      label: "bound again", help: "use a different name")
    guard let first = scope.firstBindings[variable.name] else { return diagnostic }
    return diagnostic.with(secondary: DiagnosticLabel(first, "first bound"))
  }
}
