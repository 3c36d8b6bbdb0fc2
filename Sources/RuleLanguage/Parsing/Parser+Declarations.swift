import RuleEngine

extension Parser {
  static let declarationKeywords = ["rule", "template", "diagnosis", "ask"]
  static let diagnosisProperties = ["title", "summary", "source", "remedy"]
  static let ruleProperties = ["source", "salience"]

  // MARK: - File

  mutating func parseRuleFile() -> [DeclarationSyntax] {
    var declarations: [DeclarationSyntax] = []
    while !isAtEnd, !sink.isFull {
      do throws(Failure) {
        declarations.append(try parseDeclaration())
      } catch {
        synchronizeToDeclaration()
      }
    }
    return declarations
  }

  private mutating func parseDeclaration() throws(Failure) -> DeclarationSyntax {
    if isWord("template") { return .template(try parseTemplate()) }
    if isWord("diagnosis") { return .diagnosis(try parseDiagnosis()) }
    if isWord("ask") { return .ask(try parseAsk()) }
    if isWord("rule") { return .rule(try parseRule()) }
    if isWord("expect") {
      try fail(
        .wrongFileKind, "'expect' lines belong in a '.facts' case file", label: "not allowed in a rule file",
        help: "move the expectation into the case file it is about")
    }
    if current.kind == .identifier, peek().kind == .leftParen {
      try fail(
        .wrongFileKind, "facts belong in a '.facts' file", label: "a fact in a rule file",
        help: "put case facts in a '.facts' file, or create them from a rule with 'assert'")
    }
    let suggestion =
      current.kind == .identifier ? text(current).closestMatch(in: Parser.declarationKeywords) : nil
    try fail(
      .expectedDeclaration,
      "expected a declaration ('rule', 'template', 'diagnosis' or 'ask'), found \(describe(current))",
      help: suggestion.map { "did you mean '\($0)'?" })
  }

  // MARK: - template

  mutating func parseTemplate() throws(Failure) -> TemplateDeclSyntax {
    let keyword = advance()
    let name = try expectName("a template name after 'template'")
    let slots = try parseBlock("template '\(name.text)'") { (parser: inout Parser) throws(Failure) in
      try parser.parseSlotDeclaration()
    }
    return TemplateDeclSyntax(name: name, slots: slots, span: span(from: keyword))
  }

  private mutating func parseSlotDeclaration() throws(Failure) -> SlotDeclSyntax {
    let start = current
    let name = try expectName("a slot name")
    try expect(
      .colon, "':' after the slot name", help: "slots are declared as 'name: type', e.g. 'years: number'")
    let type = try parseSlotType()
    var defaultValue: LiteralSyntax?
    if current.kind == .equal {
      advance()
      defaultValue = try parseLiteral("a default value")
    }
    return SlotDeclSyntax(name: name, type: type, defaultValue: defaultValue, span: span(from: start))
  }

  private mutating func parseSlotType() throws(Failure) -> SlotTypeSyntax {
    let first = try expectName(
      "a type ('string', 'number', 'symbol', 'boolean', 'any') or allowed values ('a | b | c')")
    if current.kind != .pipe {
      if let basic = SlotTypeSyntax.BasicType(rawValue: first.text) { return .basic(basic, first.span) }
      if let intended = Parser.misspeltType(first.text) {
        report(
          .error(
            .unknownSlotType, "unknown slot type '\(first.text)'", at: first.span, label: "not a type",
            help: "did you mean '\(intended.rawValue)'?"))
        // Go on with the type that was meant, so that the slot's uses are checked against it.
        return .basic(intended, first.span)
      }
    }
    var values = [first]
    while current.kind == .pipe {
      advance()
      values.append(try expectName("an allowed value after '|'"))
    }
    return .enumeration(values)
  }

  /// Names other languages use for cxdx's basic types.
  private static let typeAliases: [String: SlotTypeSyntax.BasicType] = [
    "bool": .boolean, "int": .number, "integer": .number, "float": .number, "double": .number,
    "str": .string,
  ]

  /// The basic type a single-word slot type was probably meant to be. A single word is
  /// otherwise a one-value enumeration, which is rarely intended; words shorter than four
  /// letters (`one`, `and`) are left alone, since they are too close to `any` by chance.
  static func misspeltType(_ word: String) -> SlotTypeSyntax.BasicType? {
    if let alias = typeAliases[word.lowercased()] { return alias }
    guard word.count >= 4 else { return nil }
    return word.closestMatch(in: SlotTypeSyntax.BasicType.allCases.map(\.rawValue))
      .flatMap(SlotTypeSyntax.BasicType.init(rawValue:))
  }

  // MARK: - diagnosis

  mutating func parseDiagnosis() throws(Failure) -> DiagnosisDeclSyntax {
    let keyword = advance()
    let name = try expectName("a diagnosis name after 'diagnosis'")
    var seen: [String: PropertySyntax] = [:]
    var hasUnreadProperty = false
    let properties = try parseBlock("diagnosis '\(name.text)'") { (parser: inout Parser) throws(Failure) in
      let property = try parser.parseProperty(
        allowed: Parser.diagnosisProperties, in: "a diagnosis", failed: &hasUnreadProperty)
      return parser.checkDuplicate(property, seen: &seen)
    }
    return DiagnosisDeclSyntax(
      name: name, properties: properties, span: span(from: keyword), hasUnreadProperty: hasUnreadProperty)
  }

