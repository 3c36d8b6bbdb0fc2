import RuleEngine

/// One diagnosis of an HTML report: graph, derivation, arithmetic, misses, remedy.
struct HTMLDiagnosisSection {
  let missLimit: Int
  let caseID: String
  let casePath: String

  func render(_ diagnosis: DiagnosisExplanation) -> String {
    let id = "\(caseID)-\(diagnosis.id)"
    var out = "<section class=\"diagnosis\" id=\"\(HTML.escape(id))\">\n"
    out +=
      "<h2>\(HTML.escape(diagnosis.id)): \(HTML.escape(diagnosis.title)) <span class=\"certainty\">"
      + "\(HTML.escape(Phrases.number(diagnosis.certainty))) · <span class=\"status \(diagnosis.status.rawValue)\">"
      + "\(Phrases.status(diagnosis))</span></span></h2>\n"
    out += "<p class=\"muted\">\(HTML.escape(diagnosis.summary))</p>\n"
    if !diagnosis.contributions.isEmpty {
      out += graph(diagnosis, id: id)
      out += how(diagnosis)
      out += combination(diagnosis)
    }
    if !diagnosis.withdrawn.isEmpty {
      out += "<h3>Withdrawn</h3>\n<ul>\n"
      for item in diagnosis.withdrawn {
        out +=
          "<li>\(HTML.escape(Phrases.signed(item.certainty))) <strong>\(HTML.escape(item.rule))</strong> "
          + "(firing \(item.cycle)), withdrawn during firing \(item.withdrawnAt) when its match disappeared</li>\n"
      }
      out += "</ul>\n"
    }
    if diagnosis.status != .found { out += whyNot(diagnosis) }
    if diagnosis.status == .found, !diagnosis.remedy.isEmpty {
      out +=
        "<h3>Remedy</h3>\n<p class=\"remedy\">\(HTML.escape(diagnosis.remedy)) "
        + "<span class=\"muted\">(\(HTML.escape(diagnosis.source)))</span></p>\n"
    }
    return out + "</section>\n"
  }

  private func graph(_ diagnosis: DiagnosisExplanation, id: String) -> String {
    let caption =
      "Inference graph for \(diagnosis.id): facts, the rules that fired on them, and the diagnosis"
    let svg = SVGGraphRenderer(idPrefix: id, caption: caption).render(
      InferenceGraph([diagnosis], casePath: casePath))
    return
      "<figure class=\"graph\">\n\(svg)<figcaption class=\"legend\"><span>facts → rules → diagnosis</span>"
      + "<span><i class=\"swatch\"></i>evidence for</span><span><i class=\"swatch against\"></i>evidence against</span>"
      + "<span>labels: the certainty each edge carries</span><span>dashed yellow boxes: facts a rule derived</span>"
      + "</figcaption>\n</figure>\n"
  }

  private func how(_ diagnosis: DiagnosisExplanation) -> String {
    var out = "<h3>How it was reached</h3>\n<ul class=\"tree\">\n"
    for contribution in diagnosis.contributions {
      let side = contribution.isNegative ? " against" : ""
      out +=
        "<li class=\"contribution\(side)\"><span class=\"value\">\(HTML.escape(Phrases.signed(contribution.certainty)))"
        + "</span> <strong>\(HTML.escape(contribution.rule))</strong> “\(HTML.escape(contribution.title))” "
        + "<span class=\"muted\">\(HTML.escape(contribution.location)) · factor "
        + "\(HTML.escape(Phrases.number(contribution.factor))) · firing \(contribution.cycle)</span><br>"
        + "\(HTML.escape(contribution.because))\n"
      out += facts(contribution.facts, others: contribution.otherConditions)
      out += "</li>\n"
    }
    return out + "</ul>\n"
  }

  private func facts(_ facts: [ExplainedFact], others: [String] = []) -> String {
    guard !facts.isEmpty || !others.isEmpty else { return "" }
    var out = "<ul>\n"
    for fact in facts {
      out += "<li class=\"fact\">" + factLine(fact)
      if let derivation = fact.derivation {
        out +=
          "<br><span class=\"muted\">by <strong>\(HTML.escape(derivation.rule))</strong> “\(HTML.escape(derivation.title))” "
          + "(firing \(derivation.cycle), \(HTML.escape(derivation.location)))</span>\n"
        out += self.facts(derivation.facts)
      } else if let omission = fact.omission {
        out += " <span class=\"muted\">(derivation \(omission.rawValue))</span>"
      }
      out += "</li>\n"
    }
    for condition in others {
      out += "<li class=\"muted\">and: <code>\(HTML.escape(condition))</code></li>\n"
    }
    return out + "</ul>\n"
  }

