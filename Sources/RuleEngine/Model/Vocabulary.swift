/// What a knowledge base declares: templates, diagnoses and the questions a consultation may ask.
public struct Vocabulary: Sendable {
  public private(set) var templates: [Template] = []
  public private(set) var diagnoses: [DiagnosisDefinition] = []
  public private(set) var questions: [Question] = []
  private var templateIndex: [String: Int] = [:]
  private var diagnosisIndex: [String: Int] = [:]

  public init() {}

  public func template(named name: String) -> Template? { templateIndex[name].map { templates[$0] } }

  /// The position of a template in ``templates``.
  public func index(ofTemplate name: String) -> Int? { templateIndex[name] }
  public func diagnosis(named name: String) -> DiagnosisDefinition? {
    diagnosisIndex[name].map { diagnoses[$0] }
  }
  public func question(template: String, slot: String) -> Question? {
    questions.first { $0.template == template && $0.slot == slot }
  }

  /// Adds a template; returns the earlier one of the same name instead, if there is one.
  public mutating func add(_ template: Template) -> Template? {
    if let existing = self.template(named: template.name) { return existing }
    templateIndex[template.name] = templates.count
    templates.append(template)
    return nil
  }

  public mutating func add(_ diagnosis: DiagnosisDefinition) -> DiagnosisDefinition? {
    if let existing = self.diagnosis(named: diagnosis.id) { return existing }
    diagnosisIndex[diagnosis.id] = diagnoses.count
    diagnoses.append(diagnosis)
    return nil
  }

  public mutating func add(_ question: Question) -> Question? {
    if let existing = self.question(template: question.template, slot: question.slot) { return existing }
    questions.append(question)
    return nil
  }
}

/// A declared diagnosis: one enemy the knowledge base can conclude.
public struct DiagnosisDefinition: Hashable, Sendable {
  public let id: String
  public let title: String
  public let summary: String
  /// The article the diagnosis rests on, by file name.
  public let source: String
  public let remedy: String
  public let span: SourceSpan

  public init(
    id: String, title: String, summary: String = "", source: String, remedy: String = "",
    span: SourceSpan = .synthetic
  ) {
    self.id = id
    self.title = title
    self.summary = summary
    self.source = source
    self.remedy = remedy
    self.span = span
  }
}

/// A slot a consultation may ask the user about, with the question to put.
public struct Question: Hashable, Sendable {
  public let template: String
  public let slot: String
  public let text: String
  public let span: SourceSpan

  public init(template: String, slot: String, text: String, span: SourceSpan = .synthetic) {
    self.template = template
    self.slot = slot
    self.text = text
    self.span = span
  }
}
