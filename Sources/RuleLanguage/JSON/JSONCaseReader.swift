import RuleEngine

/// Reads a case written as JSON (`cxdx.facts/1`, documented in docs/language.md) into the same
/// ``FactFileSyntax`` a `.facts` file gives, every node carrying the span of its JSON text, so
/// that the checker reports unknown kinds, slots and values at their JSON `line:column`.
///
/// ```json
/// {"format": "cxdx.facts/1",
///  "facts": [{"kind": "group", "slots": {"name": "supervisors", "support": "polite"}, "certainty": 0.7}],
///  "expect": ["complacency", "not turf-wars", "complacency >= 0.5"]}
/// ```
///
/// JSON has one string type where the language has two, so a string is read against the
/// vocabulary: a symbol when its slot is declared `symbol` or as allowed values, a string
/// otherwise. Shape errors are E0213; the reader goes on after each, so one pass reports them all.
public struct JSONCaseReader: Sendable {
  public static let format = "cxdx.facts/1"

  let file: SourceFile
  let vocabulary: Vocabulary
  var diagnostics: [Diagnostic] = []

  /// Parses and converts a JSON case; the checker's pass comes after, as for `.facts` files.
  public static func read(_ file: SourceFile, vocabulary: Vocabulary) -> (FactFileSyntax, [Diagnostic]) {
    var reader = JSONCaseReader(file: file, vocabulary: vocabulary)
    var syntax = FactFileSyntax(file: file.id, facts: [], expectations: [], comments: [])
    switch JSONParser.parse(file) {
    case .failure(let diagnostic):
      return (syntax, [diagnostic])
    case .success(let document):
      reader.readCase(document, into: &syntax)
      return (syntax, reader.diagnostics)
    }
  }

  // MARK: - The case

  private mutating func readCase(_ document: JSONSyntax, into syntax: inout FactFileSyntax) {
    guard case .object(let members) = document.value else {
      let isFactList: Bool
      if case .array = document.value { isFactList = true } else { isFactList = false }
      report(
        "a JSON case is an object, found \(document.description)", at: opening(document),
        label: "not an object",
        help: isFactList
          ? "wrap the facts: {\"format\": \"\(Self.format)\", \"facts\": [...]}"
          : "write {\"format\": \"\(Self.format)\", \"facts\": [...]}")
      return
    }
    let keys = uniqueMembers(members, allowed: ["format", "facts", "expect"], in: "a JSON case")
    if let format = keys["format"] {
      if case .string(let text, _) = format.value.value, text == Self.format {
      } else {
        let found: String
        if case .string(let text, _) = format.value.value {
          found = "\"\(text)\""
        } else {
          found = format.value.description
        }
        report(
          "unknown format \(found)", at: format.value.span, label: "not \(Self.format)",
          help: "this cxdx reads \"format\": \"\(Self.format)\"")
      }
    } else {
      report(
        "the case has no \"format\"", at: opening(document), label: "in this object",
        help: "add \"format\": \"\(Self.format)\" as its first member")
    }
    if let facts = keys["facts"] {
      if case .array(let elements) = facts.value.value {
        syntax.facts = elements.compactMap { readFact($0) }
      } else {
        report(
          "\"facts\" is an array of facts, found \(facts.value.description)", at: facts.value.span,
          label: "not an array", help: "write \"facts\": [{\"kind\": \"group\", \"slots\": {...}}, ...]")
      }
    } else {
      report(
        "the case has no \"facts\"", at: opening(document), label: "in this object",
        help: "add \"facts\": [...] with one object per fact")
    }
    if let expect = keys["expect"] {
      if case .array(let elements) = expect.value.value {
        syntax.expectations = elements.compactMap { readExpectation($0) }
      } else {
        report(
          "\"expect\" is an array of strings, found \(expect.value.description)", at: expect.value.span,
          label: "not an array", help: "write \"expect\": [\"complacency\", \"not turf-wars\"]")
      }
    }
  }

  // MARK: - Facts

  private mutating func readFact(_ node: JSONSyntax) -> FactSyntax? {
    guard case .object(let members) = node.value else {
      report(
        "a fact is an object such as {\"kind\": \"group\", \"slots\": {...}}, found \(node.description)",
        at: node.span, label: "not a fact")
      return nil
    }
    let keys = uniqueMembers(members, allowed: ["kind", "slots", "certainty"], in: "a fact")
    guard let kindMember = keys["kind"] else {
      report(
        "a fact has no \"kind\"", at: opening(node), label: "this fact",
        help: "name its kind: {\"kind\": \"group\", \"slots\": {...}}")
      return nil
    }
    guard case .string(let kindText, _) = kindMember.value.value else {
      report(
        "\"kind\" is a string naming the fact's kind, found \(kindMember.value.description)",
        at: kindMember.value.span, label: "not a string")
      return nil
    }
    guard Self.isName(kindText) else {
      report(
        "\"\(kindText)\" is not a kind name", at: kindMember.value.span, label: "not a name",
        help: "kinds are names such as \"group\" or \"metric\", declared in the rules")
      return nil
    }
    let kind = NameSyntax(kindText, span: kindMember.value.innerSpan)
    var values: [FactValueSyntax] = []
    if let slots = keys["slots"] {
      if case .object(let slotMembers) = slots.value.value {
        // Duplicate slots are kept: the checker reports them (E0206), as in a `.facts` file.
        values = slotMembers.compactMap { readSlot($0, kind: kindText) }
      } else {
        report(
          "\"slots\" is an object of slot names and values, found \(slots.value.description)",
          at: slots.value.span, label: "not an object",
          help: "write \"slots\": {\"name\": \"NPS\", \"trend\": \"flat\"}")
      }
    }
    var certainty: LiteralSyntax?
    if let member = keys["certainty"] {
      certainty = literal(member.value, readAsSymbol: false, what: "certainty")
    }
    return FactSyntax(kind: kind, values: values, certainty: certainty, span: node.span)
  }

