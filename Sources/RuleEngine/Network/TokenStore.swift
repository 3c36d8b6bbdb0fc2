/// Partial matches (Doorenbos's tokens), stored as fixed-size records indexed by token id.
///
/// A token is one fact (or none) plus a pointer to its parent token, so a partial match of
/// depth *k* shares its first *k*−1 facts with its parent. Children are linked so that
/// removing a token removes everything built on it (tree-based removal, Doorenbos 1995,
/// §2.5) without rescanning memories. Freed ids are reused; `generation` tells a stale
/// reference from a live one.
///
/// Each token also keeps its *row*: the facts of the whole partial match by depth, so a join
/// reads the fact at any depth in one step instead of walking parents (the layout CLIPS's
/// partial matches have). Rows of freed tokens are reused through a free list per length.
final class TokenStore {
  struct Record {
    var parent: Int32
    var fact: Int32
    var node: Int32
    /// For negation and existence holders, the fact that blocks (or passes) them, 0 for none;
    /// for group holders, how many group matches block or enable them; for count holders, the
    /// count.
    var blockers: Int32 = 0
    var firstChild: Int32 = TokenStore.none
    var nextSibling: Int32 = TokenStore.none
    var previousSibling: Int32 = TokenStore.none
    /// The token's position in its node's memory, for O(1) removal.
    var memoryPosition: Int32 = -1
    /// Where the token's row starts in `rows`; its length is the depth of the token's node.
    var row: Int32
    /// The agenda entry of the match this token completes, when a production holds it.
    var activation: Int32 = -1
    /// Neighbours in the list of tokens holding the same fact, for tree-based removal (for a
    /// negation or existence holder: of the holders its blocker blocks).
    var nextWithFact: Int32 = TokenStore.none
    var previousWithFact: Int32 = TokenStore.none
    var generation: UInt32 = 0
    var alive = true
  }

  private(set) var records = RawBuffer<Record>(capacity: 1024)
  /// Facts of every partial match by depth (depth 1 first); `TokenStore.none` where a level
  /// holds no fact (a negation, a test).
  private(set) var rows = RawBuffer<Int32>(capacity: 4096)
  private var freeTokens = RawBuffer<Int32>(capacity: 256)
  /// Heads of the free lists of rows, by length; a free row's first entry links to the next.
  private var freeRows: [Int32] = []
  private(set) var liveCount = 0

  static let none: Int32 = -1

  subscript(token: Int32) -> Record {
    unsafeAddress { records.unsafeAddress(of: Int(token)) }
    unsafeMutableAddress { records.unsafeMutableAddress(of: Int(token)) }
  }

  /// The fact at a depth (1 for the first pattern) of a partial match.
  @inline(__always)
  func fact(of token: Int32, depth: Int) -> Int32 {
    rows[Int(records[Int(token)].row) + depth - 1]
  }

  func make(
    node owner: Int, depth: Int, parent parentToken: Int32, fact factID: Int32
  ) -> Int32 {
    let row = allocateRow(length: depth)
    if depth > 0 {
      if depth > 1 {
        let parentRow = Int(records[Int(parentToken)].row)
        for level in 0..<(depth - 1) { rows[Int(row) + level] = rows[parentRow + level] }
      }
      rows[Int(row) + depth - 1] = factID
    }
    var record = Record(
      parent: parentToken, fact: factID, node: Int32(owner), row: row)
    let token: Int32
    if freeTokens.count > 0 {
      token = freeTokens.removeLast()
      record.generation = records[Int(token)].generation
      records[Int(token)] = record
    } else {
      token = Int32(records.count)
      records.append(record)
    }
    if parentToken >= 0 {
      let head = records[Int(parentToken)].firstChild
      records[Int(token)].nextSibling = head
      if head >= 0 { records[Int(head)].previousSibling = token }
      records[Int(parentToken)].firstChild = token
    }
    liveCount += 1
    return token
  }

  /// Unlinks a token whose children are already gone, and frees its id and its row (of
  /// length `depth`).
  func release(_ token: Int32, depth: Int) {
    let index = Int(token)
    let record = records[index]
    if record.previousSibling >= 0 {
      records[Int(record.previousSibling)].nextSibling = record.nextSibling
    } else if record.parent >= 0 {
      records[Int(record.parent)].firstChild = record.nextSibling
    }
    if record.nextSibling >= 0 { records[Int(record.nextSibling)].previousSibling = record.previousSibling }
    records[index].alive = false
    records[index].generation &+= 1
    freeRow(record.row, length: depth)
    freeTokens.append(token)
    liveCount -= 1
  }

  /// The child a token has at a given node, if any.
  func child(of token: Int32, at owner: Int) -> Int32? {
    var child = records[Int(token)].firstChild
    while child >= 0 {
      if records[Int(child)].node == Int32(owner) { return child }
      child = records[Int(child)].nextSibling
    }
    return nil
  }

  /// Walks `steps` parents up.
  func ancestor(of token: Int32, steps: Int) -> Int32 {
    var current = token
    for _ in 0..<steps where current >= 0 { current = records[Int(current)].parent }
    return current
  }

  /// Whether a token id still names the partial match it named at `generation`.
  func isCurrent(_ token: Int32, generation: UInt32) -> Bool {
    records[Int(token)].alive && records[Int(token)].generation == generation
  }

  private func allocateRow(length: Int) -> Int32 {
    guard length > 0 else { return 0 }
    if length < freeRows.count, freeRows[length] >= 0 {
      let row = freeRows[length]
      freeRows[length] = rows[Int(row)]
      return row
    }
    return Int32(rows.extend(by: length, filling: TokenStore.none))
  }

  private func freeRow(_ row: Int32, length: Int) {
    guard length > 0 else { return }
    while freeRows.count <= length { freeRows.append(TokenStore.none) }
    rows[Int(row)] = freeRows[length]
    freeRows[length] = row
  }
}
