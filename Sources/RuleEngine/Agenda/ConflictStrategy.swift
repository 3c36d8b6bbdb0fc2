/// How the agenda orders activations of equal salience (CLIPS's strategies).
public enum ConflictStrategy: String, Sendable, CaseIterable {
  /// Newest activation first (CLIPS's default).
  case depth
  /// Oldest activation first.
  case breadth
  /// The activation whose facts are most recent first, comparing time tags newest to oldest.
  case lex
  /// The activation whose first fact is most recent first, then as `lex`.
  case mea
}
