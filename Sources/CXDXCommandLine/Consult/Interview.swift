import CXDXExplain
import RuleEngine
import RuleLanguage

/// The prompt loop of `cxdx consult`: shows a question, reads lines until one answers it
/// (commands are served in between), records the answer, and plans again; saves at the end,
/// on `quit`, at the end of input and after Ctrl-C.
struct Interview {
  var consultation: Consultation
  let input: LineSource
  let console: Console
  /// Where the case is saved; nil prints it instead.
  let destination: String?
  let color: Bool
  let errorStyle: TextDiagnosticRenderer.Style

  private var state: ConsultCase {
    get { consultation.state }
    set { consultation.state = newValue }
  }

  mutating func run() -> ExitStatus {
    let stated = state.facts.count
    console.out(
      "cxdx consult: \(stated) fact\(stated == 1 ? "" : "s") stated; asking only what can move a diagnosis "
        + "across \(consultation.threshold.fixed(2)). Type help for the commands.\n")
    while true {
      let step: Consultation.Step
      switch consultation.evaluate() {
      case .success(let value): step = value
      case .failure(let failure):
        console.error(
          TextDiagnosticRenderer(style: errorStyle).render(failure.diagnostics, files: failure.sources))
        // The case checked before the last answer: take that answer back and ask again, so
        // no answer given so far is lost.
        guard state.undo() != nil else {
          console.error("cxdx consult: error: the case as answered does not check\n")
          return .failure
        }
        console.out(
          "  that answer would make the case fail to check (above), so it was not kept; answer again\n")
        continue
      }
      // A run stopped at a limit would plan from half a run: stop, keeping the answers given.
      if let message = RunLimits.message(step.run.result, options: consultation.runner.options) {
        console.error("cxdx consult: error: " + message)
        let status = save()
        return status == .success ? .limitReached : status
      }
      let renderer = ConsultRenderer(
        state: state, kinds: consultation.kinds, run: step.run, threshold: consultation.threshold,
        color: color)
      guard let question = step.plan.next else {
        console.out(
          "\nDone: every diagnosis is settled; no remaining question can move one across the threshold "
            + "(\(consultation.threshold.fixed(2))).\n")
        console.out(renderer.status(step.plan))
        return save()
      }
      switch ask(question, step: step, renderer: renderer) {
      case .answered: continue
      case .finish(let reason):
        return finish(reason)
      }
    }
  }

  private enum Outcome {
    case answered
    case finish(Finish)
  }

  private enum Finish {
    case quit
    case endOfInput
    case interrupted
  }

  /// Puts one question until it is answered, gone back from, or the session ends.
  private mutating func ask(_ question: PlannedQuestion, step: Consultation.Step, renderer: ConsultRenderer)
    -> Outcome
  {
    let parser = AnswerParser(state: state, kinds: consultation.kinds)
    let choices = parser.choices(for: question.target)
    console.out(renderer.question(state.answers.count + 1, question, choices: choices))
    while true {
      console.out("> ")
      let line: String
      switch input.next() {
      case .end: return .finish(.endOfInput)
      case .interrupted: return .finish(.interrupted)
      case .line(let text): line = text
      }
      // A script's answers are not echoed by a terminal: echo them, so a transcript reads well.
      if !input.isTerminal { console.out(line + "\n") }
      switch parser.parse(line, for: question.target) {
      case .answer(let response):
        state.record(Answer(target: question.target, response: response))
        return .answered
      case .invalid(let message):
        console.out("  \(message)\n")
      case .why:
        console.out(renderer.why(question))
      case .how(let diagnosis):
        console.out(how(diagnosis, step: step))
      case .status:
        console.out(renderer.status(step.plan))
      case .help:
        console.out(renderer.help())
      case .back:
        guard let undone = state.undo() else {
          console.out("  nothing to go back to: this is the first answer\n")
          continue
        }
        console.out("  took back the answer to \(describe(undone.target, renderer: renderer))\n")
        return .answered
      case .quit:
        return .finish(.quit)
      }
    }
  }

  private func describe(_ target: QuestionTarget, renderer: ConsultRenderer) -> String {
    switch target {
    case .slot(let fact, let slot): "\(slot) of \(renderer.subject(fact))"
    case .single(let template, let slot): "\(slot) of \(template)"
    case .newFact(let template, _): "another \(template)"
    }
  }

  /// `how D`: the explanation renderer of `cxdx explain`, on the case as it stands.
  private func how(_ diagnosis: String?, step: Consultation.Step) -> String {
    let declared = consultation.kinds.vocabulary.diagnoses.map(\.id)
    guard let diagnosis else {
      return "  how needs a diagnosis, e.g. how \(declared.first ?? "complacency")\n"
    }
    guard declared.contains(diagnosis) else {
      return "  unknown diagnosis '\(diagnosis)'"
        + (diagnosis.closestMatch(in: declared).map { "; did you mean '\($0)'?" } ?? "") + "\n"
    }
    let explanation = CaseExplanation(
      run: step.run, recorder: step.recorder, threshold: consultation.threshold, diagnoses: [diagnosis])
    guard let explained = explanation.explanations.first else { return "" }
    return TextExplanationRenderer(color: color, width: 80).render(explained, path: step.run.path)
  }

  private func finish(_ reason: Finish) -> ExitStatus {
    switch reason {
    case .quit:
      console.out("Stopping here.\n")
      return save()
    case .endOfInput:
      console.out("\nEnd of input: stopping here.\n")
      return save()
    case .interrupted:
      console.out("\nInterrupted: saving the answers given so far.\n")
      let status = save()
      return status == .success ? .interrupted : status
    }
  }

  /// Writes the case, atomically, or prints it when there is nowhere to write it.
  private func save() -> ExitStatus {
    let text = consultation.writer.text(for: state)
    let count = state.answers.count
    let answers = "\(count) answer\(count == 1 ? "" : "s")"
    guard let destination else {
      console.out("\nThe case as answered (\(answers); give --save FILE to keep it):\n\n" + text)
      return .success
    }
    switch AtomicFileWriter.write(text, to: destination) {
    case .success:
      console.out("Saved \(answers) to \(destination).\n")
      return .success
    case .failure(let failure):
      // Nothing answered is lost: the case goes to standard output instead.
      console.error("cxdx consult: error: \(failure.message); the case as answered follows\n")
      console.out("\n" + text)
      return .failure
    }
  }
}
