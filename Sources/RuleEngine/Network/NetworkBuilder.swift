/// Compiles rules into a ``NetworkPlan``: patterns into shared alpha memories, conditions
/// into a chain of beta nodes per rule, shared between rules with a common prefix.
struct NetworkBuilder {
  private(set) var plan = NetworkPlan()
  private(set) var symbols = SymbolTable()
  private(set) var diagnostics: [Diagnostic] = []
  let vocabulary: Vocabulary
  private var templateIndex: [String: Int] = [:]
  private var diagnosisIndex: [String: Int] = [:]
  private var alphaIndex: [AlphaMemorySpec: Int] = [:]
  private var nodeIndex: [NodeKey: NodeID] = [:]
  /// The rule being compiled, for diagnostics.
  private var currentRule: Rule?

  private struct NodeKey: Hashable {
    let parent: NodeID
    let kind: BetaNode.Kind
  }

  /// What a variable stands for at one point of a rule.
  struct Scope {
    var variables: [String: CompiledExpression] = [:]
    var locals: [String: Int] = [:]
  }

  /// The partial match under construction: its last node, depth and fact positions.
  private struct Chain {
    var node: NodeID
    var depth: Int
    var scope: Scope
    var factDepths: [Int] = []
  }

  /// Limits `either` expansion: a rule with too many alternatives is almost surely a mistake.
  static let maximumAlternatives = 64

  init(vocabulary: Vocabulary) {
    self.vocabulary = vocabulary
    for (index, template) in vocabulary.templates.enumerated() { templateIndex[template.name] = index }
    for (index, diagnosis) in vocabulary.diagnoses.enumerated() { diagnosisIndex[diagnosis.id] = index }
    plan.alphaRoutes = Array(repeating: AlphaRoute(), count: vocabulary.templates.count)
    plan.betaNodes = [BetaNode(kind: .root, parent: -1, depth: 0)]
  }

  // MARK: - Rules

  mutating func add(_ rule: Rule, index: Int) {
    currentRule = rule
    defer { currentRule = nil }
    let alternatives = expand(rule.conditions)
    guard alternatives.count <= NetworkBuilder.maximumAlternatives else {
      report(
        .error(
          .evaluationError,
          "rule '\(rule.name)' has \(alternatives.count) alternatives; the limit is \(NetworkBuilder.maximumAlternatives)",
          at: rule.span, help: "split the rule"))
      return
    }
    for conditions in alternatives {
      var chain = Chain(node: NetworkPlan.root, depth: 0, scope: Scope())
      build(conditions, into: &chain)
      let actions = compileActions(rule.actions, scope: &chain.scope)
      let node = addNode(.production(plan.productions.count), parent: chain.node, shared: false)
      plan.productions.append(
        Production(
          rule: index, node: node, actions: actions, factDepths: chain.factDepths,
          localCount: chain.scope.locals.count))
    }
  }

  /// Splits `either` into separate condition lists (the cross product of all alternatives).
  private func expand(_ conditions: [Condition]) -> [[Condition]] {
    var results: [[Condition]] = [[]]
    for condition in conditions {
      if case .either(let alternatives, _) = condition {
        var next: [[Condition]] = []
        for prefix in results {
          for alternative in alternatives {
            for expanded in expand(alternative) {
              next.append(prefix + expanded)
              if next.count > NetworkBuilder.maximumAlternatives { return next }
            }
          }
        }
        results = next
      } else {
        results = results.map { $0 + [condition] }
      }
    }
    return results
  }

  private mutating func build(_ conditions: [Condition], into chain: inout Chain) {
    var index = 0
    while index < conditions.count {
      let condition = conditions[index]
      index += 1
      switch condition {
      case .pattern(let pattern):
        // Tests that follow a pattern are made at its join, saving a node and a partial match.
        var tests: [Expression] = []
        while index < conditions.count, case .test(let expression, _) = conditions[index] {
          tests.append(expression)
          index += 1
        }
        addJoin(pattern, extraTests: tests, to: &chain)
      case .not(let group, let span), .exists(let group, let span):
        let negated = if case .not = condition { true } else { false }
        if group.count == 1, case .pattern(let pattern) = group[0] {
          addSingleNegationOrExists(pattern, negated: negated, to: &chain)
        } else if group.isEmpty {
          addFilter(.constant(.boolean(!negated)), to: &chain)
        } else {
          addGroup(group, negated: negated, span: span, to: &chain)
        }
      case .count(let count):
        addCount(count, to: &chain)
      case .test(let expression, _):
        addFilter(compile(expression, scope: chain.scope, current: [:]), to: &chain)
      case .either(_, let span):
        report(
          .error(.evaluationError, "'either' is only allowed at the top of a rule's conditions", at: span))
      }
    }
  }

