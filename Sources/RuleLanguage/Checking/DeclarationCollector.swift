import RuleEngine

/// The first checking pass: gathers every template, diagnosis and question across all rule
/// files into a ``Vocabulary``, reporting duplicates and malformed declarations.
struct DeclarationCollector {
  var vocabulary = Vocabulary()
  var diagnostics: [Diagnostic] = []
  /// Rule names seen so far, for duplicate detection.
  private var ruleSpans: [String: SourceSpan] = [:]

  mutating func collect(_ files: [RuleFileSyntax]) {
    for file in files {
      for declaration in file.declarations {
        switch declaration {
        case .template(let template): collect(template)
        case .diagnosis(let diagnosis): collect(diagnosis)
        case .rule(let rule): collect(rule)
        case .ask: break
        }
      }
    }
    // Questions refer to templates, which may be declared in any file.
    for file in files {
      for case .ask(let ask) in file.declarations { collect(ask) }
    }
  }

  private mutating func collect(_ syntax: TemplateDeclSyntax) {
    var slots: [Slot] = []
    var seenSlots: [String: SourceSpan] = [:]
    for slotSyntax in syntax.slots {
      if let first = seenSlots[slotSyntax.name.text] {
        diagnostics.append(
          Diagnostic.error(
            .duplicateSlot,
            "slot '\(slotSyntax.name.text)' is declared twice in template '\(syntax.name.text)'",
            at: slotSyntax.name.span, label: "second declaration", help: "remove or rename one of them"
          ).with(secondary: DiagnosticLabel(first, "first declared")))
        continue
      }
      seenSlots[slotSyntax.name.text] = slotSyntax.name.span
      let type = slotType(slotSyntax.type)
      var defaultValue: Value?
      if let literal = slotSyntax.defaultValue {
        let value = literal.value.value
        if type.accepts(value) {
          defaultValue = value
        } else {
          diagnostics.append(
            .error(
              .typeMismatch, "default value \(value) does not fit slot '\(slotSyntax.name.text)' (\(type))",
              at: literal.span, label: "not a \(type)"))
        }
      }
      slots.append(
        Slot(name: slotSyntax.name.text, type: type, defaultValue: defaultValue, span: slotSyntax.span))
    }
    let template = Template(name: syntax.name.text, slots: slots, span: syntax.name.span)
    if let existing = vocabulary.add(template) {
      diagnostics.append(
        Diagnostic.error(
          .duplicateTemplate, "template '\(syntax.name.text)' is declared twice", at: syntax.name.span,
          label: "second declaration", help: "merge the two declarations"
        ).with(secondary: DiagnosticLabel(existing.span, "first declared")))
    }
  }

  private mutating func slotType(_ syntax: SlotTypeSyntax) -> SlotType {
    switch syntax {
    case .basic(let basic, _):
      switch basic {
      case .string: return .string
      case .number: return .number
      case .symbol: return .symbol
      case .boolean: return .boolean
      case .any: return .any
      }
    case .enumeration(let names):
      var values: [String] = []
      for name in names {
        if values.contains(name.text) {
          diagnostics.append(
            .error(
              .duplicateEnumValue, "'\(name.text)' is listed twice", at: name.span, label: "again",
              help: "remove the repetition"))
        } else {
          values.append(name.text)
        }
      }
      return .oneOf(values)
    }
  }

  private mutating func collect(_ syntax: DiagnosisDeclSyntax) {
    for required in ["title", "source"] where syntax.property(required) == nil && !syntax.hasUnreadProperty {
      diagnostics.append(
        .error(
          .missingProperty, "diagnosis '\(syntax.name.text)' has no '\(required)'", at: syntax.name.span,
          label: "needs a \(required)",
          help: required == "source"
            ? "every diagnosis cites the article it rests on: source \"000_3ab02d59b8e5a976.txt\""
            : "add a short title: title \"We are doing it already\""))
    }
    for property in syntax.properties where property.stringValue == nil {
      diagnostics.append(
        .error(
          .typeMismatch, "'\(property.name.text)' takes a string", at: property.valueSpan,
          label: "not a string"))
    }
    let definition = DiagnosisDefinition(
      id: syntax.name.text, title: syntax.property("title")?.stringValue ?? syntax.name.text,
      summary: syntax.property("summary")?.stringValue ?? "",
      source: syntax.property("source")?.stringValue ?? "",
      remedy: syntax.property("remedy")?.stringValue ?? "", span: syntax.name.span)
    if let existing = vocabulary.add(definition) {
      diagnostics.append(
        Diagnostic.error(
          .duplicateDiagnosis, "diagnosis '\(syntax.name.text)' is declared twice", at: syntax.name.span,
          label: "second declaration", help: "keep one declaration"
        ).with(secondary: DiagnosticLabel(existing.span, "first declared")))
    }
  }

