import RuleLanguage

/// One input is a rule file and a case file split at a line `%%`, loaded, compiled and run with
/// small limits, so that a runaway program ends at a limit.
func fuzzRun(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  UntrustedInput.runProgram(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
  return 0
}