  // MARK: - Node kinds

  private mutating func addJoin(_ pattern: Pattern, extraTests: [Expression], to chain: inout Chain) {
    guard let compiled = compilePattern(pattern, scope: chain.scope, depth: chain.depth + 1) else { return }
    var tests = compiled.tests
    for test in extraTests {
      let expression = compile(test, scope: chain.scope, current: compiled.bindings)
      tests.add(expression)
    }
    let alpha = addAlphaMemory(template: compiled.template, tests: compiled.alphaTests)
    chain.node = addNode(.join(alpha: alpha, tests: tests), parent: chain.node)
    chain.depth += 1
    chain.factDepths.append(chain.depth)
    for (name, slot) in compiled.bindings {
      chain.scope.variables[name] = .tokenSlot(depth: chain.depth, slot: slot)
    }
    if let factVariable = pattern.factVariable {
      chain.scope.variables[factVariable] = .tokenFact(depth: chain.depth)
    }
  }

  private mutating func addSingleNegationOrExists(_ pattern: Pattern, negated: Bool, to chain: inout Chain) {
    guard let compiled = compilePattern(pattern, scope: chain.scope, depth: chain.depth + 1) else { return }
    let alpha = addAlphaMemory(template: compiled.template, tests: compiled.alphaTests)
    let kind: BetaNode.Kind =
      negated ? .negation(alpha: alpha, tests: compiled.tests) : .exists(alpha: alpha, tests: compiled.tests)
    chain.node = addNode(kind, parent: chain.node)
    chain.depth += 1
  }

  private mutating func addGroup(_ group: [Condition], negated: Bool, span: SourceSpan, to chain: inout Chain)
  {
    var inner = Chain(node: chain.node, depth: chain.depth, scope: chain.scope)
    build(group, into: &inner)
    let length = inner.depth - chain.depth
    guard length > 0 else {
      addFilter(.constant(.boolean(!negated)), to: &chain)
      return
    }
    // The subnetwork hangs off the same parent before the owner, so its matches for a
    // partial match are known when the owner first sees that partial match.
    let partner = addNode(.groupPartner(owner: -1, length: length), parent: inner.node, shared: false)
    var head = inner.node
    while plan.betaNodes[head].parent != chain.node { head = plan.betaNodes[head].parent }
    let owner = addNode(
      .group(partner: partner, negated: negated), parent: chain.node, shared: false, after: head)
    plan.betaNodes[partner].kind = .groupPartner(owner: owner, length: length)
    chain.node = owner
    chain.depth += 1
  }

  private mutating func addCount(_ count: CountCondition, to chain: inout Chain) {
    guard let compiled = compilePattern(count.pattern, scope: chain.scope, depth: chain.depth + 1) else {
      return
    }
    let distinct = count.distinct.map {
      compile(.variable($0), scope: chain.scope, current: compiled.bindings)
    }
    let alpha = addAlphaMemory(template: compiled.template, tests: compiled.alphaTests)
    chain.node = addNode(.count(alpha: alpha, tests: compiled.tests, distinct: distinct), parent: chain.node)
    chain.depth += 1
    chain.scope.variables[count.result] = .tokenValue(depth: chain.depth)
    if let filter = count.filter { addFilter(compile(filter, scope: chain.scope, current: [:]), to: &chain) }
  }

  private mutating func addFilter(_ test: CompiledExpression, to chain: inout Chain) {
    chain.node = addNode(.filter(test), parent: chain.node)
    chain.depth += 1
  }

