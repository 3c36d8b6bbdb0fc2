import RuleEngine

/// One element of a sequence the printer lays out one per line: a declaration, a block's
/// condition or action, a fact. It knows where it is in the source (to place comments and
/// blank lines around it) and how to print itself at a given indentation.
struct LayoutItem {
  let span: SourceSpan
  /// The item's lines, the first one indented by the argument (a column), the others as the
  /// item lays them out.
  let render: (Int) -> [String]
}
