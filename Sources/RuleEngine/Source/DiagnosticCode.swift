/// The stable identifier of every kind of diagnostic cxdx can report.
///
/// Codes never change meaning once released; `docs/diagnostics.md` explains each one with
/// an example and the fix, and a test checks that the catalogue and that page agree.
/// Ranges: E01xx reading and lexing, E02xx syntax, E03xx vocabulary and meaning, E04xx
/// files and limits, E05xx running rules.
public enum DiagnosticCode: String, Sendable, Hashable, CaseIterable, Comparable {
  // MARK: - Reading and lexing
  case unexpectedCharacter = "E0101"
  case unterminatedString = "E0102"
  case invalidEscape = "E0103"
  case invalidUTF8 = "E0104"
  case nulByte = "E0105"
  case malformedNumber = "E0106"
  case missingVariableName = "E0107"
  case invalidInterpolation = "E0108"
  case malformedJSON = "E0109"

  // MARK: - Syntax
  case expectedToken = "E0201"
  case expectedDeclaration = "E0202"
  case unclosedDelimiter = "E0203"
  case nestingTooDeep = "E0204"
  case tooManyErrors = "E0205"
  case duplicateSlot = "E0206"
  case duplicateProperty = "E0207"
  case positionalAfterNamed = "E0208"
  case wrongFileKind = "E0209"
  case invalidFactBinding = "E0210"
  case unknownProperty = "E0211"
  case unknownSlotType = "E0212"
  case wrongJSONShape = "E0213"

  // MARK: - Vocabulary and meaning
  case unknownTemplate = "E0301"
  case unknownSlot = "E0302"
  case valueNotAllowed = "E0303"
  case typeMismatch = "E0304"
  case unknownDiagnosis = "E0305"
  case duplicateTemplate = "E0306"
  case duplicateDiagnosis = "E0307"
  case duplicateRule = "E0308"
  case unboundVariable = "E0309"
  case certaintyOutOfRange = "E0310"
  case tooManyPositionalValues = "E0311"
  case missingProperty = "E0312"
  case unknownFunction = "E0313"
  case wrongArgumentCount = "E0314"
  case notAFactVariable = "E0315"
  case duplicateAsk = "E0316"
  case duplicateEnumValue = "E0317"
  case variableRebound = "E0318"
  case emptyEnumeration = "E0319"

  // MARK: - Files and limits
  case cannotRead = "E0401"
  case notAFile = "E0402"
  case fileTooLarge = "E0403"
  case noRuleFiles = "E0404"
  case unknownFileKind = "E0405"
  case outsideFolder = "E0406"

  // MARK: - Running rules
  case firingLimit = "E0501"
  case factLimit = "E0502"
  case evaluationError = "E0503"
  case timeLimit = "E0504"

  /// A one-line description, used in the code index.
  public var summary: String {
    switch self {
    case .unexpectedCharacter: "a character that cannot start any token"
    case .unterminatedString: "a string literal with no closing quote on its line"
    case .invalidEscape: "an unknown escape sequence inside a string"
    case .invalidUTF8: "bytes that are not valid UTF-8"
    case .nulByte: "a NUL byte in a text file"
    case .malformedNumber: "a number that cannot be read"
    case .missingVariableName: "a '?' with no variable name after it"
    case .invalidInterpolation: "a '{' in a string that does not hold a variable"
    case .malformedJSON: "a JSON case file that is not valid JSON"
    case .expectedToken: "the parser expected something else here"
    case .expectedDeclaration: "something that is not a declaration at the top level of a file"
    case .unclosedDelimiter: "a '(' or '{' that is never closed"
    case .nestingTooDeep: "parentheses or blocks nested deeper than the limit"
    case .tooManyErrors: "reporting stopped after too many errors in one file"
    case .duplicateSlot: "the same slot given twice in one fact or pattern"
    case .duplicateProperty: "the same property given twice in one declaration"
    case .positionalAfterNamed: "a positional value after a named slot"
    case .wrongFileKind: "a rule-file construct in a fact file, or the reverse"
    case .invalidFactBinding: "a fact binding ('?f <-') where no fact is matched"
    case .unknownProperty: "a property the declaration does not have"
    case .unknownSlotType: "a slot type that looks like a misspelt type name"
    case .wrongJSONShape: "valid JSON that is not a case in the 'cxdx.facts/1' shape"
    case .unknownTemplate: "a fact kind that no template declares"
    case .unknownSlot: "a slot the template does not declare"
    case .valueNotAllowed: "a value outside the slot's declared set"
    case .typeMismatch: "a value of the wrong type for its slot"
    case .unknownDiagnosis: "a diagnosis that is not declared"
    case .duplicateTemplate: "a template declared twice"
    case .duplicateDiagnosis: "a diagnosis declared twice"
    case .duplicateRule: "two rules with the same name"
    case .unboundVariable: "a variable used where no pattern binds it"
    case .certaintyOutOfRange: "a certainty factor outside -1...1"
    case .tooManyPositionalValues: "more positional values than the template has slots"
    case .missingProperty: "a declaration without a required property"
    case .unknownFunction: "a call to a function cxdx does not have"
    case .wrongArgumentCount: "a function called with the wrong number of arguments"
    case .notAFactVariable: "retract or modify of a variable that is not bound to a fact"
    case .duplicateAsk: "an askable slot declared twice"
    case .duplicateEnumValue: "the same allowed value listed twice"
    case .variableRebound: "a fact variable bound twice, or bound to a value and a fact"
    case .emptyEnumeration: "a template slot with no allowed values"
    case .cannotRead: "a file that cannot be read"
    case .notAFile: "a path that is a folder where a file was expected, or the reverse"
    case .fileTooLarge: "a file larger than the size limit"
    case .noRuleFiles: "a rules folder with no '.rules' file in it"
    case .unknownFileKind: "a file that is neither '.rules' nor a case ('.facts', '.json')"
    case .outsideFolder: "a file in a folder that is a symbolic link to a file outside it"
    case .firingLimit: "the run stopped at the rule-firing limit"
    case .factLimit: "the run stopped at the working-memory size limit"
    case .evaluationError: "an expression failed while a rule fired"
    case .timeLimit: "the run stopped at the wall-clock limit"
    }
  }

  public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