  /// Adds a node, or returns the identical one already under the same parent.
  ///
  /// Children are kept newest first, the order CLIPS visits its join links in, so that of two
  /// rules activated by one fact the later-defined one is activated first and, under the
  /// depth strategy, fires second (Manners relies on it). A group owner goes right after its
  /// subnetwork's head (`after`), so that the group's matches are counted before the owner
  /// sees a partial match.
  private mutating func addNode(
    _ kind: BetaNode.Kind, parent: NodeID, shared: Bool = true, after: NodeID? = nil
  )
    -> NodeID
  {
    let key = NodeKey(parent: parent, kind: kind)
    if shared, let existing = nodeIndex[key] { return existing }
    let id = plan.betaNodes.count
    plan.betaNodes.append(BetaNode(kind: kind, parent: parent, depth: plan.betaNodes[parent].depth + 1))
    if let after, let position = plan.betaNodes[parent].children.firstIndex(of: after) {
      plan.betaNodes[parent].children.insert(id, at: position + 1)
    } else {
      plan.betaNodes[parent].children.insert(id, at: 0)
    }
    if shared { nodeIndex[key] = id }
    switch kind {
    case .join(let alpha, _), .negation(let alpha, _), .exists(let alpha, _), .count(let alpha, _, _):
      plan.alphaMemories[alpha].successors.append(id)
      let depths = plan.betaNodes
      plan.alphaMemories[alpha].successors.sort { (depths[$0].depth, $0) > (depths[$1].depth, $1) }
    default: break
    }
    return id
  }

  private mutating func addAlphaMemory(template: Int, tests unordered: [AlphaTest]) -> Int {
    let tests = NetworkBuilder.canonicalOrder(unordered)
    let spec = AlphaMemorySpec(template: template, tests: tests)
    if let existing = alphaIndex[spec] { return existing }
    let index = plan.alphaMemories.count
    plan.alphaMemories.append(spec)
    alphaIndex[spec] = index
    if case .equals(let slot, let atom)? = tests.first {
      if let position = plan.alphaRoutes[template].hashed.firstIndex(where: { $0.slot == slot }) {
        plan.alphaRoutes[template].hashed[position].memories[atom, default: []].append(index)
      } else {
        plan.alphaRoutes[template].hashed.append((slot, [atom: [index]]))
      }
    } else {
      plan.alphaRoutes[template].scanned.append(index)
    }
    return index
  }

  /// Equality tests first (the first one routes facts by hashing), then the rest by kind
  /// and slot; a presence test is dropped where an equality on the same slot implies it.
  /// A canonical order also lets patterns written differently share one alpha memory.
  static func canonicalOrder(_ tests: [AlphaTest]) -> [AlphaTest] {
    var implied: Set<Int> = []
    for test in tests {
      switch test {
      case .equals(let slot, _), .oneOf(let slot, _): implied.insert(slot)
      default: break
      }
    }
    func rank(_ test: AlphaTest) -> (Int, Int) {
      switch test {
      case .equals(let slot, _): (0, slot)
      case .oneOf(let slot, _): (1, slot)
      case .present(let slot): (2, slot)
      case .notEquals(let slot, _): (3, slot)
      case .expression: (4, 0)
      }
    }
    var seen: Set<AlphaTest> = []
    return tests.enumerated().filter { _, test in
      if case .present(let slot) = test, implied.contains(slot) { return false }
      return seen.insert(test).inserted
    }.sorted { left, right in
      let (a, b) = (rank(left.element), rank(right.element))
      return (a.0, a.1, left.offset) < (b.0, b.1, right.offset)
    }.map(\.element)
  }

  // MARK: - Patterns

  private struct CompiledPattern {
    let template: Int
    var alphaTests: [AlphaTest] = []
    var tests = JoinTests()
    /// Variables first bound by this pattern, with their slots.
    var bindings: [String: Int] = [:]
  }

  private mutating func compilePattern(_ pattern: Pattern, scope: Scope, depth: Int) -> CompiledPattern? {
    guard let templateID = templateIndex[pattern.template] else {
      report(.error(.unknownTemplate, "unknown fact kind '\(pattern.template)'", at: pattern.span))
      return nil
    }
    let template = vocabulary.templates[templateID]
    var compiled = CompiledPattern(template: templateID)
    for constraint in pattern.constraints {
      guard let slot = template.slotIndex(named: constraint.slot) else {
        report(
          .error(
            .unknownSlot, "unknown slot '\(constraint.slot)' for template '\(template.name)'",
            at: constraint.span))
        continue
      }
      compileConstraint(constraint.constraint, slot: slot, scope: scope, into: &compiled)
    }
    if let filter = pattern.filter {
      let test = compile(filter, scope: scope, current: compiled.bindings)
      if test.readsToken {
        compiled.tests.add(test)
      } else {
        compiled.alphaTests.append(.expression(test))
      }
    }
    return compiled
  }