  /// ``parseProperty(allowed:in:)``, setting `failed` when the property cannot be read: a
  /// misspelt key such as `titel` is most likely the required property that then looks
  /// missing, so the declaration should not also be reported for lacking it.
  mutating func parseProperty(allowed: [String], in context: String, failed: inout Bool) throws(Failure)
    -> PropertySyntax
  {
    do throws(Failure) {
      return try parseProperty(allowed: allowed, in: context)
    } catch {
      failed = true
      throw error
    }
  }

  /// `key "text"` or `key number`; the key must be one of `allowed`.
  mutating func parseProperty(allowed: [String], in context: String) throws(Failure) -> PropertySyntax {
    let keyToken = current
    let key = try expectName("a property (\(allowed.map { "'\($0)'" }.joined(separator: ", ")))")
    guard allowed.contains(key.text) else {
      let suggestion = key.text.closestMatch(in: allowed)
      try fail(
        .unknownProperty, "unknown property '\(key.text)' in \(context)", at: keyToken,
        label: "not a property of \(context)",
        help: suggestion.map { "did you mean '\($0)'?" }
          ?? "allowed here: \(allowed.map { "'\($0)'" }.joined(separator: ", "))")
    }
    let value: PropertySyntax.Value
    if current.kind == .string {
      value = .string(try parseStringLiteral(.plain))
    } else if current.kind == .number || current.kind == .minus {
      value = .number(try parseLiteral("a number"))
    } else {
      try fail(.expectedToken, "expected a value for '\(key.text)', found \(describe(current))")
    }
    return PropertySyntax(name: key, value: value, span: span(from: keyToken))
  }

  mutating func checkDuplicate(_ property: PropertySyntax, seen: inout [String: PropertySyntax])
    -> PropertySyntax?
  {
    if let first = seen[property.name.text] {
      report(
        Diagnostic.error(
          .duplicateProperty, "'\(property.name.text)' is given twice", at: property.name.span,
          label: "second '\(property.name.text)'", help: "keep one of them"
        ).with(secondary: DiagnosticLabel(first.span, "first given")))
      return nil
    }
    seen[property.name.text] = property
    return property
  }

  // MARK: - ask

  mutating func parseAsk() throws(Failure) -> AskDeclSyntax {
    let keyword = advance()
    let template = try expectName("a template name after 'ask'")
    try expect(.dot, "'.' between template and slot", help: "write 'ask template.slot \"question?\"'")
    let slot = try expectName("a slot name after '.'")
    guard current.kind == .string else {
      try fail(
        .expectedToken, "expected the question as a string, found \(describe(current))",
        help: "write 'ask \(template.text).\(slot.text) \"the question to ask\"'")
    }
    let question = try parseStringLiteral(.plain)
    return AskDeclSyntax(template: template, slot: slot, question: question, span: span(from: keyword))
  }

  // MARK: - rule

  mutating func parseRule() throws(Failure) -> RuleDeclSyntax {
    let keyword = advance()
    let recoveriesBefore = recoveries
    let name = try expectName("a rule name after 'rule'")
    let title = current.kind == .string ? try parseStringLiteral(.plain) : nil
    var properties: [PropertySyntax] = []
    var seen: [String: PropertySyntax] = [:]
    var conditions: [ConditionSyntax]?
    var actions: [ActionSyntax]?
    var whenToken: Token?
    var thenToken: Token?
    var hasUnreadProperty = false

    _ = try parseBlock("rule '\(name.text)'") { (parser: inout Parser) throws(Failure) -> Void? in
      let token = parser.current
      if parser.isWord("when") {
        parser.advance()
        let parsed = try parser.parseBlock("'when' block") { (inner: inout Parser) throws(Failure) in
          try inner.parseCondition()
        }
        if let whenToken {
          parser.reportDuplicateBlock("when", token, first: whenToken)
        } else {
          whenToken = token
          conditions = parsed
        }
      } else if parser.isWord("then") {
        parser.advance()
        let parsed = try parser.parseBlock("'then' block") { (inner: inout Parser) throws(Failure) in
          try inner.parseAction()
        }
        if let thenToken {
          parser.reportDuplicateBlock("then", token, first: thenToken)
        } else {
          thenToken = token
          actions = parsed
        }
      } else {
        let property = try parser.parseProperty(
          allowed: Parser.ruleProperties + ["when", "then"], in: "a rule", failed: &hasUnreadProperty)
        if let kept = parser.checkDuplicate(property, seen: &seen) { properties.append(kept) }
      }
      return nil
    }
    let ruleSpan = span(from: keyword)
    if actions == nil, !hasUnreadProperty {
      report(
        .error(
          .missingProperty, "rule '\(name.text)' has no 'then' block", at: name.span,
          label: "nothing to do", help: "add 'then { … }' with what the rule concludes"))
    }
    return RuleDeclSyntax(
      name: name, title: title, properties: properties, conditions: conditions ?? [], actions: actions ?? [],
      span: ruleSpan, hasSyntaxErrors: recoveries > recoveriesBefore)
  }

  private mutating func reportDuplicateBlock(_ word: String, _ token: Token, first: Token) {
    report(
      Diagnostic.error(
        .duplicateProperty, "a rule has one '\(word)' block; this is the second", at: span(token),
        label: "second '\(word)'", help: "merge the two blocks into one"
      ).with(secondary: DiagnosticLabel(span(first), "first '\(word)' block")))
  }
}
