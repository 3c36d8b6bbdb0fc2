import RuleEngine

/// Changes to a case's stated facts for a what-if run: facts to state (`--set`) and patterns
/// whose matching facts to remove (`--unset`). Each is parsed and checked like a line of a
/// case file, so a mistake gets the usual diagnostic with a caret.
///
/// Applied to a case, unsets go first, then sets. A set fact *replaces* the stated facts it
/// names and keeps their other slots: those of its kind with the same `name`, when it gives a
/// name; the case's only fact of its kind, when it gives none. Otherwise it is added.
public struct FactEdits: Sendable {
  public private(set) var sets: [FactSyntax] = []
  public private(set) var unsets: [FactSyntax] = []

  public var isEmpty: Bool { sets.isEmpty && unsets.isEmpty }

  public init() {}

  /// Parses each text as exactly one fact, against the rule base's vocabulary. The texts join
  /// the rule base's sources as files named `--set`, `--set#2`, …, `--unset`, …, so diagnostics
  /// and explanations can cite them.
  public static func parse(sets: [String], unsets: [String], into ruleBase: inout LoadedRuleBase)
    -> Result<FactEdits, FactEditError>
  {
    var edits = FactEdits()
    var diagnostics: [Diagnostic] = []
    for (flag, texts) in [("--set", sets), ("--unset", unsets)] {
      for (index, text) in texts.enumerated() {
        let name = index == 0 ? flag : "\(flag)#\(index + 1)"
        let file = ruleBase.sources.add(path: name, text: text)
        let (syntax, parseDiagnostics) = Parser.parseFacts(file)
        let found = parseDiagnostics + Checker.check(factFile: syntax, vocabulary: ruleBase.vocabulary)
        diagnostics += found
        guard !found.hasErrors else { continue }
        guard syntax.facts.count == 1, syntax.expectations.isEmpty else {
          return .failure(
            FactEditError(
              "\(flag) takes one fact; '\(text)' holds \(syntax.facts.count + syntax.expectations.count) items",
              help: "give \(flag) once per fact, e.g. \(flag) 'metric(name: \"NPS\", trend: rising)'"))
        }
        if flag == "--set" { edits.sets += syntax.facts } else { edits.unsets += syntax.facts }
      }
    }
    guard !diagnostics.hasErrors else {
      return .failure(
        FactEditError(
          "the what-if facts have errors", diagnostics: diagnostics.sortedByLocation(),
          sources: ruleBase.sources))
    }
    return .success(edits)
  }

  /// The case with the edits made, and what changed, in order.
  public func apply(to syntax: FactFileSyntax, vocabulary: Vocabulary, sources: SourceFiles)
    -> Result<(FactFileSyntax, [FactChange]), FactEditError>
  {
    let lowering = Lowering(vocabulary: vocabulary)
    var facts = syntax.facts
    var changes: [FactChange] = []
    for unset in unsets {
      let pattern = lowering.fact(unset)
      let matching = facts.indices.filter { index in
        let fact = lowering.fact(facts[index])
        return fact.template == pattern.template
          && pattern.slots.allSatisfy { fact.slots[$0.key] == $0.value }
      }
      guard !matching.isEmpty else {
        let sameKind = facts.filter { $0.kind.text == unset.kind.text }.map {
          "\(describe(lowering.fact($0), vocabulary)) (\(sources.describeLine($0.span)))"
        }
        return .failure(
          FactEditError(
            "--unset '\(sources[unset.span.file]?.text(of: unset.span) ?? unset.kind.text)' matches no fact the case states",
            help: sameKind.isEmpty
              ? "the case states no \(unset.kind.text) fact"
              : "the case's \(unset.kind.text) facts: " + sameKind.joined(separator: "; ")))
      }
      for index in matching {
        changes.append(.removed(describe(lowering.fact(facts[index]), vocabulary), from: facts[index].span))
      }
      facts = facts.enumerated().filter { !matching.contains($0.offset) }.map(\.element)
    }
    let stated = facts.count
    for set in sets {
      let new = lowering.fact(set)
      let sameKind = facts.indices.prefix(stated).filter { lowering.fact(facts[$0]).template == new.template }
      let targets: [Int]
      if let name = new.slots["name"] {
        targets = sameKind.filter { lowering.fact(facts[$0]).slots["name"] == name }
      } else {
        targets = sameKind.count == 1 ? sameKind : []
      }
      guard !targets.isEmpty else {
        facts.append(set)
        changes.append(.added(describe(new, vocabulary), by: set.span))
        continue
      }
      for index in targets {
        let old = lowering.fact(facts[index])
        let merged = Self.merge(facts[index], with: set, vocabulary: vocabulary, lowering: lowering)
        changes.append(
          .changed(
            describe(old, vocabulary), to: describe(lowering.fact(merged), vocabulary), at: facts[index].span,
            by: set.span))
        facts[index] = merged
      }
    }
    var edited = syntax
    edited.facts = facts
    return .success((edited, changes))
  }

