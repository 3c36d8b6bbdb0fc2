/// Open-addressing hash tables over plain integers for the engine's hot lookups, in place of
/// `Dictionary`, whose per-call seeded SipHash and copy-on-write checks showed in profiles.
///
/// Both use linear probing over a power-of-two array kept at most half full, and
/// backward-shift deletion (no tombstones). Keys arrive already well mixed.

/// A map from 64-bit keys to 32-bit values.
struct IntMap: ~Copyable {
  struct Slot {
    var key: UInt64
    var value: Int32
    var used: Bool
  }

  private var slots = RawBuffer<Slot>(repeating: Slot(key: 0, value: 0, used: false), count: 64)
  private var mask = 63
  private(set) var count = 0

  var isEmpty: Bool { count == 0 }

  @inline(__always)
  private static func home(_ key: UInt64, mask: Int) -> Int {
    Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
  }

  subscript(key: UInt64) -> Int32? {
    let slot = find(key)
    return slot < 0 ? nil : slots[slot].value
  }

  mutating func set(_ key: UInt64, _ value: Int32) {
    let existing = find(key)
    if existing >= 0 {
      slots[existing].value = value
      return
    }
    if (count + 1) * 2 > mask + 1 { grow() }
    var slot = Self.home(key, mask: mask)
    while slots[slot].used { slot = (slot + 1) & mask }
    slots[slot] = Slot(key: key, value: value, used: true)
    count += 1
  }

  @discardableResult
  mutating func removeValue(forKey key: UInt64) -> Int32? {
    let slot = find(key)
    guard slot >= 0 else { return nil }
    let value = slots[slot].value
    vacate(slot)
    return value
  }

  mutating func removeAll() {
    for slot in 0...mask { slots[slot].used = false }
    count = 0
  }

  private func find(_ key: UInt64) -> Int {
    var slot = Self.home(key, mask: mask)
    while slots[slot].used {
      if slots[slot].key == key { return slot }
      slot = (slot + 1) & mask
    }
    return -1
  }

  private mutating func vacate(_ start: Int) {
    var hole = start
    var slot = start
    while true {
      slot = (slot + 1) & mask
      let entry = slots[slot]
      guard entry.used else { break }
      let home = Self.home(entry.key, mask: mask)
      let staysPut = hole <= slot ? (hole < home && home <= slot) : (hole < home || home <= slot)
      if staysPut { continue }
      slots[hole] = entry
      hole = slot
    }
    slots[hole].used = false
    count -= 1
  }

  private mutating func grow() {
    let newMask = mask * 2 + 1
    var bigger = RawBuffer<Slot>(repeating: Slot(key: 0, value: 0, used: false), count: newMask + 1)
    for slot in 0...mask where slots[slot].used {
      let entry = slots[slot]
      var target = Self.home(entry.key, mask: newMask)
      while bigger[target].used { target = (target + 1) & newMask }
      bigger[target] = entry
    }
    slots.exchange(with: &bigger)
    mask = newMask
  }
}

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
