import CXDXExplain
import RuleEngine
import RuleLanguage

/// The consultation's words on screen: questions, `why`, `status`, `help`, the closing summary.
/// Lines fit an 80-column terminal; colour only when asked for.
struct ConsultRenderer {
  let state: ConsultCase
  let kinds: FactKinds
  let run: CaseRun
  let threshold: Double
  var color = false
  var width = 80

  private var vocabulary: Vocabulary { kinds.vocabulary }

  // MARK: - Questions

  /// `Question 3 · group "call-center supervisors" · support`, `Question 4 · another group`.
  func header(_ number: Int, _ target: QuestionTarget) -> String {
    switch target {
    case .slot(let fact, let slot):
      return "Question \(number) · \(subject(fact)) · \(slot)"
    case .single(let template, let slot):
      return "Question \(number) · \(template) · \(slot)"
    case .newFact(let template, _):
      let hasOne = state.facts.contains { $0.template == template }
      return "Question \(number) · \(hasOne ? "another" : "a first") \(template)"
    }
  }

  func question(_ number: Int, _ question: PlannedQuestion, choices: [String]?) -> String {
    let target = question.target
    var out = "\n" + bold(header(number, target)) + "\n"
    let template = AnswerParser(state: state, kinds: kinds).template(of: target)
    let text =
      vocabulary.question(template: template, slot: target.slot)?.text ?? "\(template).\(target.slot)?"
    if case .newFact = target, kinds.kind(of: template) == .named {
      let hasOne = state.facts.contains { $0.template == template }
      let article = hasOne ? "another" : "aeiou".contains(template.prefix(1)) ? "an" : "a"
      out += wrap("Is there \(article) \(template) to describe? \(text)")
    } else {
      out += wrap(text)
    }
    if let choices { out += layout(choices) }
    out += dim(hint(for: target, choices: choices)) + "\n"
    return out
  }

  private func hint(for target: QuestionTarget, choices: [String]?) -> String {
    let slotType = AnswerParser(state: state, kinds: kinds).slotType(target)
    var answer: String
    switch (target, choices) {
    case (.newFact, _?): answer = "a number or a value, or none"
    case (.newFact, nil): answer = "a name, or none"
    case (_, _?): answer = "a number or a value"
    case (_, nil): answer = slotType == .number ? "a number" : slotType == .symbol ? "one word" : "free text"
    }
    if let choices, choices.contains(where: { AnswerParser.commands.contains($0) }) {
      answer += " (a value spelt like a command: by number)"
    }
    return "  answer \(answer); why, unknown, back, status, help"
  }

  /// Numbered choices, as many to a line as fit.
  private func layout(_ choices: [String]) -> String {
    let cells = choices.enumerated().map { "\($0.offset + 1) \($0.element)" }
    let cell = (cells.map(\.count).max() ?? 0) + 3
    let perLine = max(1, (width - 2) / cell)
    var out = ""
    for start in stride(from: 0, to: cells.count, by: perLine) {
      let row = cells[start..<min(start + perLine, cells.count)]
      var line = "  "
      for (position, text) in row.enumerated() {
        line += position == row.count - 1 ? text : text + String(repeating: " ", count: cell - text.count)
      }
      out += line + "\n"
    }
    return out
  }

  /// A fact of the consultation: `group "call-center supervisors"`, or its kind.
  func subject(_ fact: Int) -> String { state.subject(ofFact: fact) }

  // MARK: - why

  /// Which rules and diagnoses the question serves, and what they have matched so far.
  func why(_ question: PlannedQuestion, limit: Int = 3) -> String {
    guard !question.isFollowUp else {
      let template = AnswerParser(state: state, kinds: kinds).template(of: question.target)
      let slot = vocabulary.template(named: template)?.slot(named: question.target.slot)
      let fallback = slot?.defaultValue.map { " (\($0))" } ?? ""
      return wrap(
        "Rules read \(template).\(question.target.slot), and a new \(template) would otherwise take its "
          + "default\(fallback) unseen: the case should say it.")
    }
    let count = question.reasons.count
    var out = wrap(
      "This question serves \(count) rule\(count == 1 ? "" : "s") (score \(question.score.fixed(2)), "
        + "each rule's factor × (conditions matched + 1) / (conditions + 1)):")
    for reason in question.reasons.prefix(limit) { out += describe(reason) }
    if count > limit { out += "  … and \(count - limit) more\n" }
    return out
  }

