import RuleEngine

/// Checks a case file against the vocabulary: kinds, slots, values, certainties, expectations.
struct FactChecker {
  let vocabulary: Vocabulary
  var diagnostics: [Diagnostic] = []

  mutating func check(_ file: FactFileSyntax) {
    for fact in file.facts { check(fact) }
    for expectation in file.expectations { check(expectation) }
  }

  private mutating func check(_ fact: FactSyntax) {
    if let certainty = fact.certainty {
      if case .number(let value) = certainty.value {
        if value <= 0 || value > 1 {
          diagnostics.append(
            .error(
              .certaintyOutOfRange, "a fact's certainty must be above 0 and at most 1", at: certainty.span,
              label: "out of range", help: "state what is believed instead, with a certainty such as 0.7"))
        }
      } else {
        diagnostics.append(
          .error(.typeMismatch, "a certainty is a number", at: certainty.span, label: "not a number"))
      }
    }
    guard let template = vocabulary.template(named: fact.kind.text) else {
      diagnostics.append(unknownTemplate(fact.kind, vocabulary: vocabulary))
      return
    }
    var seen: [String: SourceSpan] = [:]
    for (position, value) in fact.values.enumerated() {
      let slot: Slot
      if let label = value.label {
        guard let named = template.slot(named: label.text) else {
          diagnostics.append(unknownSlot(label, in: template))
          continue
        }
        slot = named
      } else {
        guard position < template.slots.count else {
          diagnostics.append(tooManyPositionalValues(template, position: position, at: value.span))
          continue
        }
        slot = template.slots[position]
      }
      // Point at the slot's name where there is one: the value is not what is wrong.
      let slotSpan = value.label?.span ?? value.span
      if let first = seen[slot.name] {
        diagnostics.append(
          Diagnostic.error(
            .duplicateSlot, "slot '\(slot.name)' is given twice", at: slotSpan, label: "again",
            help: "a fact has one value per slot; state a second fact for a second value"
          ).with(secondary: DiagnosticLabel(first, "first given")))
        continue
      }
      seen[slot.name] = slotSpan
      if let mismatch = valueMismatch(value.value, slot: slot, template: template) {
        diagnostics.append(mismatch)
      }
    }
  }

  private mutating func check(_ expectation: ExpectationSyntax) {
    if vocabulary.diagnosis(named: expectation.diagnosis.text) == nil {
      let suggestion = expectation.diagnosis.text.closestMatch(in: vocabulary.diagnoses.map(\.id))
      diagnostics.append(
        .error(
          .unknownDiagnosis, "unknown diagnosis '\(expectation.diagnosis.text)'",
          at: expectation.diagnosis.span,
          label: "not declared", help: suggestion.map { "did you mean '\($0)'?" }))
    }
    if let (_, literal) = expectation.bound {
      guard case .number(let value) = literal.value, value >= -1, value <= 1 else {
        diagnostics.append(
          .error(
            .certaintyOutOfRange, "an expected certainty is a number between -1 and 1", at: literal.span,
            label: "not a certainty"))
        return
      }
    }
  }
}