  private mutating func readSlot(_ member: JSONMember, kind: String) -> FactValueSyntax? {
    let slot = vocabulary.template(named: kind)?.slot(named: member.key)
    let readAsSymbol: Bool
    switch slot?.type {
    case .symbol?, .oneOf?: readAsSymbol = true
    default: readAsSymbol = false
    }
    guard let value = literal(member.value, readAsSymbol: readAsSymbol, what: "slot \"\(member.key)\"") else {
      return nil
    }
    if readAsSymbol, case .symbol(let text) = value.value, slot?.type == .symbol, !Self.isName(text) {
      report(
        "\"\(text)\" is not a symbol", at: member.value.span, label: "not a name",
        help: "\(kind).\(member.key) takes a symbol: a word of letters, digits, '-' and '_'")
      return nil
    }
    let label = NameSyntax(member.key, span: member.keySyntax.innerSpan)
    return FactValueSyntax(label: label, value: value, span: member.keySyntax.span.union(member.value.span))
  }

  /// A slot or certainty value as a literal; objects, arrays and null are not values.
  private mutating func literal(_ node: JSONSyntax, readAsSymbol: Bool, what: String) -> LiteralSyntax? {
    switch node.value {
    case .string(let text, _):
      return LiteralSyntax(readAsSymbol ? .symbol(text) : .string(text), span: node.span)
    case .number(let number):
      return LiteralSyntax(.number(number), span: node.span)
    case .boolean(let flag):
      return LiteralSyntax(.boolean(flag), span: node.span)
    case .null:
      report(
        "\(what) is null", at: node.span, label: "not a value",
        help: what == "certainty"
          ? "leave it out: a fact is certain unless it says otherwise"
          : "leave it out: a slot not given is unknown")
    case .object, .array:
      let isList: Bool
      if case .array = node.value { isList = true } else { isList = false }
      report(
        "\(what) holds \(node.description); a value is a string, a number, true or false", at: opening(node),
        label: "not a value",
        help: what == "certainty"
          ? "a certainty is a number above 0 and at most 1, such as 0.7"
          : isList
            ? "a slot holds one value; state a second fact for a second value" : "give the value itself")
    }
    return nil
  }

  // MARK: - Helpers

  /// The members of an object by key; unknown and repeated keys are reported and left out.
  private mutating func uniqueMembers(_ members: [JSONMember], allowed: [String], in place: String)
    -> [String: JSONMember]
  {
    var found: [String: JSONMember] = [:]
    for member in members {
      guard allowed.contains(member.key) else {
        let suggestion = member.key.closestMatch(in: allowed)
        report(
          "unknown key \"\(member.key)\" in \(place)", at: member.keySyntax.span, label: "not a key here",
          help: suggestion.map { "did you mean \"\($0)\"?" }
            ?? "the keys are \(allowed.map { "\"\($0)\"" }.joined(separator: ", "))")
        continue
      }
      if let first = found[member.key] {
        diagnostics.append(
          Diagnostic.error(
            .wrongJSONShape, "the key \"\(member.key)\" is given twice in \(place)",
            at: member.keySyntax.span,
            label: "again", help: "keep one"
          ).with(secondary: DiagnosticLabel(first.keySyntax.span, "first given")))
        continue
      }
      found[member.key] = member
    }
    return found
  }

  /// The span of a container's opening bracket (the whole value for a scalar), so that a
  /// caret does not run over many lines.
  private func opening(_ node: JSONSyntax) -> SourceSpan {
    switch node.value {
    case .object, .array: SourceSpan(file: node.span.file, start: node.span.start, end: node.span.start + 1)
    default: node.span
    }
  }

  mutating func report(_ message: String, at span: SourceSpan, label: String, help: String? = nil) {
    diagnostics.append(.error(.wrongJSONShape, message, at: span, label: label, help: help))
  }

  /// Whether `text` can be written as a name (a kind, slot, diagnosis or symbol) in the
  /// rule language: letters, digits, `_` and `-`, starting with a letter or `_`, or with
  /// digits followed directly by a letter (`3x3`).
  static func isName(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    func isLetter(_ byte: UInt8) -> Bool {
      (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
        || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
        || byte == UInt8(ascii: "_")
    }
    func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    guard let first = bytes.first else { return false }
    if !isLetter(first) {
      guard isDigit(first), let afterDigits = bytes.first(where: { !isDigit($0) }), isLetter(afterDigits)
      else {
        return false
      }
    }
    return bytes.allSatisfy { isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "-") }
  }
}
