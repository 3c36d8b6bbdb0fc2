/// The partial matches stored at one beta node, in a dense array; each token records its
/// position in its ``TokenStore/Record/memoryPosition``, so removal needs no hashing.
struct BetaMemory: Sendable {
  private(set) var items: [Int32] = []

  mutating func insert(_ token: Int32, in store: TokenStore) {
    store[token].memoryPosition = Int32(items.count)
    items.append(token)
  }

  mutating func remove(_ token: Int32, in store: TokenStore) {
    let position = Int(store[token].memoryPosition)
    guard position >= 0, position < items.count, items[position] == token else { return }
    let last = items.removeLast()
    if position < items.count {
      items[position] = last
      store[last].memoryPosition = Int32(position)
    }
    store[token].memoryPosition = -1
  }
}

/// Mixes atoms into one join key (FNV-1a over the 64-bit words, then a final avalanche).
struct JoinKeyHasher {
  private(set) var state: UInt64 = 0xCBF2_9CE4_8422_2325

  mutating func combine(_ atom: Atom) { combine(bits: atom.bits) }

  mutating func combine(bits: UInt64) {
    state = (state ^ bits) &* 0x0000_0100_0000_01B3
  }

  var value: UInt64 {
    var mixed = state
    mixed ^= mixed >> 33
    mixed = mixed &* 0xFF51_AFD7_ED55_8CCD
    mixed ^= mixed >> 33
    return mixed
  }
}
