// swift-tools-version: 6.0
// cxdx: a rule-based diagnostic expert system. Toolchain only: no package dependencies.
import PackageDescription

let package = Package(
  name: "cxdx",
  products: [
    // The embeddable library: the engine and the language that feeds it.
    .library(name: "RuleEngine", targets: ["RuleEngine", "RuleLanguage", "CXDXExplain"]),
    .executable(name: "cxdx", targets: ["cxdx"]),
  ],
  targets: [
    // Source text, locations, diagnostics; the engine model, Rete network, agenda, certainty.
    // Release builds skip run-time exclusivity checks on the matcher's hot paths (about a tenth
    // of Manners' time, measured); debug builds and the tests keep them.
    .target(
      name: "RuleEngine",
      swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]),
    // Lexer, parser, syntax tree, vocabulary checker, lowering into the engine model.
    .target(name: "RuleLanguage", dependencies: ["RuleEngine"]),
    // Diagnosis reports and explanations, built from the engine's own record.
    .target(name: "CXDXExplain", dependencies: ["RuleEngine", "RuleLanguage"]),
    // The command-line layer: argument parsing, subcommands, terminal handling.
    .target(name: "CXDXCommandLine", dependencies: ["RuleEngine", "RuleLanguage", "CXDXExplain"]),
    // Linked with the Swift runtime inside: a diagnosis of one small case is mostly process
    // start, and loading the runtime's shared libraries was a fifth of it (measured).
    .executableTarget(
      name: "cxdx", dependencies: ["CXDXCommandLine"],
      linkerSettings: [.unsafeFlags(["-static-stdlib"], .when(configuration: .release))]),
    // Helpers shared by the test targets (a seeded random number generator).
    .target(name: "TestSupport", path: "Tests/TestSupport"),
    .testTarget(name: "RuleEngineTests", dependencies: ["RuleEngine", "TestSupport"]),
    .testTarget(
      name: "RuleLanguageTests", dependencies: ["RuleLanguage", "RuleEngine", "TestSupport"],
      resources: [.copy("Fixtures")]),
    .testTarget(
      name: "CXDXCommandLineTests",
      dependencies: ["CXDXCommandLine", "CXDXExplain", "RuleLanguage", "RuleEngine", "TestSupport"],
      exclude: ["Goldens", "Fixtures"]),
    .testTarget(
      name: "KnowledgeBaseTests", dependencies: ["CXDXExplain", "RuleLanguage", "RuleEngine", "TestSupport"]),
  ],
  swiftLanguageModes: [.v6]
)
