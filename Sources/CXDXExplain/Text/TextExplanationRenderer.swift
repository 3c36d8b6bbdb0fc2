import RuleEngine

/// Renders explanations for a terminal: the derivation as a tree (contributions, the facts
/// they matched, derived facts unfolded under them), the MYCIN arithmetic, and for a diagnosis
/// below the threshold the nearest misses of the rules that could have raised it.
public struct TextExplanationRenderer: Sendable {
  public var color: Bool
  public var width: Int
  /// Near misses listed per diagnosis before "+N more".
  public var missLimit: Int

  public init(color: Bool = false, width: Int = 96, missLimit: Int = 8) {
    self.color = color
    self.width = width
    self.missLimit = missLimit
  }

  public func render(_ explanation: CaseExplanation) -> String {
    let report = explanation.report
    var out = bold(report.organization ?? "(unnamed organization)") + dim("  \(report.path)") + "\n"
    if let whatIf = explanation.whatIf { out += "\n" + TextWhatIfRenderer(color: color).render(whatIf) }
    for diagnosis in explanation.explanations { out += "\n" + render(diagnosis, path: report.path) }
    return out
  }

  public func render(_ diagnosis: DiagnosisExplanation, path: String) -> String {
    var out = bold("\(diagnosis.id): \(diagnosis.title)") + "\n"
    out +=
      "  " + heading(Phrases.status(diagnosis).uppercased()) + "  certainty "
      + bold(Phrases.number(diagnosis.certainty)) + dim(" (threshold \(diagnosis.threshold.fixed(2)))") + "\n"
    for line in wrap(diagnosis.summary, indent: 2) { out += dim(line) + "\n" }
    if !diagnosis.contributions.isEmpty { out += "\n" + how(diagnosis) }
    if !diagnosis.withdrawn.isEmpty {
      out += "\n  " + heading("WITHDRAWN") + dim(" (their matches disappeared later in the run)") + "\n"
      for item in diagnosis.withdrawn {
        out +=
          "    \(Phrases.signed(item.certainty)) \(item.rule) (cycle \(item.cycle)), withdrawn during cycle \(item.withdrawnAt)\n"
      }
    }
    if diagnosis.status != .found { out += "\n" + whyNot(diagnosis) }
    if !diagnosis.remedy.isEmpty {
      out += "\n  " + heading("REMEDY") + "\n"
      for line in wrap("\(diagnosis.remedy) (\(diagnosis.source))", indent: 4) { out += line + "\n" }
    }
    return out
  }

  // MARK: - How

  private func how(_ diagnosis: DiagnosisExplanation) -> String {
    let count = diagnosis.contributions.count
    var out =
      "  " + heading("HOW") + dim(" (\(count) contribution\(count == 1 ? "" : "s"), strongest first)") + "\n"
    for (index, contribution) in diagnosis.contributions.enumerated() {
      let last = index == count - 1
      let branch = last ? "  └─ " : "  ├─ "
      let stem = last ? "     " : "  │  "
      let sign = contribution.isNegative ? " against" : ""
      out +=
        branch + bold(Phrases.signed(contribution.certainty)) + sign + " " + contribution.rule + " "
        + dim("\"\(contribution.title)\"  \(contribution.location)") + "\n"
      out +=
        stem
        + dim(
          "factor \(Phrases.number(contribution.factor)) × weakest fact's certainty, firing \(contribution.cycle)"
        )
        + "\n"
      for line in wrap(contribution.because, indent: 0, width: width - stem.count - 2) {
        out += stem + line + "\n"
      }
      let children =
        contribution.facts.map { TreeItem.fact($0) } + contribution.otherConditions.map(TreeItem.condition)
      out += tree(children, prefix: stem)
    }
    out += "\n  " + heading("COMBINED") + dim(" (\(Phrases.combinationNote))") + "\n"
    let formulas = diagnosis.combination.map(Phrases.formula)
    let column = min(56, (formulas.map(\.count).max() ?? 0) + 2)
    for (step, formula) in zip(diagnosis.combination, formulas) {
      let label: String
      switch step.operation {
      case .start: label = "\(step.rule ?? "") (the first evidence \(step.next < 0 ? "against" : "for"))"
      case .sameSign: label = step.rule ?? ""
      case .mixed: label = "for and against combined"
      }
      out +=
        "    " + formula + String(repeating: " ", count: max(2, column - formula.count)) + dim(label) + "\n"
    }
    out += "    = " + bold(Phrases.number(diagnosis.certainty)) + dim(" (the engine's certainty)") + "\n"
    return out
  }

  private enum TreeItem {
    case fact(ExplainedFact)
    case condition(String)
  }

