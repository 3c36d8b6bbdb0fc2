import RuleEngine

/// Renders cases and their explanations as Markdown a consultant can paste into a report:
/// a ranking table, then per diagnosis the derivation as nested lists, the arithmetic as a
/// table, the nearest misses as a numbered list, and the remedy.
public struct MarkdownRenderer: Sendable {
  public var missLimit: Int

  public init(missLimit: Int = 8) {
    self.missLimit = missLimit
  }

  public func render(_ cases: [CaseExplanation]) -> String {
    cases.map(renderedCase).joined(separator: "\n---\n\n")
  }

  public func renderedCase(_ explanation: CaseExplanation) -> String {
    let report = explanation.report
    var out = "# " + Markdown.escape(report.organization ?? "(unnamed organization)") + "\n\n"
    out +=
      "Case \(Markdown.code(report.path)) · reporting threshold \(report.threshold.fixed(2)) · "
      + "\(report.firings) rule firings\n\n"
    if let whatIf = explanation.whatIf { out += whatIfSection(whatIf) }
    out += "## Diagnoses\n\n| # | Diagnosis | Certainty | Status |\n|---:|---|---:|---|\n"
    for (index, diagnosis) in explanation.explanations.enumerated() {
      out +=
        "| \(index + 1) | **\(Markdown.escape(diagnosis.id))**: \(Markdown.escape(diagnosis.title)) | "
        + "\(Phrases.number(diagnosis.certainty)) | \(Phrases.status(diagnosis)) |\n"
    }
    for diagnosis in explanation.explanations { out += "\n" + render(diagnosis) }
    return out
  }

  private func render(_ diagnosis: DiagnosisExplanation) -> String {
    var out =
      "## \(Markdown.escape(diagnosis.id)): \(Markdown.escape(diagnosis.title)) "
      + "(\(Phrases.number(diagnosis.certainty)), \(Phrases.status(diagnosis)))\n\n"
    out += "> \(Markdown.escape(diagnosis.summary))\n"
    if !diagnosis.contributions.isEmpty {
      out += "\n### How it was reached\n\n"
      for contribution in diagnosis.contributions {
        out +=
          "- **\(Phrases.signed(contribution.certainty)) \(Markdown.escape(contribution.rule))**"
          + (contribution.isNegative ? " (against)" : "") + " “\(Markdown.escape(contribution.title))” "
          + "(\(Markdown.code(contribution.location)), factor \(Phrases.number(contribution.factor)), "
          + "firing \(contribution.cycle))  \n  \(Markdown.escape(contribution.because))\n"
        out += facts(contribution.facts, indent: "  ")
        for condition in contribution.otherConditions { out += "  - and: \(Markdown.code(condition))\n" }
      }
      out += "\n### How the evidence combines\n\n\(Markdown.escape(Phrases.combinationNote)).\n\n"
      out += "| Step | Contribution |\n|---|---|\n"
      for step in diagnosis.combination {
        out +=
          "| \(Markdown.code(Phrases.formula(step))) | "
          + (step.rule.map { Markdown.escape($0) } ?? "for and against combined") + " |\n"
      }
      out += "| **= \(Phrases.number(diagnosis.certainty))** | the engine's certainty |\n"
    }
    if !diagnosis.withdrawn.isEmpty {
      out += "\n### Withdrawn\n\n"
      for item in diagnosis.withdrawn {
        out +=
          "- \(Phrases.signed(item.certainty)) **\(Markdown.escape(item.rule))** (firing \(item.cycle)), "
          + "withdrawn during firing \(item.withdrawnAt) when its match disappeared\n"
      }
    }
    if diagnosis.status != .found { out += whyNot(diagnosis) }
    if diagnosis.status == .found, !diagnosis.remedy.isEmpty {
      out += "\n### Remedy\n\n\(Markdown.escape(diagnosis.remedy)) (\(Markdown.escape(diagnosis.source)))\n"
    }
    return out
  }

  private func facts(_ facts: [ExplainedFact], indent: String) -> String {
    var out = ""
    for fact in facts {
      out += indent + "- " + factLine(fact) + "\n"
      if let derivation = fact.derivation {
        out +=
          indent + "  - by **\(Markdown.escape(derivation.rule))** “\(Markdown.escape(derivation.title))” "
          + "(firing \(derivation.cycle), \(Markdown.code(derivation.location)))\n"
        out += self.facts(derivation.facts, indent: indent + "    ")
      } else if let omission = fact.omission {
        out += indent + "  - (derivation \(omission.rawValue))\n"
      }
    }
    return out
  }