  private func factLine(_ fact: ExplainedFact) -> String {
    "<code>\(HTML.escape(Phrases.fact(fact)))</code><span class=\"where\">\(HTML.escape(Phrases.origin(fact)))</span>"
  }

  private func combination(_ diagnosis: DiagnosisExplanation) -> String {
    var out =
      "<h3>How the evidence combines</h3>\n<p class=\"muted\">\(HTML.escape(Phrases.combinationNote)).</p>\n"
    out +=
      "<table class=\"combination\">\n<thead><tr><th>step</th><th>contribution</th></tr></thead>\n<tbody>\n"
    for step in diagnosis.combination {
      let label = step.rule.map { "<strong>\(HTML.escape($0))</strong>" } ?? "for and against combined"
      out += "<tr><td class=\"mono\">\(HTML.escape(Phrases.formula(step)))</td><td>\(label)</td></tr>\n"
    }
    out +=
      "<tr><td class=\"mono\"><strong>= \(HTML.escape(Phrases.number(diagnosis.certainty)))</strong></td>"
      + "<td class=\"muted\">the engine's certainty</td></tr>\n"
    return out + "</tbody>\n</table>\n"
  }

  private func whyNot(_ diagnosis: DiagnosisExplanation) -> String {
    var out = "<h3>\(diagnosis.contributions.isEmpty ? "Why not" : "Why not higher")</h3>\n"
    if diagnosis.status == .unassessed, !diagnosis.missing.isEmpty {
      out +=
        "<p>Not assessed: the case does not state "
        + diagnosis.missing.map { "<code>\(HTML.escape($0))</code>" }.joined(separator: ", ") + ".</p>\n"
    }
    guard !diagnosis.misses.isEmpty else {
      return out + "<p>Every rule that can raise \(HTML.escape(diagnosis.id)) has matched.</p>\n"
    }
    out +=
      "<p class=\"muted\">\(diagnosis.misses.count) of the \(diagnosis.supportingRules) rules that could raise it do "
      + "not match; nearest first.</p>\n<ol class=\"misses\">\n"
    for miss in diagnosis.misses.prefix(missLimit) { out += render(miss, diagnosis: diagnosis.id) }
    out += "</ol>\n"
    if diagnosis.misses.count > missLimit {
      out +=
        "<p class=\"muted\">+\(diagnosis.misses.count - missLimit) more (the JSON format lists them all).</p>\n"
    }
    return out
  }

  private func render(_ miss: RuleMiss, diagnosis: String, upstream: Bool = false) -> String {
    let factor = miss.factor.map { " · factor \(Phrases.signed($0))" } ?? ""
    var out =
      "<li>\(upstream ? "made by " : "")<strong>\(HTML.escape(miss.rule))</strong> “\(HTML.escape(miss.title))” "
      + "<span class=\"muted\">\(HTML.escape(miss.location))\(HTML.escape(factor))</span><br>\n"
    out += HTML.escape(Phrases.progress(miss))
    if !miss.matchedFacts.isEmpty {
      out += ":" + facts(miss.matchedFacts)
    } else {
      out += "<br>\n"
    }
    if let condition = miss.stoppedAt {
      out +=
        "stopped at <code>\(HTML.escape(condition))</code> "
        + "<span class=\"muted\">\(HTML.escape(miss.stoppedAtLocation ?? ""))</span><br>\n"
    }
    out += HTML.withCode(Phrases.reason(miss, diagnosis: diagnosis))
    var details = miss.tests.map { "<li class=\"failure\"><code>\(HTML.escape($0))</code> is false</li>" }
    for candidate in miss.candidates.prefix(3) {
      details.append(
        "<li class=\"fact\">" + factLine(candidate.fact) + "<ul>"
          + candidate.failures.map { "<li class=\"failure\">\(HTML.escape(Phrases.failure($0)))</li>" }
          .joined()
          + "</ul></li>")
    }
    for blocker in miss.blockers {
      details.append("<li class=\"fact\">blocked by " + factLine(blocker) + "</li>")
    }
    if !details.isEmpty { out += "<ul>" + details.joined(separator: "\n") + "</ul>\n" }
    for hint in miss.hints { out += "<p class=\"hint\">\(HTML.withCode(hint.sentence))</p>\n" }
    if !miss.upstream.isEmpty {
      out +=
        "<ul>\n" + miss.upstream.map { render($0, diagnosis: diagnosis, upstream: true) }.joined() + "</ul>\n"
    }
    return out + "</li>\n"
  }
}
