// swift-tools-version: 6.0
// Fuzz targets for cxdx (libFuzzer, from the Swift toolchain). A package of its own, so that the
// product's package stays free of sanitizer flags; it uses the product's library by path.
// Build and run one with `fuzz/run TARGET SECONDS` (see fuzz/README.md).
import PackageDescription

// `fuzz/run` adds `-sanitize=fuzzer,address` for every module (the library's too, so that
// libFuzzer sees its coverage). Linked with lld: gold fails on the sanitizer runtime.
let fuzzLink: [LinkerSetting] = [.unsafeFlags(["-use-ld=lld"])]

let package = Package(
  name: "cxdx-fuzz",
  dependencies: [.package(name: "cxdx", path: "..")],
  targets: [
    // Hands control to libFuzzer's driver.
    .target(name: "FuzzDriver"),
    // The rule parser, checker and compiler on arbitrary bytes.
    .executableTarget(
      name: "FuzzRules", dependencies: ["FuzzDriver", .product(name: "RuleEngine", package: "cxdx")],
      linkerSettings: fuzzLink),
    // The fact parser and checker on arbitrary bytes, against the repository's vocabulary.
    .executableTarget(
      name: "FuzzFacts", dependencies: ["FuzzDriver", .product(name: "RuleEngine", package: "cxdx")],
      linkerSettings: fuzzLink),
    // The JSON case reader and the checker on arbitrary bytes, against the repository's vocabulary.
    .executableTarget(
      name: "FuzzJSON", dependencies: ["FuzzDriver", .product(name: "RuleEngine", package: "cxdx")],
      linkerSettings: fuzzLink),
    // Parse, compile and run a rule file with small limits (rules and facts in one input).
    .executableTarget(
      name: "FuzzRun", dependencies: ["FuzzDriver", .product(name: "RuleEngine", package: "cxdx")],
      linkerSettings: fuzzLink),
  ],
  swiftLanguageModes: [.v6]
)
