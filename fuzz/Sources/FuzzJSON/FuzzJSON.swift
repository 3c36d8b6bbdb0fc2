import RuleEngine
import RuleLanguage

/// The repository's rule base, loaded once: `CXDX_FUZZ_RULES` names its folder (fuzz/run sets it).
let ruleBase: LoadedRuleBase = {
  let folder = Platform.environment["CXDX_FUZZ_RULES"] ?? "rules"
  return RuleBaseLoader().loadRules(from: [folder])
}()

/// One input is one JSON case (`cxdx.facts/1`), read with positions, checked against the
/// repository's vocabulary and, when clean, run with small limits. Whatever the bytes:
/// diagnostics or a run, never a crash.
func fuzzJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  UntrustedInput.runCase(
    data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [], against: ruleBase, path: "input.json")
  return 0
}
