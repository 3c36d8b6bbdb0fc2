import Foundation
import Testing

@testable import CXDXCommandLine

/// The HTML report: one self-contained file, escaped, deterministic, and shown by a real
/// browser without console errors.
@Suite struct HTMLReportTests {
  /// Chromium on the PATH, as Debian installs it (`apt-get install chromium`).
  static let chromium: String? = {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for folder in path.split(separator: ":") {
      for name in ["chromium", "chromium-browser"] {
        let candidate = "\(folder)/\(name)"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
      }
    }
    return nil
  }()

  private func report(_ arguments: [String] = []) -> String {
    InProcess.run(
      [
        "diagnose", "--rules", InProcess.rules, InProcess.path("cases/harbor-insurance.facts"), "--format",
        "html",
      ]
        + arguments
    ).output
  }

  @Test func theReportIsOneSelfContainedFile() {
    let html = report()
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(html.hasSuffix("</html>\n"))
    #expect(!html.contains("<script"))
    #expect(!html.contains("@import"))
    #expect(!html.contains("url(http"))
    // The only URL is the SVG namespace, which is a name, not a fetch.
    let urls = html.components(separatedBy: "http").dropFirst().map { String($0.prefix(24)) }
    #expect(urls.allSatisfy { $0.hasPrefix("://www.w3.org/2000/svg") }, "\(urls)")
    #expect(html.contains("<link rel=\"icon\" href=\"data:,\">"), "no favicon request from file://")
    #expect(html.contains("@media print"))
    // A graph per diagnosis with evidence (five in this case), each with its own marker ids.
    #expect(html.components(separatedBy: "<svg ").count - 1 == 6)
    #expect(html.contains("id=\"case-harbor-insurance-complacency-arrow-for\""))
    #expect(html.contains("stroke-dasharray=\"7 4\""), "evidence against is dashed")
  }

  @Test func everyTextIsEscaped() throws {
    let folder = try InProcess.temporaryFolder()
    let file = folder.appendingPathComponent("tricky.facts")
    try """
    organization(name: "<script>alert('x')</script> & \\"Sons\\"", self-rating: good, cx-talk: everywhere)
    metric(name: "<NPS>", kind: customer, trend: flat, years: 3)
    """.write(to: file, atomically: true, encoding: .utf8)
    let (status, html, errors) = InProcess.run([
      "diagnose", "--rules", InProcess.rules, file.path, "--format", "html",
    ])
    #expect(status == .success, "\(errors)")
    #expect(!html.contains("<script>"))
    #expect(!html.contains("<NPS>"))
    #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Sons&quot;"))
    #expect(html.contains("&lt;NPS&gt;"))
    let markdown = InProcess.run([
      "explain", "--rules", InProcess.rules, file.path, "complacency", "--format", "markdown",
    ])
    .output
    #expect(markdown.contains("# \\<script\\>alert('x')\\</script\\> & \"Sons\""))
    let dot = InProcess.run([
      "explain", "--rules", InProcess.rules, file.path, "complacency", "--format", "dot",
    ]).output
    #expect(dot.contains("label=\"cxdx: <script>alert('x')</script> & \\\"Sons\\\" (threshold 0.20)\""))
  }

  @Test func theReportIsTheSameForAnyNumberOfJobs() {
    let serial = InProcess.run([
      "diagnose", "--rules", InProcess.rules, InProcess.path("cases"), "--format", "html", "--jobs", "1",
    ])
    let parallel = InProcess.run([
      "diagnose", "--rules", InProcess.rules, InProcess.path("cases"), "--format", "html", "--jobs", "4",
    ])
    #expect(serial.status == .success)
    #expect(serial.output == parallel.output)
    #expect(
      serial.output.components(separatedBy: "<section class=\"case\"").count - 1 == InProcess.cases.count)
  }

  @Test(
    .enabled(
      if: chromium != nil,
      "Chromium is not on the PATH: install it (apt-get install chromium) to run this test"),
    .timeLimit(.minutes(1)))
  func aRealBrowserShowsTheReportWithoutConsoleErrors() throws {
    let browser = try #require(Self.chromium)
    let folder = try InProcess.temporaryFolder()
    let page = folder.appendingPathComponent("harbor.html")
    let screenshot = folder.appendingPathComponent("harbor.png")
    try report().write(to: page, atomically: true, encoding: .utf8)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: browser)
    process.arguments = [
      "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--enable-logging=stderr", "--v=0",
      "--user-data-dir=\(folder.appendingPathComponent("profile").path)",
      "--screenshot=\(screenshot.path)", "--window-size=1280,2000", page.absoluteString,
    ]
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = Pipe()
    try process.run()
    let log = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(log)")
    // Anything the page logs is a mistake: it has no script, so only errors could log.
    let console = log.split(separator: "\n").filter { $0.contains(":CONSOLE") || $0.contains("Uncaught") }
    #expect(console.isEmpty, "console messages:\n\(console.joined(separator: "\n"))")
    let png = try Data(contentsOf: screenshot)
    #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "not a PNG")
    // IHDR: width and height, big-endian, at bytes 16 and 20.
    let width = png.count > 24 ? png[16..<20].reduce(0) { $0 << 8 | Int($1) } : 0
    #expect(width == 1280)
    // A blank page compresses to a few kilobytes; the ranking and graphs make hundreds.
    #expect(png.count > 100_000, "the screenshot is \(png.count) bytes: is the page empty?")
  }
}
