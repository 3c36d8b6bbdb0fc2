import RuleEngine

/// Checks parsed rule and fact files against the vocabulary they declare.
///
/// Runs after parsing, as its own pass, so that a rule may use a template declared in any
/// file of the rule base.
public enum Checker {
  /// Collects the vocabulary of all rule files and checks every rule against it.
  public static func check(ruleFiles: [RuleFileSyntax]) -> (Vocabulary, [Diagnostic]) {
    var collector = DeclarationCollector()
    collector.collect(ruleFiles)
    var checker = RuleChecker(vocabulary: collector.vocabulary)
    for file in ruleFiles {
      for case .rule(let rule) in file.declarations { checker.check(rule) }
    }
    return (collector.vocabulary, collector.diagnostics + checker.diagnostics)
  }

  /// Checks a case file against a vocabulary.
  public static func check(factFile: FactFileSyntax, vocabulary: Vocabulary) -> [Diagnostic] {
    var checker = FactChecker(vocabulary: vocabulary)
    checker.check(factFile)
    return checker.diagnostics
  }
}
