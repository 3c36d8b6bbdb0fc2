/// The conflict set: activations waiting to fire, ordered by salience and strategy.
///
/// A binary heap with lazy deletion: removing an activation marks it dead, and dead ones are
/// dropped when they reach the top. Nothing is ever re-sorted.
struct Agenda: Sendable {
  struct Entry: Sendable {
    let production: Int32
    let token: Int32
    let salience: Int
    let sequence: Int
    /// Time tags of the matched facts, newest first (only for lex and mea).
    let recency: [Int32]
    /// Time tag of the first pattern's fact (mea).
    let firstTag: Int32
    var alive: Bool
  }

  let strategy: ConflictStrategy
  private(set) var entries: [Entry] = []
  private var heap: [Int32] = []
  private var free: [Int32] = []
  private(set) var liveCount = 0
  private var nextSequence = 0

  init(strategy: ConflictStrategy) {
    self.strategy = strategy
  }

  var needsRecency: Bool { strategy == .lex || strategy == .mea }

  mutating func add(production: Int32, token: Int32, salience: Int, recency: [Int32], firstTag: Int32)
    -> Int32
  {
    nextSequence += 1
    let entry = Entry(
      production: production, token: token, salience: salience, sequence: nextSequence, recency: recency,
      firstTag: firstTag, alive: true)
    let id: Int32
    if let reused = free.popLast() {
      id = reused
      entries[Int(id)] = entry
    } else {
      id = Int32(entries.count)
      entries.append(entry)
    }
    heap.append(id)
    siftUp(heap.count - 1)
    liveCount += 1
    return id
  }

  mutating func remove(_ id: Int32) {
    guard entries[Int(id)].alive else { return }
    entries[Int(id)].alive = false
    liveCount -= 1
    // Dead entries below the top would otherwise stay forever (under depth, new activations
    // sit on top and old ones sink): drop them when they outnumber the live ones.
    if heap.count > 64, heap.count > 2 * liveCount { compact() }
  }

  /// Rebuilds the heap from its live entries. O(n), run only when most entries are dead, so
  /// removal stays O(1) amortized.
  private mutating func compact() {
    var live: [Int32] = []
    live.reserveCapacity(liveCount)
    for id in heap {
      if entries[Int(id)].alive { live.append(id) } else { free.append(id) }
    }
    heap = live
    var index = heap.count / 2
    while index > 0 {
      index -= 1
      siftDown(index)
    }
  }

  /// Takes the activation that fires next.
  mutating func pop() -> Entry? {
    while let top = heap.first {
      let last = heap.removeLast()
      if !heap.isEmpty {
        heap[0] = last
        siftDown(0)
      }
      let entry = entries[Int(top)]
      free.append(top)
      if entry.alive {
        entries[Int(top)].alive = false
        liveCount -= 1
        return entry
      }
    }
    return nil
  }

  /// Live activations in firing order (sorted copy; the heap is untouched).
  var ordered: [Entry] {
    heap.map { entries[Int($0)] }.filter(\.alive).sorted { precedes($0, $1) }
  }

  // MARK: - Ordering

  func precedes(_ a: Entry, _ b: Entry) -> Bool {
    if a.salience != b.salience { return a.salience > b.salience }
    switch strategy {
    case .depth: return a.sequence > b.sequence
    case .breadth: return a.sequence < b.sequence
    case .lex:
      if let order = compareRecency(a.recency, b.recency) { return order }
      return a.sequence > b.sequence
    case .mea:
      if a.firstTag != b.firstTag { return a.firstTag > b.firstTag }
      if let order = compareRecency(a.recency, b.recency) { return order }
      return a.sequence > b.sequence
    }
  }

  private func compareRecency(_ a: [Int32], _ b: [Int32]) -> Bool? {
    for (x, y) in zip(a, b) where x != y { return x > y }
    if a.count != b.count { return a.count > b.count }
    return nil
  }

  private mutating func siftUp(_ start: Int) {
    var child = start
    while child > 0 {
      let parent = (child - 1) / 2
      guard precedes(entries[Int(heap[child])], entries[Int(heap[parent])]) else { return }
      heap.swapAt(child, parent)
      child = parent
    }
  }

  private mutating func siftDown(_ start: Int) {
    var parent = start
    while true {
      let left = 2 * parent + 1
      let right = left + 1
      var best = parent
      if left < heap.count, precedes(entries[Int(heap[left])], entries[Int(heap[best])]) { best = left }
      if right < heap.count, precedes(entries[Int(heap[right])], entries[Int(heap[best])]) { best = right }
      if best == parent { return }
      heap.swapAt(parent, best)
      parent = best
    }
  }
}