  private mutating func compileConstraint(
    _ constraint: Constraint, slot: Int, scope: Scope, into compiled: inout CompiledPattern
  ) {
    switch constraint {
    case .allOf(let parts):
      for part in parts { compileConstraint(part, slot: slot, scope: scope, into: &compiled) }
    case .compare(.equal, .variable(let name))
    where scope.variables[name] == nil && scope.locals[name] == nil && compiled.bindings[name] == nil:
      appendPresence(slot, to: &compiled)
      if name != "_" { compiled.bindings[name] = slot }
    case .compare(let comparison, let operand):
      appendPresence(slot, to: &compiled)
      let value = compile(operand, scope: scope, current: compiled.bindings)
      switch (comparison, value) {
      case (.equal, .constant(let atom)): compiled.alphaTests.append(.equals(slot: slot, atom))
      case (.notEqual, .constant(let atom)): compiled.alphaTests.append(.notEquals(slot: slot, atom))
      case (.equal, .tokenSlot(let depth, let leftSlot)):
        compiled.tests.equalities.append(.init(leftDepth: depth, leftSlot: leftSlot, rightSlot: slot))
      default:
        let test = CompiledExpression.binary(BinaryOperation(comparison), .currentSlot(slot), value)
        if test.readsToken {
          compiled.tests.add(test)
        } else {
          compiled.alphaTests.append(.expression(test))
        }
      }
    case .anyOf(let parts):
      appendPresence(slot, to: &compiled)
      let tests = parts.map { disjunctTest($0, slot: slot, scope: scope, bindings: compiled.bindings) }
      let atoms = tests.compactMap { test -> Atom? in
        if case .binary(.equal, .currentSlot, .constant(let atom)) = test { return atom }
        return nil
      }
      if atoms.count == tests.count {
        compiled.alphaTests.append(.oneOf(slot: slot, atoms))
      } else {
        let combined = tests.dropFirst().reduce(tests[0]) { .binary(.or, $0, $1) }
        if combined.readsToken {
          compiled.tests.add(combined)
        } else {
          compiled.alphaTests.append(.expression(combined))
        }
      }
    }
  }

  /// One alternative of `a | b | ?x` as a boolean test on the current slot.
  private mutating func disjunctTest(
    _ constraint: Constraint, slot: Int, scope: Scope, bindings: [String: Int]
  ) -> CompiledExpression {
    switch constraint {
    case .compare(let comparison, let operand):
      return .binary(
        BinaryOperation(comparison), .currentSlot(slot), compile(operand, scope: scope, current: bindings))
    case .anyOf(let parts):
      let tests = parts.map { disjunctTest($0, slot: slot, scope: scope, bindings: bindings) }
      return tests.dropFirst().reduce(tests.first ?? .constant(.false)) { .binary(.or, $0, $1) }
    case .allOf(let parts):
      let tests = parts.map { disjunctTest($0, slot: slot, scope: scope, bindings: bindings) }
      return tests.dropFirst().reduce(tests.first ?? .constant(.true)) { .binary(.and, $0, $1) }
    }
  }

  private func appendPresence(_ slot: Int, to compiled: inout CompiledPattern) {
    if !compiled.alphaTests.contains(.present(slot: slot)) {
      compiled.alphaTests.append(.present(slot: slot))
    }
  }

  // MARK: - Expressions

  /// Compiles an expression; `current` maps variables bound by the pattern being compiled
  /// to its slots.
  mutating func compile(_ expression: Expression, scope: Scope, current: [String: Int]) -> CompiledExpression
  {
    switch expression {
    case .constant(let value): return .constant(symbols.atom(value))
    case .variable(let name):
      if let slot = current[name] { return .currentSlot(slot) }
      if let location = scope.variables[name] { return location }
      if let local = scope.locals[name] { return .local(local) }
      report(
        .error(
          .unboundVariable,
          "variable '?\(name)' is used but never bound in rule '\(currentRule?.name ?? "")'",
          at: currentRule?.span))
      return .constant(.missing)
    case .negate(let operand): return .negate(compile(operand, scope: scope, current: current))
    case .not(let operand): return .not(compile(operand, scope: scope, current: current))
    case .binary(let operation, let left, let right):
      return .binary(
        operation, compile(left, scope: scope, current: current),
        compile(right, scope: scope, current: current))
    case .call(let function, let arguments):
      return .call(function, arguments.map { compile($0, scope: scope, current: current) })
    case .interpolation(let pieces):
      return .interpolation(
        pieces.map { piece in
          switch piece {
          case .text(let text): .text(text)
          case .variable(let name): .expression(compile(.variable(name), scope: scope, current: current))
          }
        })
    }
  }

