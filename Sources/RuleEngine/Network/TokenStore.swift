/// Partial matches (Doorenbos's tokens), stored as parallel arrays indexed by token id.
///
/// A token is one fact (or none) plus a pointer to its parent token, so a partial match of
/// depth *k* shares its first *k*−1 facts with its parent. Children are linked so that
/// removing a token removes everything built on it (tree-based removal, Doorenbos 1995,
/// §2.5) without rescanning memories. Freed ids are reused; `generation` tells a stale
/// reference from a live one.
///
/// A class, owned by one session: as a struct inside the session, every read through a method
/// copied eleven array references (a retain and a release each), a tenth of Manners' time.
final class TokenStore {
  private(set) var parent: [Int32] = []
  private(set) var fact: [Int32] = []
  private(set) var node: [Int32] = []
  var value: [Atom] = []
  /// For negation, existence and group holders: how many matches block or enable them.
  var blockers: [Int32] = []
  private(set) var firstChild: [Int32] = []
  private(set) var nextSibling: [Int32] = []
  private(set) var previousSibling: [Int32] = []
  private(set) var generation: [UInt32] = []
  private(set) var alive: [Bool] = []
  /// Each token's position in its node's memory, for O(1) removal.
  var memoryPosition: [Int32] = []
  private var free: [Int32] = []
  private(set) var liveCount = 0

  static let none: Int32 = -1

  func make(
    node owner: Int, parent parentToken: Int32, fact factID: Int32, value atom: Atom = .missing
  )
    -> Int32
  {
    let token: Int32
    if let reused = free.popLast() {
      token = reused
      let index = Int(token)
      parent[index] = parentToken
      fact[index] = factID
      node[index] = Int32(owner)
      value[index] = atom
      blockers[index] = 0
      firstChild[index] = TokenStore.none
      nextSibling[index] = TokenStore.none
      previousSibling[index] = TokenStore.none
      alive[index] = true
    } else {
      token = Int32(parent.count)
      parent.append(parentToken)
      fact.append(factID)
      node.append(Int32(owner))
      value.append(atom)
      blockers.append(0)
      memoryPosition.append(-1)
      firstChild.append(TokenStore.none)
      nextSibling.append(TokenStore.none)
      previousSibling.append(TokenStore.none)
      generation.append(0)
      alive.append(true)
    }
    if parentToken >= 0 {
      let head = firstChild[Int(parentToken)]
      nextSibling[Int(token)] = head
      if head >= 0 { previousSibling[Int(head)] = token }
      firstChild[Int(parentToken)] = token
    }
    liveCount += 1
    return token
  }

  /// Unlinks a token whose children are already gone, and frees its id.
  func release(_ token: Int32) {
    let index = Int(token)
    let previous = previousSibling[index]
    let next = nextSibling[index]
    if previous >= 0 {
      nextSibling[Int(previous)] = next
    } else if parent[index] >= 0 {
      firstChild[Int(parent[index])] = next
    }
    if next >= 0 { previousSibling[Int(next)] = previous }
    alive[index] = false
    generation[index] &+= 1
    free.append(token)
    liveCount -= 1
  }

  /// The children of a token, newest first.
  func children(of token: Int32) -> [Int32] {
    var result: [Int32] = []
    var child = firstChild[Int(token)]
    while child >= 0 {
      result.append(child)
      child = nextSibling[Int(child)]
    }
    return result
  }

  /// The child a token has at a given node, if any.
  func child(of token: Int32, at owner: Int) -> Int32? {
    var child = firstChild[Int(token)]
    while child >= 0 {
      if node[Int(child)] == Int32(owner) { return child }
      child = nextSibling[Int(child)]
    }
    return nil
  }

  /// Walks `steps` parents up.
  func ancestor(of token: Int32, steps: Int) -> Int32 {
    var current = token
    for _ in 0..<steps where current >= 0 { current = parent[Int(current)] }
    return current
  }
}
