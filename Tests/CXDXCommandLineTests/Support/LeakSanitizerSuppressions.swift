/// What LeakSanitizer should not report when the tests run under `swift test
/// --sanitize=address` (it calls this function, by its C name, when the process ends). Memory
/// kept for the whole process is not lost, but LeakSanitizer does not treat Swift globals as
/// roots, so it reports (docs/reliability.md):
/// - what static properties' initialisers allocate (`vpZfi`: a static's initial value; `_WZ`:
///   the function that initialises a global or static once), such as the shared case runner
///   of the faithfulness tests;
/// - XCTest's own bookkeeping;
/// - the weak-reference side table Foundation's `Process.run` keeps.
/// Any other leak, in the product or the tests, is still reported.
@_cdecl("__lsan_default_suppressions")
public func leakSanitizerSuppressions() -> UnsafePointer<CChar> {
  let suppressions: StaticString = "leak:vpZfi\nleak:_WZ\nleak:libXCTest.so\nleak:Foundation7ProcessC3run\n"
  return UnsafeRawPointer(suppressions.utf8Start).assumingMemoryBound(to: CChar.self)
}
