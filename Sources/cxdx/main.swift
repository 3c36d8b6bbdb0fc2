import CXDXCommandLine
import Foundation

let status = CommandLineTool().run(
  Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment,
  console: .standard())
exit(status.rawValue)
