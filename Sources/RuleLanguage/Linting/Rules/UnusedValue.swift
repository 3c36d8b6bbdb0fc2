import RuleEngine

/// An allowed value of an enumerated slot that no rule and no case uses: no pattern tests
/// for it, no action writes it, no case states it, and it is not the slot's default.
///
/// Lint: L0303. Judged only when cases are checked with the rules (`cxdx check` with no path
/// checks `cases/` too), since a value may be there for the cases alone. A symbol a test or an
/// action's expression mentions (`where ?t != flat`) counts as used for every slot that allows
/// it, since the linter cannot tell which slot the expression reads.
struct UnusedValue: LintRule {
  let code = DiagnosticCode.valueNeverUsed

  func findings(in context: LintContext) -> [Diagnostic] {
    guard context.hasCases else { return [] }
    let used = usedValues(context)
    let compared = Set(context.rules.flatMap { SymbolsInExpressions.symbols(in: $0.syntax) })
    var findings: [Diagnostic] = []
    for template in context.templateDeclarations {
      for slot in template.slots {
        guard case .enumeration(let values) = slot.type else { continue }
        let key = "\(template.name.text).\(slot.name.text)"
        for value in values where !used.contains("\(key)=\(value.text)") && !compared.contains(value.text) {
          if case .symbol(value.text)? = slot.defaultValue?.value { continue }
          findings.append(
            .warning(
              code, "value '\(value.text)' of \(key) is used by no rule and no case", at: value.span,
              label: "never used",
              help: "test for it in a rule, or remove it if no case can have it"))
        }
      }
    }
    return findings
  }

  /// `template.slot=value` for every symbol a rule or case mentions on a slot.
  private func usedValues(_ context: LintContext) -> Set<String> {
    var used: Set<String> = []
    for linted in context.rules {
      for pattern in linted.rule.allPatterns {
        for constraint in pattern.constraints {
          for symbol in symbols(in: constraint.constraint) {
            used.insert("\(pattern.template).\(constraint.slot)=\(symbol)")
          }
        }
      }
      for production in linted.rule.productions {
        for value in production.values {
          if case .constant(.symbol(let symbol)) = value.value {
            used.insert("\(production.kind).\(value.slot)=\(symbol)")
          }
        }
      }
    }
    for factFile in context.cases {
      for fact in factFile.facts {
        let template = context.vocabulary.template(named: fact.kind.text)
        for (position, value) in fact.values.enumerated() {
          guard case .symbol(let symbol) = value.value.value else { continue }
          let slot =
            value.label?.text
            ?? template.flatMap { position < $0.slots.count ? $0.slots[position].name : nil }
          if let slot { used.insert("\(fact.kind.text).\(slot)=\(symbol)") }
        }
      }
    }
    return used
  }

  private func symbols(in constraint: Constraint) -> [String] {
    var result: [String] = []
    var stack = [constraint]
    while let next = stack.popLast() {
      switch next {
      case .allOf(let parts), .anyOf(let parts): stack += parts
      case .compare(_, .constant(.symbol(let symbol))): result.append(symbol)
      case .compare: break
      }
    }
    return result
  }
}
