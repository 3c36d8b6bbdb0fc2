import CXDXCommandLine
import RuleEngine

let status = CommandLineTool().run(
  Array(CommandLine.arguments.dropFirst()), environment: Platform.environment, console: .standard())
exit(status.rawValue)
