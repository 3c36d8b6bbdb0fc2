/// An unordered set of small integer identifiers with O(1) insert, remove and iteration
/// over a dense array: the representation of alpha and beta memories.
struct IDSet: Sendable {
  private(set) var items: [Int32] = []
  private var positions: [Int32: Int32] = [:]

  var count: Int { items.count }
  var isEmpty: Bool { items.isEmpty }

  mutating func insert(_ id: Int32) {
    guard positions[id] == nil else { return }
    positions[id] = Int32(items.count)
    items.append(id)
  }

  mutating func remove(_ id: Int32) {
    guard let position = positions.removeValue(forKey: id) else { return }
    let last = items.removeLast()
    if Int(position) < items.count {
      items[Int(position)] = last
      positions[last] = position
    }
  }

  func contains(_ id: Int32) -> Bool { positions[id] != nil }
}

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

  mutating func combine(_ atom: Atom) {
    state = (state ^ atom.bits) &* 0x0000_0100_0000_01B3
  }

  var value: UInt64 {
    var mixed = state
    mixed ^= mixed >> 33
    mixed = mixed &* 0xFF51_AFD7_ED55_8CCD
    mixed ^= mixed >> 33
    return mixed
  }
}