  // MARK: - Actions

  private mutating func compileActions(_ actions: [Action], scope: inout Scope) -> [CompiledAction] {
    var compiled: [CompiledAction] = []
    for action in actions {
      switch action {
      case .assert(let fact, let span), .derive(let fact, let span):
        let logical = if case .derive = action { true } else { false }
        guard let template = templateIndex[fact.template] else {
          report(.error(.unknownTemplate, "unknown fact kind '\(fact.template)'", at: span))
          continue
        }
        let slots = compileSlots(fact.values, template: template, scope: scope, span: span)
        compiled.append(.assert(template: template, slots: slots, logical: logical, span: span))
      case .retract(let names, let span):
        compiled.append(.retract(names.compactMap { factDepth($0, scope: scope, span: span) }, span: span))
      case .modify(let name, let values, let span):
        guard let depth = factDepth(name, scope: scope, span: span) else { continue }
        let template = templateOfFact(at: depth)
        let slots = compileSlots(
          values.map { SlotValue($0.slot, $0.value) }, template: template, scope: scope, span: span)
        compiled.append(.modify(depth: depth, slots: slots, span: span))
      case .suspect(let diagnosis, let certainty, let because, let span):
        guard let index = diagnosisIndex[diagnosis] else {
          report(.error(.unknownDiagnosis, "unknown diagnosis '\(diagnosis)'", at: span))
          continue
        }
        compiled.append(
          .suspect(
            diagnosis: index, certainty: compile(certainty, scope: scope, current: [:]),
            because: because.map { compile($0, scope: scope, current: [:]) }, span: span))
      case .print(let arguments, let newline, let span):
        compiled.append(
          .print(arguments.map { compile($0, scope: scope, current: [:]) }, newline: newline, span: span))
      case .bind(let name, let value, let span):
        let expression = compile(value, scope: scope, current: [:])
        let local = scope.locals[name] ?? scope.locals.count
        scope.locals[name] = local
        scope.variables[name] = nil
        compiled.append(.bind(local: local, expression, span: span))
      case .conditional(let test, let then, let otherwise, let span):
        let condition = compile(test, scope: scope, current: [:])
        compiled.append(
          .conditional(
            condition, compileActions(then, scope: &scope), compileActions(otherwise, scope: &scope),
            span: span))
      case .halt:
        compiled.append(.halt)
      }
    }
    return compiled
  }

  private mutating func compileSlots(
    _ values: [SlotValue], template: Int?, scope: Scope, span: SourceSpan
  ) -> [(Int, CompiledExpression)] {
    guard let template else { return [] }
    let declaration = vocabulary.templates[template]
    var slots: [(Int, CompiledExpression)] = []
    for value in values {
      guard let slot = declaration.slotIndex(named: value.slot) else {
        report(
          .error(.unknownSlot, "unknown slot '\(value.slot)' for template '\(declaration.name)'", at: span))
        continue
      }
      slots.append((slot, compile(value.value, scope: scope, current: [:])))
    }
    return slots
  }

  private mutating func factDepth(_ name: String, scope: Scope, span: SourceSpan) -> Int? {
    if case .tokenFact(let depth)? = scope.variables[name] { return depth }
    report(.error(.notAFactVariable, "'?\(name)' is not bound to a fact", at: span))
    return nil
  }

  /// The template of the fact a join at `depth` of the current chain matched. Walks the
  /// most recently added nodes, which belong to the rule being compiled.
  private func templateOfFact(at depth: Int) -> Int? {
    var node = plan.betaNodes.count - 1
    while node > 0 {
      let candidate = plan.betaNodes[node]
      if candidate.depth == depth, case .join(let alpha, _) = candidate.kind {
        return plan.alphaMemories[alpha].template
      }
      node -= 1
    }
    return nil
  }

  private mutating func report(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }
}

extension BinaryOperation {
  init(_ comparison: Comparison) {
    switch comparison {
    case .equal: self = .equal
    case .notEqual: self = .notEqual
    case .less: self = .less
    case .lessOrEqual: self = .lessOrEqual
    case .greater: self = .greater
    case .greaterOrEqual: self = .greaterOrEqual
    }
  }
}