  private func factLine(_ fact: ExplainedFact) -> String {
    "\(Markdown.code(Phrases.fact(fact))) (\(Markdown.escape(Phrases.origin(fact))))"
  }

  private func whyNot(_ diagnosis: DiagnosisExplanation) -> String {
    var out = "\n### \(diagnosis.contributions.isEmpty ? "Why not" : "Why not higher")\n\n"
    if diagnosis.status == .unassessed, !diagnosis.missing.isEmpty {
      out +=
        "Not assessed: the case does not state "
        + diagnosis.missing.map(Markdown.code).joined(separator: ", ")
        + ".\n\n"
    }
    guard !diagnosis.misses.isEmpty else {
      return out + "Every rule that can raise \(Markdown.escape(diagnosis.id)) has matched.\n"
    }
    out +=
      "\(diagnosis.misses.count) of the \(diagnosis.supportingRules) rules that could raise it do not match; "
      + "nearest first.\n\n"
    for (index, miss) in diagnosis.misses.prefix(missLimit).enumerated() {
      out += render(miss, label: "\(index + 1). ", indent: "   ", diagnosis: diagnosis.id)
    }
    if diagnosis.misses.count > missLimit {
      out += "\n+\(diagnosis.misses.count - missLimit) more (the JSON format lists them all).\n"
    }
    return out
  }

  /// One miss as a list item; the rules upstream of it nested under it.
  private func render(_ miss: RuleMiss, label: String, indent: String, diagnosis: String) -> String {
    let factor = miss.factor.map { ", factor \(Phrases.signed($0))" } ?? ""
    var out =
      "\(label)**\(Markdown.escape(miss.rule))** “\(Markdown.escape(miss.title))” "
      + "(\(Markdown.code(miss.location))\(factor)): \(Markdown.escape(Phrases.progress(miss)))\n"
    for fact in miss.matchedFacts { out += indent + "- matched: " + factLine(fact) + "\n" }
    let reason = Markdown.withCode(Phrases.reason(miss, diagnosis: diagnosis))
    if let condition = miss.stoppedAt {
      out +=
        indent + "- stopped at \(Markdown.code(condition))"
        + (miss.stoppedAtLocation.map { " (\(Markdown.code($0)))" } ?? "") + ": " + reason + "\n"
    } else {
      out += indent + "- " + reason + "\n"
    }
    for test in miss.tests { out += indent + "  - \(Markdown.code(test)) is false\n" }
    for candidate in miss.candidates.prefix(3) {
      out +=
        indent + "  - " + factLine(candidate.fact) + ": "
        + candidate.failures.map { Markdown.escape(Phrases.failure($0)) }.joined(separator: "; ") + "\n"
    }
    for blocker in miss.blockers { out += indent + "  - blocked by " + factLine(blocker) + "\n" }
    for hint in miss.hints { out += indent + "- *" + Markdown.withCode(hint.sentence) + "*\n" }
    for producer in miss.upstream {
      out += render(producer, label: indent + "- made by ", indent: indent + "  ", diagnosis: diagnosis)
    }
    return out
  }

  private func whatIfSection(_ comparison: WhatIfComparison) -> String {
    var out = "## What if\n\n"
    for change in comparison.changes { out += "- \(Markdown.escape(change))\n" }
    guard !comparison.moves.isEmpty else {
      return out + "\nNo diagnosis moved (\(comparison.unchanged) unchanged).\n\n"
    }
    out += "\n| Diagnosis | Before | After | Change |\n|---|---:|---:|---:|\n"
    for move in comparison.moves {
      out +=
        "| **\(Markdown.escape(move.id))**: \(Markdown.escape(move.title)) | "
        + "\(HTMLWhatIf.side(move.before, move.statusBefore)) | \(HTMLWhatIf.side(move.after, move.statusAfter)) | "
        + "\(Phrases.signed(move.delta)) |\n"
    }
    return out + "\n\(comparison.unchanged) other diagnoses unchanged.\n\n"
  }
}