  /// Facts (unfolding derivations) and fact-less conditions under a node.
  private func tree(_ items: [TreeItem], prefix: String) -> String {
    var out = ""
    for (index, item) in items.enumerated() {
      let last = index == items.count - 1
      let branch = prefix + (last ? "└─ " : "├─ ")
      let stem = prefix + (last ? "   " : "│  ")
      switch item {
      case .condition(let text):
        out += branch + dim("and: \(text)") + "\n"
      case .fact(let fact):
        out += branch + Phrases.fact(fact) + "  " + dim(Phrases.origin(fact)) + "\n"
        if let derivation = fact.derivation {
          out +=
            stem
            + dim(
              "by \(derivation.rule) \"\(derivation.title)\" (firing \(derivation.cycle), \(derivation.location))"
            )
            + "\n"
          out += tree(derivation.facts.map(TreeItem.fact), prefix: stem)
        } else if let omission = fact.omission {
          out += stem + dim("(derivation \(omission.rawValue))") + "\n"
        }
      }
    }
    return out
  }

  // MARK: - Why not

  private func whyNot(_ diagnosis: DiagnosisExplanation) -> String {
    var out = "  " + heading(diagnosis.contributions.isEmpty ? "WHY NOT" : "WHY NOT HIGHER")
    if diagnosis.status == .unassessed, !diagnosis.missing.isEmpty {
      out += dim(" (not assessed: the case does not state \(diagnosis.missing.joined(separator: ", ")))")
    }
    out += "\n"
    guard !diagnosis.misses.isEmpty else {
      let reason =
        diagnosis.supportingRules == 0
        ? "no rule can raise \(diagnosis.id)" : "every rule that can raise \(diagnosis.id) has matched"
      return out + "    " + reason + "\n"
    }
    out +=
      dim(
        "    \(diagnosis.misses.count) of the \(diagnosis.supportingRules) rules that could raise it do not match; nearest first"
      ) + "\n"
    for (index, miss) in diagnosis.misses.prefix(missLimit).enumerated() {
      out += render(miss, number: index + 1, diagnosis: diagnosis.id)
    }
    if diagnosis.misses.count > missLimit {
      out += dim("    +\(diagnosis.misses.count - missLimit) more (--format json lists them all)") + "\n"
    }
    return out
  }

  private func render(_ miss: RuleMiss, number: Int?, diagnosis: String, margin: String = "    ") -> String {
    let factor = miss.factor.map { "  factor \(Phrases.signed($0))" } ?? ""
    let label = number.map { "\($0). " } ?? "made by "
    var out =
      margin + label + bold(miss.rule) + " " + dim("\"\(miss.title)\"  \(miss.location)\(factor)") + "\n"
    let indent = margin + String(repeating: " ", count: label.count)
    out += indent + Phrases.progress(miss)
    if !miss.matchedFacts.isEmpty {
      let more =
        miss.partialMatchCount > 1 ? dim(" (and \(miss.partialMatchCount - 1) more partial matches)") : ""
      out += ":" + more + "\n"
      for fact in miss.matchedFacts {
        out += indent + "  " + Phrases.fact(fact) + "  " + dim(Phrases.origin(fact)) + "\n"
      }
    } else {
      out += "\n"
    }
    if let condition = miss.stoppedAt {
      out += indent + "stopped at " + bold(condition) + dim("  \(miss.stoppedAtLocation ?? "")") + "\n"
    }
    out += indent + Phrases.reason(miss, diagnosis: diagnosis) + "\n"
    for test in miss.tests { out += indent + "  " + test + " is false\n" }
    if miss.kind == .testFailed, !miss.candidates.isEmpty {
      out += indent + "  not counted, as they do not state what the count reads:\n"
    }
    for candidate in miss.candidates.prefix(3) {
      out += indent + "  " + Phrases.fact(candidate.fact) + "  " + dim(Phrases.origin(candidate.fact)) + "\n"
      for failure in candidate.failures { out += indent + "    " + Phrases.failure(failure) + "\n" }
    }
    if miss.candidates.count > 3 {
      out += indent + dim("  +\(miss.candidates.count - 3) more candidates") + "\n"
    }
    for blocker in miss.blockers {
      out += indent + "  blocked by " + Phrases.fact(blocker) + "  " + dim(Phrases.origin(blocker)) + "\n"
    }
    for hint in miss.hints {
      for (position, line) in wrap("→ " + hint.sentence, indent: 0, width: width - indent.count).enumerated()
      {
        out += indent + (position == 0 ? "" : "  ") + line + "\n"
      }
    }
    for producer in miss.upstream {
      out += render(producer, number: nil, diagnosis: diagnosis, margin: indent + "  ")
    }
    return out
  }

  // MARK: - Pieces

  private func wrap(_ text: String, indent: Int, width: Int? = nil) -> [String] {
    let limit = width ?? self.width
    let prefix = String(repeating: " ", count: indent)
    var lines: [String] = []
    var line = prefix
    for word in text.split(separator: " ") {
      if line.count > indent, line.count + 1 + word.count > limit {
        lines.append(line)
        line = prefix
      }
      line += (line.count > indent ? " " : "") + word
    }
    lines.append(line)
    return lines
  }

  private func bold(_ text: String) -> String { color ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
  private func dim(_ text: String) -> String { color ? "\u{1B}[2m\(text)\u{1B}[0m" : text }
  private func heading(_ text: String) -> String { color ? "\u{1B}[1;36m\(text)\u{1B}[0m" : text }
}