  private func describe(_ reason: QuestionReason) -> String {
    let rule = run.session.knowledgeBase.rule(named: reason.rule)
    let location = rule.map { run.sources.describeLine($0.span) } ?? ""
    let certainty = run.session.diagnoses.first { $0.id == reason.diagnosis }?.certainty ?? 0
    var out = wrap(
      "- " + bold(reason.rule) + " → \(reason.diagnosis) (factor \(signed(reason.factor)); "
        + "\(reason.diagnosis) is \(certainty.fixed(2)) now)", hanging: 2)
    out += wrap("\"\(rule?.title ?? "")\", \(location)", indent: 2)
    var progress = "matched \(reason.satisfied) of \(reason.conditions) conditions"
    if let waitsOn = reason.waitsOn, let span = waitsOn.span {
      progress += "; waits on " + conditionText(span)
    }
    out += wrap(progress, indent: 2)
    if let through = reason.through {
      out += wrap("that fact is made by \(through), which this question serves", indent: 2)
    }
    for fact in reason.matched {
      guard let matched = run.session.factEverAsserted(fact) else { continue }
      let line = run.session.statedSpan(of: fact).map { " (\(run.sources.describeLine($0)))" } ?? ""
      out += wrap("matched: \(matched.description)\(line)", indent: 2)
    }
    return out
  }

  private func conditionText(_ span: SourceSpan) -> String {
    guard let file = run.sources[span.file] else { return "" }
    return file.text(of: span).split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" })
      .joined(separator: " ")
  }

  // MARK: - status and the end

  /// Diagnoses found, still open, and how many are settled below the threshold.
  func status(_ plan: QuestionPlan) -> String {
    let answered = state.answers.count
    var out =
      "Diagnoses after \(answered) answer\(answered == 1 ? "" : "s") (threshold \(threshold.fixed(2))):\n"
    let found = plan.outlook.filter(\.found).sorted { ($0.certainty, $1.id) > ($1.certainty, $0.id) }
    let open = plan.outlook.filter { !$0.found && !$0.settled }
    let column = (plan.outlook.map(\.id.count).max() ?? 0) + 2
    func row(_ outlook: DiagnosisOutlook, _ note: String) -> String {
      "  " + outlook.id + String(repeating: " ", count: max(1, column - outlook.id.count))
        + String(repeating: " ", count: max(0, 5 - outlook.certainty.fixed(2).count))
        + outlook.certainty.fixed(2) + "  " + note + "\n"
    }
    for outlook in found {
      out += row(
        outlook, outlook.settled ? "found" : "found; \(outlook.openRules) rule(s) could still lower it")
    }
    for outlook in open {
      let rules = outlook.openRules == 1 ? "1 rule" : "\(outlook.openRules) rules"
      out += row(outlook, "open: \(rules) could raise it to \(outlook.bound.fixed(2))")
    }
    let rest = plan.outlook.count - found.count - open.count
    if rest > 0 { out += "  \(rest) more below the threshold, settled: no answer can raise them to it\n" }
    return out
  }

  func help() -> String {
    """
    Answer the question, or type a command:
      a number or a value   from the list; a value named like a command: by number
      text, a number        for a question without a list
      none                  no further fact of that kind (group, metric, obstacle…)
      why                   the rules and diagnoses the question serves
      how DIAGNOSIS         how a diagnosis reached its certainty so far
      unknown               skip: the slot stays unstated and is not asked again
      unknown all           skip every question left about this fact
      back                  take back the previous answer, and what rested on it
      status                the diagnoses so far, with their certainties
      quit                  save the answers and stop
      help                  this list

    """
  }

  // MARK: - Text

  /// Words wrapped to the width; lines after the first are indented by `hanging` more.
  private func wrap(_ text: String, indent: Int = 0, hanging: Int? = nil) -> String {
    let prefix = String(repeating: " ", count: indent)
    var out = ""
    var line = prefix
    var fresh = true
    for word in text.split(separator: " ") {
      if !fresh, line.count + 1 + word.count > width {
        out += line + "\n"
        line = prefix + String(repeating: " ", count: hanging ?? (indent > 0 ? 2 : 0))
        fresh = true
      }
      line += (fresh ? "" : " ") + word
      fresh = false
    }
    return out + line + "\n"
  }

  private func signed(_ value: Double) -> String { (value < 0 ? "−" : "+") + abs(value).fixed(2) }
  private func bold(_ text: String) -> String { color ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
  private func dim(_ text: String) -> String { color ? "\u{1B}[2m\(text)\u{1B}[0m" : text }
}
