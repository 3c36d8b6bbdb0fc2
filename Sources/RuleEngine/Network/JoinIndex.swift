/// The hash indexes of every join node of one side (partial matches, or facts), in one table:
/// from (node, join-key hash) to the identifiers filed under it, so that a join looks up the
/// partners that can agree with it instead of scanning a whole memory.
///
/// Each (node, key) bucket is a doubly linked chain of entries in insertion order (the head's
/// `previous` is the tail, so a bucket needs no tail field); the buckets live in an
/// open-addressing table with linear probing and backward-shift deletion, so an empty
/// bucket leaves no tombstone. Removal searches a chain from its newest
/// end, since entries tend to leave in the reverse order they came. Nothing here allocates
/// per entry, and reading a chain retains nothing.
struct JoinIndex: ~Copyable {
  struct Entry {
    var id: Int32
    var next: Int32
    var previous: Int32
  }

  struct Bucket {
    var key: UInt64
    var node: Int32
    /// The chain's first entry; `head < 0` marks an unused slot.
    var head: Int32
  }

  private var entries = RawBuffer<Entry>(capacity: 1024)
  /// Freed entries, linked through `next`.
  private var freeEntry: Int32 = -1
  private var buckets = RawBuffer<Bucket>(
    repeating: Bucket(key: 0, node: 0, head: -1), count: 1024)
  private var mask = 1023
  private var usedBuckets = 0

  /// The first entry filed under (node, key), or -1; walk on with ``next(after:)``.
  func first(node: Int, key: UInt64) -> Int32 {
    let slot = find(node: node, key: key)
    return slot < 0 ? -1 : buckets[slot].head
  }

  func next(after entry: Int32) -> Int32 { entries[Int(entry)].next }

  func id(at entry: Int32) -> Int32 { entries[Int(entry)].id }

  mutating func insert(_ id: Int32, node: Int, key: UInt64) {
    let entry: Int32
    if freeEntry >= 0 {
      entry = freeEntry
      freeEntry = entries[Int(entry)].next
      entries[Int(entry)] = Entry(id: id, next: -1, previous: -1)
    } else {
      entry = Int32(entries.count)
      entries.append(Entry(id: id, next: -1, previous: -1))
    }
    var slot = find(node: node, key: key)
    if slot < 0 {
      if (usedBuckets + 1) * 10 > (mask + 1) * 7 { grow() }
      slot = Self.home(node: node, key: key, mask: mask)
      while buckets[slot].head >= 0 { slot = (slot + 1) & mask }
      buckets[slot] = Bucket(key: key, node: Int32(node), head: entry)
      entries[Int(entry)].previous = entry
      usedBuckets += 1
      return
    }
    let head = buckets[slot].head
    let tail = entries[Int(head)].previous
    entries[Int(entry)].previous = tail
    entries[Int(tail)].next = entry
    entries[Int(head)].previous = entry
  }

  mutating func remove(_ id: Int32, node: Int, key: UInt64) {
    let slot = find(node: node, key: key)
    guard slot >= 0 else { return }
    let head = buckets[slot].head
    var entry = entries[Int(head)].previous
    while entries[Int(entry)].id != id {
      guard entry != head else { return }
      entry = entries[Int(entry)].previous
    }
    let unlinked = entries[Int(entry)]
    if entry == head {
      if unlinked.next >= 0 {
        entries[Int(unlinked.next)].previous = unlinked.previous
        buckets[slot].head = unlinked.next
      } else {
        vacate(slot)
      }
    } else {
      entries[Int(unlinked.previous)].next = unlinked.next
      let successor = unlinked.next >= 0 ? unlinked.next : head
      entries[Int(successor)].previous = unlinked.previous
    }
    entries[Int(entry)].next = freeEntry
    freeEntry = entry
  }

  // MARK: - Open addressing

  private static func home(node: Int, key: UInt64, mask: Int) -> Int {
    var mixed = key ^ (UInt64(UInt32(truncatingIfNeeded: node)) &* 0x9E37_79B9_7F4A_7C15)
    mixed ^= mixed >> 29
    return Int(truncatingIfNeeded: mixed) & mask
  }

  private func find(node: Int, key: UInt64) -> Int {
    var slot = Self.home(node: node, key: key, mask: mask)
    while buckets[slot].head >= 0 {
      if buckets[slot].key == key, buckets[slot].node == Int32(node) { return slot }
      slot = (slot + 1) & mask
    }
    return -1
  }

  /// Empties a slot and shifts later members of its probe run back, so lookups never stop
  /// early at a hole.
  private mutating func vacate(_ start: Int) {
    var hole = start
    var slot = start
    while true {
      slot = (slot + 1) & mask
      let bucket = buckets[slot]
      guard bucket.head >= 0 else { break }
      let home = Self.home(node: Int(bucket.node), key: bucket.key, mask: mask)
      // The bucket may move into the hole unless its home lies cyclically in (hole, slot].
      let staysPut = hole <= slot ? (hole < home && home <= slot) : (hole < home || home <= slot)
      if staysPut { continue }
      buckets[hole] = bucket
      hole = slot
    }
    buckets[hole].head = -1
    usedBuckets -= 1
  }

  private mutating func grow() {
    let newMask = mask * 2 + 1
    var bigger = RawBuffer<Bucket>(repeating: Bucket(key: 0, node: 0, head: -1), count: newMask + 1)
    for slot in 0...mask where buckets[slot].head >= 0 {
      let bucket = buckets[slot]
      var target = Self.home(node: Int(bucket.node), key: bucket.key, mask: newMask)
      while bigger[target].head >= 0 { target = (target + 1) & newMask }
      bigger[target] = bucket
    }
    buckets.exchange(with: &bigger)
    mask = newMask
  }
}
