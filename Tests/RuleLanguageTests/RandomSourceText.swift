import TestSupport

/// Random rule and case files that parse cleanly, written with odd spacing, blank lines and
/// comments between tokens, for the formatter's round-trip tests. They need not pass the
/// checker: the formatter only requires a file to parse.
struct RandomSourceText {
  private var random: SeededGenerator
  private var tokens: [String] = []
  /// The templates declared, with their slots, so case files can name them in any order.
  private(set) var templates: [String: [String]] = [:]

  init(seed: UInt64) { random = SeededGenerator(seed: seed) }

  private static let symbols = ["flat", "rising", "polite", "yes", "no", "high", "low", "six-sigma", "3x3"]
  private static let kinds = ["group", "metric", "program", "team", "step", "review"]
  private static let slots = ["name", "level", "support", "years", "trend", "kind", "score", "view"]
  private static let words = ["budget", "the team", "NPS", "a b", "x", "flat for years", "\\\"quoted\\\""]

  // MARK: - Choices

  private mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }
  private mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &random)] }
  private mutating func count(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }

  private mutating func emit(_ token: String) { tokens.append(token) }

  // MARK: - Layout

  /// The tokens joined by random white space, line breaks and comments. Nothing is glued
  /// where two tokens would merge or where a keyword would touch a '('.
  private mutating func layout() -> String {
    let free: Set<String> = ["(", "{", ",", ":"]
    let freeBefore: Set<String> = [")", "}", ",", ":"]
    var text = chance(30) ? "# header comment\n\n" : ""
    // Some files have no comment between tokens, so that the canonical layout is exercised,
    // not only the written layout kept around a comment.
    let commentPercent = pick([0, 0, 1, 3, 10])
    for (index, token) in tokens.enumerated() {
      if index > 0 {
        let previous = tokens[index - 1]
        let mayTouch = free.contains(previous) || freeBefore.contains(token)
        if chance(commentPercent) {
          text += chance(50) ? " # trailing \(index)  \n" : "\n# own line \(index)\n"
        } else {
          switch count(0...99) {
          case 0..<25 where mayTouch: text += ""
          case 0..<65: text += " "
          case 65..<75: text += "   "
          case 75..<88: text += "\n  "
          case 88..<94: text += "\n\n"
          default: text += "\t"
          }
        }
      }
      text += token
    }
    if chance(30) { text += "  # last" }
    text += chance(80) ? "\n" : ""
    // Some files come from Windows, some with a byte-order mark.
    if chance(10) { text = text.replacing("\n", with: "\r\n") }
    if chance(5) { text = "\u{FEFF}" + text }
    return text
  }

  // MARK: - Rule files

  mutating func ruleFile() -> String {
    tokens = []
    for _ in 0..<count(1...2) { template() }
    if chance(60) { diagnosis() }
    if chance(40) { ask() }
    for _ in 0..<count(1...3) { rule() }
    return layout()
  }

  private mutating func template() {
    let name = "t\(templates.count)-" + pick(Self.kinds)
    var slots: [String] = []
    emit("template")
    emit(name)
    emit("{")
    for slot in Self.slots.shuffled(using: &random).prefix(count(1...4)) {
      slots.append(slot)
      emit(slot)
      emit(":")
      if chance(50) {
        emit(pick(["string", "number", "symbol", "boolean", "any"]))
      } else {
        emit(pick(Self.symbols))
        for _ in 0..<count(1...3) {
          emit("|")
          emit(pick(Self.symbols))
        }
      }
      if chance(30) {
        emit("=")
        literal()
      }
      if chance(15) { emit(pick([",", ";"])) }
    }
    emit("}")
    templates[name] = slots
  }

  private mutating func diagnosis() {
    emit("diagnosis")
    emit(pick(["complacency", "turf-wars", "d1"]))
    emit("{")
    for property in ["title", "summary", "source", "remedy"] where property == "title" || chance(60) {
      emit(property)
      string(pieces: count(1...3), interpolated: false)
    }
    emit("}")
  }

  private mutating func ask() {
    emit("ask")
    emit(pick(Self.kinds))
    emit(".")
    emit(pick(Self.slots))
    string(pieces: count(1...2), interpolated: false)
  }

  private mutating func rule() {
    emit("rule")
    emit("r\(count(0...999))")
    if chance(60) { string(pieces: count(1...2), interpolated: false) }
    emit("{")
    var parts = ["source", "when", "then"]
    if chance(30) { parts.append("salience") }
    for part in parts.shuffled(using: &random) {
      switch part {
      case "source":
        emit("source")
        string(pieces: 1, interpolated: false)
      case "salience":
        emit("salience")
        if chance(40) { emit("-") }
        emit("\(count(0...50))")
      case "when":
        emit("when")
        block { generator in generator.condition(depth: 0) }
      default:
        emit("then")
        block { generator in generator.action(depth: 0) }
      }
    }
    emit("}")
  }

  private mutating func block(_ item: (inout RandomSourceText) -> Void) {
    emit("{")
    for _ in 0..<count(0...3) {
      item(&self)
      // Not ',': after `retract ?f` or `print ?x` it would continue the list.
      if chance(10) { emit(";") }
    }
    emit("}")
  }

  // MARK: - Conditions

  private mutating func condition(depth: Int) {
    switch count(0...(depth < 2 ? 9 : 5)) {
    case 0...3: pattern(binding: depth == 0 && chance(20))
    case 4:
      emit("count")
      pattern(binding: false, filter: false)
      if chance(50) {
        emit("distinct")
        variable()
      }
      emit("as")
      variable()
      if chance(50) {
        emit("where")
        expression(depth: 0, interpolated: false)
      }
    case 5:
      emit("test")
      expression(depth: 1, interpolated: false, parenthesisFirst: false)
    case 6, 7:
      emit(pick(["not", "exists"]))
      if chance(50) {
        pattern(binding: false)
      } else {
        block { generator in generator.condition(depth: depth + 1) }
      }
    default:
      emit("either")
      block { generator in generator.condition(depth: depth + 1) }
      for _ in 0..<count(1...2) {
        emit("or")
        block { generator in generator.condition(depth: depth + 1) }
      }
    }
  }

  private mutating func pattern(binding: Bool, filter: Bool = true) {
    if binding {
      variable()
      emit("<-")
    }
    emit(pick(Self.kinds))
    emit("(")
    var first = true
    let positional = chance(30) ? count(1...2) : 0
    for _ in 0..<positional {
      if !first { emit(",") }
      first = false
      constraint()
    }
    for slot in Self.slots.shuffled(using: &random).prefix(count(0...3)) {
      if !first { emit(",") }
      first = false
      emit(slot)
      emit(":")
      constraint()
    }
    if !first, chance(10) { emit(",") }
    emit(")")
    if filter, chance(25) {
      emit("where")
      expression(depth: 0, interpolated: false)
    }
  }

  private mutating func constraint() {
    for conjunct in 0..<count(1...2) {
      if conjunct > 0 { emit("&") }
      for alternative in 0..<count(1...2) {
        if alternative > 0 { emit("|") }
        if chance(30) { emit(pick(["=", "!=", "<", "<=", ">", ">="])) }
        if chance(60) {
          literal()
        } else if chance(70) {
          variable()
        } else {
          // Only arithmetic binds inside a constraint: anything else goes in parentheses.
          emit("(")
          expression(depth: 1, interpolated: false)
          emit(")")
        }
      }
    }
  }

  // MARK: - Actions

  private mutating func action(depth: Int) {
    switch count(0...(depth < 2 ? 10 : 8)) {
    case 0, 1:
      emit(pick(["assert", "derive"]))
      emit(pick(Self.kinds))
      slotValues()
    case 2:
      emit("retract")
      variable()
      if chance(30) {
        emit(",")
        variable()
      }
    case 3:
      emit("modify")
      variable()
      slotValues(named: true)
    case 4, 5:
      emit("suspect")
      emit(pick(["complacency", "d1"]))
      if chance(30) { emit("-") }
      emit(pick(["0.5", "0.15", "1", "0.60"]))
      if chance(70) { string(pieces: count(1...3), interpolated: true) }
    case 6:
      emit(pick(["print", "write"]))
      expression(depth: 0, interpolated: true)
      for _ in 0..<count(0...2) {
        emit(",")
        expression(depth: 1, interpolated: true)
      }
    case 7:
      emit("let")
      variable()
      emit("=")
      expression(depth: 0, interpolated: true)
    case 8: emit("halt")
    default:
      emit("if")
      expression(depth: 1, interpolated: true)
      block { generator in generator.action(depth: depth + 1) }
      for _ in 0..<count(0...1) {
        emit("else")
        emit("if")
        expression(depth: 1, interpolated: true)
        block { generator in generator.action(depth: depth + 1) }
      }
      if chance(50) {
        emit("else")
        block { generator in generator.action(depth: depth + 1) }
      }
    }
  }

  private mutating func slotValues(named: Bool = false) {
    emit("(")
    let positional = named ? 0 : (chance(30) ? count(1...2) : 0)
    var first = true
    for _ in 0..<positional {
      if !first { emit(",") }
      first = false
      expression(depth: 1, interpolated: true)
    }
    for slot in Self.slots.shuffled(using: &random).prefix(count(named ? 1...3 : 0...3)) {
      if !first { emit(",") }
      first = false
      emit(slot)
      emit(":")
      expression(depth: 1, interpolated: true)
    }
    emit(")")
  }

  // MARK: - Expressions and values

  private mutating func expression(depth: Int, interpolated: Bool, parenthesisFirst: Bool = true) {
    switch count(0...(depth < 3 ? 9 : 4)) {
    case 0, 1: literal()
    case 2, 3: variable()
    case 4: string(pieces: count(1...2), interpolated: interpolated)
    case 5, 6:
      expression(depth: depth + 1, interpolated: interpolated, parenthesisFirst: parenthesisFirst)
      emit(pick(["+", "-", "*", "/", "%", "=", "!=", "<", ">=", "and", "or"]))
      expression(depth: depth + 1, interpolated: interpolated)
    case 7:
      emit(pick(["-", "not"]))
      expression(depth: depth + 1, interpolated: interpolated)
    case 8:
      emit(pick(["abs", "min", "max", "concat", "str"]))
      emit("(")
      for argument in 0..<count(1...3) {
        if argument > 0 { emit(",") }
        expression(depth: depth + 1, interpolated: interpolated)
      }
      emit(")")
    default:
      if !parenthesisFirst {
        variable()
        return
      }
      emit("(")
      expression(depth: depth + 1, interpolated: interpolated)
      emit(")")
    }
  }

  private mutating func variable() { emit(pick(["?x", "?y", "?who", "?n-1", "?_", "?f"])) }

  private mutating func literal() {
    switch count(0...5) {
    case 0: emit(pick(Self.symbols))
    case 1: string(pieces: 1, interpolated: false)
    case 2: emit(pick(["true", "false"]))
    case 3:
      emit("-")
      emit(pick(["1", "0.5", "2.5E+2", "1e-3"]))
    default: emit(pick(["0", "3", "0.70", "1e6", "10"]))
    }
  }

  private mutating func string(pieces: Int, interpolated: Bool) {
    for _ in 0..<pieces {
      var text = pick(Self.words)
      if interpolated, chance(40) { text += " {?who}" }
      if chance(10) { text += " \\{braces\\}" }
      emit("\"" + text + "\"")
    }
  }

  // MARK: - Case files

  /// A case file over the templates of the rule files generated before, when any.
  mutating func caseFile() -> String {
    tokens = []
    let kinds = templates.isEmpty ? Self.kinds : templates.keys.sorted()
    for _ in 0..<count(1...6) {
      if chance(25) {
        emit("expect")
        if chance(50) { emit(pick(["not", "unassessed"])) }
        emit(pick(["complacency", "turf-wars"]))
        if chance(30) {
          emit(pick(["=", "!=", "<", "<=", ">", ">="]))
          if chance(30) { emit("-") }
          emit("0.5")
        }
        continue
      }
      let kind = pick(kinds)
      emit(kind)
      emit("(")
      var first = true
      if chance(20) {
        literal()
        first = false
      }
      let slots = templates[kind] ?? Self.slots
      for slot in slots.shuffled(using: &random).prefix(count(0...slots.count)) {
        if !first { emit(",") }
        first = false
        emit(slot)
        emit(":")
        literal()
      }
      emit(")")
      if chance(20) {
        emit("certainty")
        emit(pick(["0.7", "1", "0.25"]))
      }
    }
    return layout()
  }
}
