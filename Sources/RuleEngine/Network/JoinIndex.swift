/// The hash indexes of every join node of one side (partial matches, or facts), in one table:
/// from (node, join-key hash) to the identifiers filed under it, so that a join looks up the
/// partners that can agree with it instead of scanning a whole memory.
///
/// Each (node, key) bucket is a circular doubly linked chain of entries in insertion order;
/// the buckets live in an open-addressing table with linear probing and backward-shift
/// deletion, so an empty bucket leaves no tombstone. The entries of one identifier (a fact is
/// filed at every join it reaches) are linked together in the order they were filed, which is
/// the order the network withdraws them in: removal finds its entry at once, never searches a
/// bucket however long, and facts may leave in any order (Waltz retracts its oldest edges
/// first). A chain's first entry remembers its bucket's slot, checked before use since buckets
/// move when others leave; only when the slot is stale is the key computed and looked up. Nothing here
/// allocates per entry, and reading a chain retains nothing.
struct JoinIndex: ~Copyable {
  struct Entry {
    var id: Int32
    var next: Int32
    var previous: Int32
    /// The next entry of the same identifier, at another node.
    var nextOfSameID: Int32
    var node: Int32
    /// For a chain's first entry, the slot its bucket had when last seen (it may have moved
    /// since); -1 for the other entries.
    var slot: Int32
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
  /// Each identifier's first and last entries, by identifier.
  private var firstOfID = RawBuffer<Int32>(capacity: 1024)
  private var lastOfID = RawBuffer<Int32>(capacity: 1024)
  private var buckets = RawBuffer<Bucket>(repeating: Bucket(key: 0, node: 0, head: -1), count: 1024)
  private var mask = 1023
  private var usedBuckets = 0

  /// The first entry filed under (node, key), or -1; walk on with ``next(after:)``.
  func first(node: Int, key: UInt64) -> Int32 {
    let slot = find(node: node, key: key)
    return slot < 0 ? -1 : buckets[slot].head
  }

  /// The entry after `entry` in its chain, or -1 at the end.
  func next(after entry: Int32) -> Int32 {
    let successor = entries[Int(entry)].next
    return entries[Int(successor)].slot >= 0 ? -1 : successor
  }

  func id(at entry: Int32) -> Int32 { entries[Int(entry)].id }

  mutating func insert(_ id: Int32, node: Int, key: UInt64) {
    if Int(id) >= firstOfID.count {
      _ = firstOfID.extend(by: Int(id) + 1 - firstOfID.count, filling: -1)
      _ = lastOfID.extend(by: Int(id) + 1 - lastOfID.count, filling: -1)
    }
    var record = Entry(id: id, next: -1, previous: -1, nextOfSameID: -1, node: Int32(node), slot: -1)
    let entry = freeEntry >= 0 ? freeEntry : Int32(entries.count)
    let last = lastOfID[Int(id)]
    if last >= 0 { entries[Int(last)].nextOfSameID = entry } else { firstOfID[Int(id)] = entry }
    lastOfID[Int(id)] = entry
    var slot = find(node: node, key: key)
    if slot < 0 {
      if (usedBuckets + 1) * 10 > (mask + 1) * 7 { grow() }
      slot = Self.home(node: node, key: key, mask: mask)
      while buckets[slot].head >= 0 { slot = (slot + 1) & mask }
      buckets[slot] = Bucket(key: key, node: Int32(node), head: entry)
      usedBuckets += 1
      record.next = entry
      record.previous = entry
      record.slot = Int32(slot)
      store(record, at: entry)
      return
    }
    let head = buckets[slot].head
    let tail = entries[Int(head)].previous
    record.next = head
    record.previous = tail
    store(record, at: entry)
    entries[Int(tail)].next = entry
    entries[Int(head)].previous = entry
  }

  /// Removes the entry of `id` at `node`, if there is one; `key` is the key it was filed under.
  mutating func remove(_ id: Int32, node: Int, key: () -> UInt64) {
    guard Int(id) < firstOfID.count else { return }
    var entry = firstOfID[Int(id)]
    var before: Int32 = -1
    while entry >= 0, entries[Int(entry)].node != Int32(node) {
      before = entry
      entry = entries[Int(entry)].nextOfSameID
    }
    guard entry >= 0 else { return }
    let unlinked = entries[Int(entry)]
    if before >= 0 {
      entries[Int(before)].nextOfSameID = unlinked.nextOfSameID
    } else {
      firstOfID[Int(id)] = unlinked.nextOfSameID
    }
    if unlinked.nextOfSameID < 0 { lastOfID[Int(id)] = before }
    if unlinked.slot >= 0 {
      var slot = Int(unlinked.slot)
      if slot > mask || buckets[slot].head != entry { slot = find(node: node, key: key()) }
      if unlinked.next == entry {
        if slot >= 0 { vacate(slot) }
      } else {
        if slot >= 0 { buckets[slot].head = unlinked.next }
        entries[Int(unlinked.next)].slot = Int32(max(slot, 0))
      }
    }
    if unlinked.next != entry {
      entries[Int(unlinked.previous)].next = unlinked.next
      entries[Int(unlinked.next)].previous = unlinked.previous
    }
    entries[Int(entry)].next = freeEntry
    freeEntry = entry
  }

  private mutating func store(_ record: Entry, at entry: Int32) {
    if entry == freeEntry {
      freeEntry = entries[Int(entry)].next
      entries[Int(entry)] = record
    } else {
      entries.append(record)
    }
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