  /// The old fact's slots with the new fact's put over them, located at the new fact.
  private static func merge(
    _ old: FactSyntax, with new: FactSyntax, vocabulary: Vocabulary, lowering: Lowering
  )
    -> FactSyntax
  {
    var slots = lowering.fact(old).slots
    for (slot, value) in lowering.fact(new).slots { slots[slot] = value }
    let order = vocabulary.template(named: new.kind.text)?.slots.map(\.name) ?? slots.keys.sorted()
    let values = order.compactMap { slot -> FactValueSyntax? in
      guard let value = slots[slot] else { return nil }
      return FactValueSyntax(
        label: NameSyntax(slot, span: new.span), value: LiteralSyntax(LiteralValue(value), span: new.span),
        span: new.span)
    }
    return FactSyntax(
      kind: new.kind, values: values, certainty: new.certainty ?? old.certainty, span: new.span)
  }

  /// A fact as a case file writes it, slots in the template's order.
  private func describe(_ fact: Lowering.CaseFact, _ vocabulary: Vocabulary) -> String {
    let order = vocabulary.template(named: fact.template)?.slots.map(\.name) ?? fact.slots.keys.sorted()
    let slots = order.compactMap { slot in fact.slots[slot].map { "\(slot): \($0)" } }
    return "\(fact.template)(" + slots.joined(separator: ", ") + ")"
      + (fact.certainty < 1 ? " certainty \(Value.format(fact.certainty))" : "")
  }
}

/// One change a what-if run made to a case's facts.
public enum FactChange: Sendable, Hashable {
  case added(String, by: SourceSpan)
  case removed(String, from: SourceSpan)
  case changed(String, to: String, at: SourceSpan, by: SourceSpan)

  /// In words, with the case's `file:line`: `changed metric(…) (cases/a.facts:8) to metric(…)`.
  public func describe(_ sources: SourceFiles) -> String {
    switch self {
    case .added(let fact, let span): "added \(fact) (\(sources.describeLine(span)))"
    case .removed(let fact, let span): "removed \(fact) (\(sources.describeLine(span)))"
    case .changed(let old, let new, let span, _): "changed \(old) (\(sources.describeLine(span))) to \(new)"
    }
  }
}

/// Why what-if edits cannot be made: a message for the command line, and located diagnostics
/// for mistakes in the fact texts.
public struct FactEditError: Error, Sendable {
  public let message: String
  public let help: String?
  public let diagnostics: [Diagnostic]
  /// The sources the diagnostics point into (the what-if texts among them).
  public let sources: SourceFiles

  public init(
    _ message: String, help: String? = nil, diagnostics: [Diagnostic] = [],
    sources: SourceFiles = SourceFiles()
  ) {
    self.message = message
    self.help = help
    self.diagnostics = diagnostics
    self.sources = sources
  }
}

extension LiteralValue {
  init(_ value: Value) {
    switch value {
    case .symbol(let name): self = .symbol(name)
    case .string(let text): self = .string(text)
    case .number(let number): self = .number(number)
    case .boolean(let flag): self = .boolean(flag)
    }
  }
}