  private mutating func collect(_ syntax: RuleDeclSyntax) {
    if let first = ruleSpans[syntax.name.text] {
      diagnostics.append(
        Diagnostic.error(
          .duplicateRule, "rule '\(syntax.name.text)' is declared twice", at: syntax.name.span,
          label: "second rule with this name", help: "rule names identify rules in explanations; rename one"
        ).with(secondary: DiagnosticLabel(first, "first declared")))
    } else {
      ruleSpans[syntax.name.text] = syntax.name.span
    }
  }

  private mutating func collect(_ syntax: AskDeclSyntax) {
    guard let template = vocabulary.template(named: syntax.template.text) else {
      diagnostics.append(unknownTemplate(syntax.template, vocabulary: vocabulary))
      return
    }
    guard template.slot(named: syntax.slot.text) != nil else {
      diagnostics.append(unknownSlot(syntax.slot, in: template))
      return
    }
    let question = Question(
      template: syntax.template.text, slot: syntax.slot.text,
      text: syntax.question.plainText ?? syntax.question.template,
      span: syntax.span)
    if let existing = vocabulary.add(question) {
      diagnostics.append(
        Diagnostic.error(
          .duplicateAsk, "'\(syntax.template.text).\(syntax.slot.text)' already has a question",
          at: syntax.span,
          label: "second question", help: "keep one question per slot"
        ).with(secondary: DiagnosticLabel(existing.span, "first question")))
    }
  }
}

// MARK: - Shared diagnostics

func unknownTemplate(_ name: NameSyntax, vocabulary: Vocabulary) -> Diagnostic {
  let suggestion = name.text.closestMatch(in: vocabulary.templates.map(\.name))
  return .error(
    .unknownTemplate, "unknown fact kind '\(name.text)'", at: name.span, label: "no template declares it",
    help: suggestion.map { "did you mean '\($0)'?" } ?? "declare it with 'template \(name.text) { … }'")
}

func unknownSlot(_ name: NameSyntax, in template: Template) -> Diagnostic {
  let suggestion = name.text.closestMatch(in: template.slots.map(\.name))
  let slots = template.slots.map(\.name).joined(separator: ", ")
  return Diagnostic.error(
    .unknownSlot, "unknown slot '\(name.text)' for template '\(template.name)'", at: name.span,
    label: "not a slot of '\(template.name)'",
    help: suggestion.map { "did you mean '\($0)'?" } ?? "the slots of '\(template.name)' are: \(slots)"
  ).with(secondary: DiagnosticLabel(template.span, "'\(template.name)' is declared"))
}

func tooManyPositionalValues(_ template: Template, position: Int, at span: SourceSpan) -> Diagnostic {
  let count = template.slots.count
  return .error(
    .tooManyPositionalValues,
    "template '\(template.name)' has \(count) \(count == 1 ? "slot" : "slots"); this is value \(position + 1)",
    at: span, label: "one value too many",
    help: count == 0
      ? "'\(template.name)' takes no values"
      : "the slots of '\(template.name)' are: \(template.slots.map(\.name).joined(separator: ", "))")
}

/// Checks a literal against its slot's type: nil when it fits, else the diagnostic.
func valueMismatch(_ literal: LiteralSyntax, slot: Slot, template: Template) -> Diagnostic? {
  let value = literal.value.value
  guard !slot.type.accepts(value) else { return nil }
  let place = "\(template.name).\(slot.name)"
  switch (slot.type, value) {
  case (.oneOf(let allowed), .symbol(let name)):
    let suggestion = name.closestMatch(in: allowed)
    return .error(
      .valueNotAllowed, "'\(name)' is not an allowed value of \(place)", at: literal.span,
      label: "not allowed here",
      help: suggestion.map { "did you mean '\($0)'?" } ?? "allowed: \(allowed.joined(separator: ", "))")
  case (.oneOf(let allowed), .string(let text)) where allowed.contains(text):
    return .error(
      .typeMismatch, "\(place) takes a symbol, not a string", at: literal.span, label: "quoted",
      help: "remove the quotes: \(text)")
  case (.string, .symbol(let name)):
    return .error(
      .typeMismatch, "\(place) takes a string, found the symbol '\(name)'", at: literal.span,
      label: "not a string", help: "put it in quotes: \"\(name)\"")
  default:
    return .error(
      .typeMismatch, "\(place) takes \(describe(slot.type)), found \(value.typeName) \(value)",
      at: literal.span,
      label: "wrong type")
  }
}

func describe(_ type: SlotType) -> String {
  switch type {
  case .oneOf(let values): "one of \(values.joined(separator: " | "))"
  case .any: "any value"
  default: "a \(type)"
  }
}
