import RuleEngine

/// A rule as the linter sees it: the syntax (for spans and variables as written) and the
/// engine's model (for slots resolved by name).
struct LintedRule {
  let syntax: RuleDeclSyntax
  let rule: Rule
  var name: String { rule.name }
  var nameSpan: SourceSpan { syntax.name.span }
}

/// What every lint rule reads, computed once.
struct LintContext {
  let vocabulary: Vocabulary
  let sources: SourceFiles
  let ruleFiles: [RuleFileSyntax]
  let rules: [LintedRule]
  let cases: [FactFileSyntax]
  /// Rules whose conditions imply another's, for ``SubsumedRule`` and ``ConflictingRules``.
  let overlaps: [RuleOverlap]

  init(ruleBase: LoadedRuleBase, cases: [FactFileSyntax]) {
    vocabulary = ruleBase.vocabulary
    sources = ruleBase.sources
    ruleFiles = ruleBase.ruleFiles
    let lowering = Lowering(vocabulary: ruleBase.vocabulary)
    rules = ruleBase.rules.map { LintedRule(syntax: $0, rule: lowering.rule($0)) }
    self.cases = cases
    overlaps = RuleOverlap.overlaps(in: rules)
  }

  /// Whether findings that depend on what cases state can be judged.
  var hasCases: Bool { !cases.isEmpty }

  var templateDeclarations: [TemplateDeclSyntax] {
    ruleFiles.flatMap { file in
      file.declarations.compactMap { if case .template(let decl) = $0 { decl } else { nil } }
    }
  }

  var diagnosisDeclarations: [DiagnosisDeclSyntax] {
    ruleFiles.flatMap { file in
      file.declarations.compactMap { if case .diagnosis(let decl) = $0 { decl } else { nil } }
    }
  }

  var askDeclarations: [AskDeclSyntax] {
    ruleFiles.flatMap { file in
      file.declarations.compactMap { if case .ask(let decl) = $0 { decl } else { nil } }
    }
  }

  /// `file:line` of a span, for notes.
  func describe(_ span: SourceSpan) -> String { sources.describe(span) }
}
