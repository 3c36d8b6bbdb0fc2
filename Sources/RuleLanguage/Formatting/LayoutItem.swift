import RuleEngine

/// One element of a sequence the printer lays out one per line: a declaration, a block's
/// condition or action, a fact. It knows where it is in the source (to place comments and
/// blank lines around it) and how to print itself.
struct LayoutItem {
  let span: SourceSpan
  /// The item's lines, the first one indented by the argument (a column), the others as the
  /// item lays them out.
  let render: (Int) -> [String]
  /// The item on one line, whatever its length; nil when it cannot be on one line (a comment
  /// inside, a text in several pieces, a block of several items).
  ///
  /// A block asks its only item for this instead of rendering it twice, so that the work done
  /// for nested blocks grows with their depth, not exponentially.
  let flat: () -> String?
  /// True when the item can break over lines (a list of several values, a block), so that a
  /// line of its own may let it fit the width.
  let canBreak: Bool
}
