import Glibc

@_silgen_name("LLVMFuzzerRunDriver")
private func runFuzzerDriver(
  _ argc: UnsafeMutablePointer<CInt>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
  _ input: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// Hands the command line to libFuzzer's driver with a target's input function. SwiftPM gives
/// each executable its own entry point, so libFuzzer's `main` is not the one that runs.
public func runLibFuzzer(_ input: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
  var argumentCount = CommandLine.argc
  var arguments = CommandLine.unsafeArgv
  exit(runFuzzerDriver(&argumentCount, &arguments, input))
}
