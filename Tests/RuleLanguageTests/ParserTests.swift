import RuleEngine
import Testing

@testable import RuleLanguage

/// One test per construct of the rule language: it parses into the expected syntax tree.
@Suite struct ParserTests {
  private func parse(_ text: String) -> (RuleFileSyntax, [Diagnostic]) {
    var sources = SourceFiles()
    return Parser.parseRules(sources.add(path: "t.rules", text: text))
  }

  private func rule(_ text: String) throws -> RuleDeclSyntax {
    let (syntax, diagnostics) = parse(text)
    #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
    guard case .rule(let rule)? = syntax.declarations.first else {
      Issue.record("no rule parsed")
      throw ParseFailed()
    }
    return rule
  }

  private struct ParseFailed: Error {}

  @Test func templateWithTypesEnumerationsAndDefault() throws {
    let (syntax, diagnostics) = parse(
      """
      template metric {
        name: string
        kind: customer | financial = customer
        years: number
      }
      """)
    #expect(diagnostics.isEmpty)
    guard case .template(let template)? = syntax.declarations.first else {
      Issue.record("no template")
      return
    }
    #expect(template.name.text == "metric")
    #expect(template.slots.map(\.name.text) == ["name", "kind", "years"])
    #expect(
      template.slots[1].type
        == .enumeration([
          NameSyntax("customer", span: template.slots[1].type.spanOfFirstValue),
          NameSyntax("financial", span: template.slots[1].type.spanOfSecondValue),
        ]))
    #expect(template.slots[1].defaultValue?.value == .symbol("customer"))
    if case .basic(.number, _) = template.slots[2].type {} else { Issue.record("years is not a number") }
  }

  @Test func diagnosisPropertiesAndJoinedStrings() {
    let (syntax, diagnostics) = parse(
      """
      diagnosis complacency {
        title "We already do it"
        summary "part one, "
          "part two"
        source "000.txt"
      }
      """)
    #expect(diagnostics.isEmpty)
    guard case .diagnosis(let diagnosis)? = syntax.declarations.first else {
      Issue.record("none")
      return
    }
    #expect(diagnosis.property("summary")?.stringValue == "part one, part two")
    #expect(diagnosis.property("source")?.stringValue == "000.txt")
  }

  @Test func askDeclaration() {
    let (syntax, diagnostics) = parse("ask group.support \"How do they respond?\"")
    #expect(diagnostics.isEmpty)
    guard case .ask(let ask)? = syntax.declarations.first else {
      Issue.record("none")
      return
    }
    #expect(ask.template.text == "group" && ask.slot.text == "support")
    #expect(ask.question.plainText == "How do they respond?")
  }

  @Test func ruleWithPropertiesPatternsAndSuspect() throws {
    let rule = try rule(
      """
      rule r "A title" {
        source "000.txt"
        salience -20
        when {
          group(name: ?who, support: enthusiastic)
          metric(trend: flat | slight-rise, years: ?y) where ?y >= 2
        }
        then { suspect complacency 0.5 "{?who} for {?y} years" }
      }
      """)
    #expect(rule.title?.plainText == "A title")
    #expect(rule.property("salience")?.numberValue == -20)
    #expect(rule.conditions.count == 2)
    guard case .pattern(let second) = rule.conditions[1] else {
      Issue.record("not a pattern")
      return
    }
    #expect(second.filter != nil)
    guard case .anyOf(let alternatives, _) = second.arguments[0].constraint else {
      Issue.record("no |")
      return
    }
    #expect(alternatives.count == 2)
    guard case .suspect(let suspect) = rule.actions.first else {
      Issue.record("no suspect")
      return
    }
    #expect(suspect.diagnosis.text == "complacency")
    #expect(suspect.because?.parts.count == 4)
  }

  @Test func factBindingNegationExistsEitherCountAndTest() throws {
    let rule = try rule(
      """
      rule r {
        when {
          ?p <- possible(row: ?r, value: ?v & != any)
          not solved(row: ?r, value: ?v)
          not { a(x: ?r) b(y: ?r) }
          exists initiative(coordinated: no)
          either { x(a: 1) } or { y(b: 2) } or { z(c: 3) }
          count initiative(methodology: ?m) distinct ?m as ?n where ?n >= 3
          test ?r > 1 and not (?v = 2)
        }
        then { retract ?p }
      }
      """)
    #expect(rule.conditions.count == 7)
    guard case .pattern(let first) = rule.conditions[0] else {
      Issue.record("not a pattern")
      return
    }
    #expect(first.binding?.name == "p")
    guard case .allOf(let parts, _) = first.arguments[1].constraint else {
      Issue.record("no &")
      return
    }
    guard case .term(.notEqual, _, _) = parts[1] else {
      Issue.record("no !=")
      return
    }
    guard case .not(let group, _) = rule.conditions[2] else {
      Issue.record("no not group")
      return
    }
    #expect(group.count == 2)
    guard case .either(let alternatives, _) = rule.conditions[4] else {
      Issue.record("no either")
      return
    }
    #expect(alternatives.count == 3)
    guard case .count(let count) = rule.conditions[5] else {
      Issue.record("no count")
      return
    }
    #expect(count.distinct.map(\.name) == ["m"] && count.result.name == "n" && count.filter != nil)
    guard case .test(.binary(.and, _, .unary(.not, _, _), _), _) = rule.conditions[6] else {
      Issue.record("test did not parse as and/not")
      return
    }
  }

  @Test func factBindingsInsideNegatedGroupsAreRejected() {
    for text in [
      "rule r { when { not { ?g <- a(x: 1) } } then { halt } }",
      "rule r { when { exists { b(y: 2) ?g <- a(x: 1) } } then { halt } }",
      "rule r { when { not { either { ?g <- a(x: 1) } or { b(y: 2) } } } then { halt } }",
    ] {
      let (_, diagnostics) = parse(text)
      #expect(diagnostics.map(\.code) == [.invalidFactBinding], "\(text)")
    }
    // Outside a group, and after one, bindings are fine.
    let (_, diagnostics) = parse("rule r { when { not { a(x: 1) } ?g <- a(x: 2) } then { retract ?g } }")
    #expect(diagnostics.isEmpty)
  }

  @Test func charactersFromOtherLanguagesAreReadAsMeantAfterTheError() {
    let (syntax, diagnostics) = parse(
      "rule r { when { group(name: $who, sup\u{200B}port: 'polite', view: \u{201C}x y\u{201D}) } then { halt } }"
    )
    #expect(
      diagnostics.map(\.code) == [
        .unexpectedCharacter, .unexpectedCharacter, .unexpectedCharacter, .unexpectedCharacter,
      ])
    guard case .rule(let rule)? = syntax.declarations.first,
      case .pattern(let pattern)? = rule.conditions.first
    else {
      Issue.record("no pattern")
      return
    }
    #expect(pattern.arguments.map(\.label?.text) == ["name", "support", "view"])
    guard case .term(_, .variable(let who), _) = pattern.arguments[0].constraint,
      case .term(_, .string(let polite), _) = pattern.arguments[1].constraint,
      case .term(_, .string(let quoted), _) = pattern.arguments[2].constraint
    else {
      Issue.record("wrong constraints: \(pattern.arguments)")
      return
    }
    #expect(who.name == "who" && polite.plainText == "polite" && quoted.plainText == "x y")
  }

  @Test func patternOnTemplateNamedLikeAKeyword() throws {
    let rule = try rule("rule r { when { count(c: ?c) not(x: 1) } then { halt } }")
    guard case .pattern(let first) = rule.conditions[0], case .pattern(let second) = rule.conditions[1] else {
      Issue.record("keywords followed by '(' must be patterns")
      return
    }
    #expect(first.kind.text == "count" && second.kind.text == "not")
  }

  @Test func stringsInterpolateInActionsOnly() throws {
    // In a condition a string is matched as written, braces included.
    let plain = try rule(
      #"rule r { when { a(x: ?x, y: "a{b}" | "\{?x}") where ?x != "{}" } then { print "{?x}" } }"#)
    guard case .pattern(let pattern) = plain.conditions[0],
      case .anyOf(let alternatives, _) = pattern.arguments[1].constraint,
      case .term(_, .string(let braces), _) = alternatives[0],
      case .term(_, .string(let escaped), _) = alternatives[1],
      case .binary(.notEqual, _, .string(let empty), _)? = pattern.filter,
      case .print(let printed, _, _) = plain.actions[0], case .string(let interpolated) = printed[0]
    else {
      Issue.record("unexpected shape: \(plain)")
      return
    }
    #expect(braces.plainText == "a{b}" && escaped.plainText == "{?x}" && empty.plainText == "{}")
    #expect(interpolated.plainText == nil && interpolated.parts.count == 1)
    // `{?var}` in a condition looks like an interpolation that would not happen.
    for text in [
      #"rule r { when { a(x: ?x, y: "{?x}") } then { halt } }"#,
      #"rule r { when { a(x: ?x) where ?x = "n {?x}" } then { halt } }"#,
      #"rule r { when { a(x: ?x) test ?x = "{?x}" } then { halt } }"#,
      #"rule r { when { count a(x: ?x) as ?n where ?n = "{?n}" } then { halt } }"#,
    ] {
      let (_, diagnostics) = parse(text)
      #expect(diagnostics.map(\.code) == [.invalidInterpolation], "\(text)")
    }
    // In actions, `if` tests included, `{?var}` is filled in and any other `{` is an error.
    #expect(parse(#"rule r { when { a(x: ?x) } then { if ?x = "{?x}" { print "{?x}" } } }"#).1.isEmpty)
    #expect(parse(#"rule r { then { print "a{b}" } }"#).1.map(\.code) == [.invalidInterpolation])
  }

  @Test func aKeywordIsAPatternOnlyWhenTouchingItsParenthesis() throws {
    let rule = try rule(
      """
      rule r {
        when {
          a(x: ?a, y: ?b)
          test (?a > ?b) and (?b > 1)
          test(x: 1)
          not(x: 1)
          b (y: 2)
        }
        then { halt }
      }
      """)
    #expect(rule.conditions.count == 5)
    guard case .test(.binary(.and, .binary(.greater, _, _, _), _, _), _) = rule.conditions[1] else {
      Issue.record("'test (…)' is not a test: \(rule.conditions[1])")
      return
    }
    guard case .pattern(let test) = rule.conditions[2], case .pattern(let not) = rule.conditions[3] else {
      Issue.record("'test(' and 'not(' are not patterns")
      return
    }
    #expect(test.kind.text == "test" && not.kind.text == "not")
    // Any other word followed by '(' is a pattern, space or not.
    guard case .pattern(let spaced) = rule.conditions[4] else {
      Issue.record("'b (y: 2)' is not a pattern")
      return
    }
    #expect(spaced.kind.text == "b")
    for text in [
      "rule r { when { not (a(x: 1)) } then { halt } }",
      "rule r { when { exists (a(x: 1)) } then { halt } }",
      "rule r { when { count (a(x: 1)) as ?n } then { halt } }",
    ] {
      let (_, diagnostics) = parse(text)
      #expect(diagnostics.map(\.code) == [.expectedToken], "\(text)")
    }
  }

  @Test func positionalArguments() throws {
    let rule = try rule("rule r { when { phase(elimination) } then { assert phase(match) } }")
    guard case .pattern(let pattern) = rule.conditions[0] else {
      Issue.record("no pattern")
      return
    }
    #expect(pattern.arguments.first?.label == nil)
  }

  @Test func expressionPrecedence() throws {
    let rule = try rule("rule r { when { a(x: ?x) } then { let ?y = 1 + 2 * ?x - -3 % 2 } }")
    guard case .bind(_, let expression, _) = rule.actions[0] else {
      Issue.record("no let")
      return
    }
    // 1 + (2 * ?x) - ((-3) % 2)
    guard
      case .binary(
        .subtract, .binary(.add, _, .binary(.multiply, _, _, _), _), .binary(.remainder, _, _, _), _) =
        expression
    else {
      Issue.record("wrong precedence: \(expression)")
      return
    }
  }

  @Test func everyAction() throws {
    let rule = try rule(
      """
      rule r {
        when { ?f <- count(c: ?c) }
        then {
          assert seat(n: ?c + 1)
          derive stall(years: 2)
          modify ?f(c: ?c + 1)
          print "seat ", ?c
          write "no newline"
          let ?d = max(?c, 3)
          suspect complacency -0.6
          if ?c > 2 { print "many" }
          retract ?f
          halt
        }
      }
      """)
    let kinds = rule.actions.map { action -> String in
      switch action {
      case .assert: "assert"
      case .derive: "derive"
      case .modify: "modify"
      case .print(_, let newline, _): newline ? "print" : "write"
      case .bind: "let"
      case .suspect: "suspect"
      case .retract: "retract"
      case .conditional: "if"
      case .halt: "halt"
      }
    }
    #expect(
      kinds == ["assert", "derive", "modify", "print", "write", "let", "suspect", "if", "retract", "halt"])
  }

  @Test func ifElseIfElseChainsAndNests() throws {
    let rule = try rule(
      """
      rule r {
        when { a(x: ?x) }
        then {
          if ?x > 10 { print "big" }
          else if ?x > 5 {
            if ?x = 7 { print "seven" } else { print "not seven" }
          } else if ?x > 2 { } else {
            let ?y = 1
            print ?y
          }
          if ?x < 0 { halt }
        }
      }
      """)
    #expect(rule.actions.count == 2)
    guard case .conditional(let chain) = rule.actions[0] else {
      Issue.record("no if")
      return
    }
    #expect(chain.branches.count == 3)
    #expect(chain.branches.map(\.actions.count) == [1, 1, 0])
    #expect(chain.otherwise?.count == 2)
    guard case .binary(.greater, _, _, _) = chain.branches[1].test,
      case .conditional(let inner) = chain.branches[1].actions[0]
    else {
      Issue.record("the else-if branch does not hold the nested if")
      return
    }
    #expect(inner.branches.count == 1 && inner.otherwise?.count == 1)
    guard case .conditional(let plain) = rule.actions[1] else {
      Issue.record("no second if")
      return
    }
    #expect(plain.branches.count == 1 && plain.otherwise == nil)
  }

  @Test func ifNeedsATestAndBraces() {
    for (text, code) in [
      ("rule r { then { if { halt } } }", DiagnosticCode.expectedToken),
      ("rule r { then { if true halt } }", .expectedToken),
      ("rule r { then { if true { halt } else halt } }", .expectedToken),
      ("rule r { then { if true { halt } else if { halt } } }", .expectedToken),
    ] {
      let (_, diagnostics) = parse(text)
      #expect(diagnostics.map(\.code) == [code], "\(text)")
    }
  }

  @Test func eachElseIfCountsAsOneLevelOfNesting() {
    // The rule's braces and `then {` take two levels; the `if` branch block one more.
    let allowed = Parser.maximumNesting - 3
    func chain(_ count: Int) -> String {
      "rule r { then { if true { halt }" + String(repeating: " else if true { halt }", count: count)
        + " } }"
    }
    #expect(parse(chain(allowed)).1.isEmpty)
    #expect(parse(chain(allowed + 1)).1.map(\.code) == [.nestingTooDeep])
    #expect(parse(chain(10_000)).1.map(\.code) == [.nestingTooDeep])
  }

  @Test func factFileWithCertaintyAndExpectations() {
    var sources = SourceFiles()
    let file = sources.add(
      path: "c.facts",
      text: """
        group(name: "a", support: polite) certainty 0.7
        metric(name: "NPS", trend: flat, years: 3)
        expect complacency
        expect not turf-wars
        expect unassessed data-hoarding
        expect complacency >= 0.5
        """)
    let (syntax, diagnostics) = Parser.parseFacts(file)
    #expect(diagnostics.isEmpty)
    #expect(syntax.facts.count == 2)
    #expect(syntax.facts[0].certainty?.value == .number(0.7))
    #expect(syntax.expectations.map(\.outcome) == [.present, .absent, .unassessed, .present])
    #expect(syntax.expectations[3].bound?.0 == .greaterOrEqual)
  }

  @Test func everyNodeHasASourceLocation() throws {
    let text = "rule r { when { group(name: ?who) } then { suspect complacency 0.5 } }"
    let rule = try rule(text)
    guard case .pattern(let pattern) = rule.conditions[0] else {
      Issue.record("no pattern")
      return
    }
    #expect(pattern.kind.span.start == text.utf8Offset(of: "group"))
    #expect(pattern.arguments[0].label?.span.start == text.utf8Offset(of: "name"))
    #expect(rule.actions[0].span.start == text.utf8Offset(of: "suspect"))
  }
}

extension String {
  func utf8Offset(of needle: String) -> Int? {
    range(of: needle).map { utf8.distance(from: startIndex, to: $0.lowerBound) }
  }
}

extension SlotTypeSyntax {
  fileprivate var spanOfFirstValue: SourceSpan {
    if case .enumeration(let names) = self { return names[0].span }
    return .synthetic
  }
  fileprivate var spanOfSecondValue: SourceSpan {
    if case .enumeration(let names) = self, names.count > 1 { return names[1].span }
    return .synthetic
  }
}
