import RuleLanguage

/// One input is one rule file. Whatever the bytes, loading ends with diagnostics or a compiled
/// knowledge base, never a crash or a hang.
func fuzzRules(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  UntrustedInput.compileRules(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
  return 0
}
