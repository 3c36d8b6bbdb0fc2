import RuleLanguage

/// Finds the rules folder: `--rules DIR` if given, else `rules/` in the current folder,
/// else the folder named by `CXDX_RULES`.
struct RulesLocator {
  let reader: FileReader
  let environment: [String: String]

  func locate(explicit: String?) -> Result<String, UsageError> {
    if let explicit {
      switch reader.kind(of: explicit) {
      case .missing: return .failure(UsageError("the rules folder '\(explicit)' does not exist"))
      case .file:
        return .failure(
          UsageError(
            "--rules takes a folder; '\(explicit)' is a file",
            help: "pass the folder that holds the '.rules' files"))
      case .directory: return .success(explicit)
      }
    }
    if reader.kind(of: "rules") == .directory { return .success("rules") }
    if let fromEnvironment = environment["CXDX_RULES"], !fromEnvironment.isEmpty {
      guard reader.kind(of: fromEnvironment) == .directory else {
        return .failure(UsageError("CXDX_RULES names '\(fromEnvironment)', which is not a folder"))
      }
      return .success(fromEnvironment)
    }
    return .failure(
      UsageError(
        "no rules found: looked for 'rules/' in the current folder and for the CXDX_RULES variable",
        help: "pass --rules DIR, run cxdx from the project folder, or set CXDX_RULES"))
  }
}
