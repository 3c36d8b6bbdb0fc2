import RuleEngine
import RuleLanguage

/// Loads rule programs and fact files, printing diagnostics; shared by `run` and later commands.
struct ProgramLoader {
  let invocation: Invocation
  let reader: FileReader

  /// Loads, checks and compiles; nil (diagnostics printed) when anything has errors.
  func load(programs: [String], factFiles: [String]) -> (KnowledgeBase, LoadedRuleBase, [FactFileSyntax])? {
    let loader = RuleBaseLoader(reader: reader)
    var ruleBase = loader.loadRules(from: programs)
    var diagnostics = ruleBase.diagnostics.sortedByLocation()
    var cases: [FactFileSyntax] = []
    for path in factFiles {
      let loaded = loader.loadCase(path, into: &ruleBase)
      diagnostics += loaded.diagnostics.sortedByLocation()
      if let syntax = loaded.syntax { cases.append(syntax) }
    }
    var knowledgeBase: KnowledgeBase?
    if !diagnostics.hasErrors {
      let (compiled, compileDiagnostics) = ruleBase.compile()
      knowledgeBase = compiled
      diagnostics += compileDiagnostics
    }
    if !diagnostics.isEmpty {
      invocation.console.error(
        TextDiagnosticRenderer(style: invocation.errorStyle).render(diagnostics, files: ruleBase.sources))
    }
    guard let knowledgeBase, !diagnostics.hasErrors else { return nil }
    return (knowledgeBase, ruleBase, cases)
  }
}
