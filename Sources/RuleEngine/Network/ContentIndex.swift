/// Working memory's index of facts by content, an open-addressing hash table in place of a
/// `Dictionary` keyed by slot arrays, whose per-call seeded SipHash and copy-on-write checks
/// showed in profiles. Linear probing over a power-of-two array kept at most half full, and
/// backward-shift deletion (no tombstones).

/// A set of positive ids filed by a hash of their content, where equal hashes are told apart
/// by the caller (working memory's index of facts by template and slot values).
struct ContentIndex: ~Copyable {
  struct Slot {
    var hash: UInt64
    /// 0 marks an unused slot (fact ids start at 1).
    var id: Int32
  }

  private var slots = RawBuffer<Slot>(repeating: Slot(hash: 0, id: 0), count: 256)
  private var mask = 255
  private var count = 0

  @inline(__always)
  private static func home(_ hash: UInt64, mask: Int) -> Int { Int(truncatingIfNeeded: hash >> 7) & mask }

  /// The id filed under `hash` for which `matches` holds, if any.
  func first(hash: UInt64, where matches: (Int32) -> Bool) -> Int32? {
    var slot = Self.home(hash, mask: mask)
    while slots[slot].id != 0 {
      if slots[slot].hash == hash, matches(slots[slot].id) { return slots[slot].id }
      slot = (slot + 1) & mask
    }
    return nil
  }

  mutating func insert(_ id: Int32, hash: UInt64) {
    if (count + 1) * 2 > mask + 1 { grow() }
    var slot = Self.home(hash, mask: mask)
    while slots[slot].id != 0 { slot = (slot + 1) & mask }
    slots[slot] = Slot(hash: hash, id: id)
    count += 1
  }

  mutating func remove(_ id: Int32, hash: UInt64) {
    var slot = Self.home(hash, mask: mask)
    while slots[slot].id != 0 {
      if slots[slot].id == id {
        vacate(slot)
        return
      }
      slot = (slot + 1) & mask
    }
  }

  private mutating func vacate(_ start: Int) {
    var hole = start
    var slot = start
    while true {
      slot = (slot + 1) & mask
      let entry = slots[slot]
      guard entry.id != 0 else { break }
      let home = Self.home(entry.hash, mask: mask)
      let staysPut = hole <= slot ? (hole < home && home <= slot) : (hole < home || home <= slot)
      if staysPut { continue }
      slots[hole] = entry
      hole = slot
    }
    slots[hole].id = 0
    count -= 1
  }

  private mutating func grow() {
    let newMask = mask * 2 + 1
    var bigger = RawBuffer<Slot>(repeating: Slot(hash: 0, id: 0), count: newMask + 1)
    for slot in 0...mask where slots[slot].id != 0 {
      let entry = slots[slot]
      var target = Self.home(entry.hash, mask: newMask)
      while bigger[target].id != 0 { target = (target + 1) & newMask }
      bigger[target] = entry
    }
    slots.exchange(with: &bigger)
    mask = newMask
  }
}
