/// The settings of the canonical layout: how wide a line may be and how far a block indents.
public struct FormatStyle: Sendable, Hashable {
  /// Lines longer than this are wrapped where the layout allows (between the values of a fact or
  /// a pattern); a single string or name longer than the width stays on its line.
  public var lineWidth: Int
  public var indentWidth: Int

  public init(lineWidth: Int = 100, indentWidth: Int = 2) {
    self.lineWidth = lineWidth
    self.indentWidth = indentWidth
  }
}
