/// A growable array of plain values in memory the engine manages itself.
///
/// The network's hot tables (tokens, join indexes) live in these instead of `Array`s: reading
/// an element costs one load, with no reference counting, no uniqueness check and no copy
/// on write. Indexes come from the engine itself, never from input, so they are checked in
/// debug builds only; the engine must not free an entry a loop still holds (which is why a
/// fact losing its logical support is removed only after matching, docs/engine.md).
///
/// The memory comes from `malloc` and grows with `realloc`, which for large buffers remaps
/// pages instead of copying them, so growing never holds the old and new tables at once.
struct RawBuffer<Element: BitwiseCopyable>: ~Copyable {
  private var base: UnsafeMutablePointer<Element>
  private(set) var count = 0
  private var capacity: Int

  init(capacity: Int = 16) {
    self.capacity = max(capacity, 1)
    base = RawBuffer.reallocate(nil, capacity: self.capacity)
  }

  /// `count` copies of a value.
  init(repeating value: Element, count: Int) {
    self.init(capacity: count)
    base.initialize(repeating: value, count: count)
    self.count = count
  }

  deinit { free(base) }

  subscript(index: Int) -> Element {
    unsafeAddress {
      assert(index >= 0 && index < count, "RawBuffer index out of range")
      return UnsafePointer(base + index)
    }
    nonmutating unsafeMutableAddress {
      assert(index >= 0 && index < count, "RawBuffer index out of range")
      return base + index
    }
  }

  func unsafeAddress(of index: Int) -> UnsafePointer<Element> {
    assert(index >= 0 && index < count, "RawBuffer index out of range")
    return UnsafePointer(base + index)
  }

  func unsafeMutableAddress(of index: Int) -> UnsafeMutablePointer<Element> {
    assert(index >= 0 && index < count, "RawBuffer index out of range")
    return base + index
  }

  mutating func removeLast() -> Element {
    assert(count > 0, "RawBuffer is empty")
    count -= 1
    return base[count]
  }

  mutating func append(_ element: Element) {
    if count == capacity { grow(to: capacity * 2) }
    (base + count).initialize(to: element)
    count += 1
  }

  /// Appends `extra` copies of a value; returns the first one's index.
  mutating func extend(by extra: Int, filling value: Element) -> Int {
    let start = count
    if count + extra > capacity { grow(to: max(capacity * 2, count + extra)) }
    (base + count).initialize(repeating: value, count: extra)
    count += extra
    return start
  }

  /// Trades storage with another buffer (how a table moves into a bigger one).
  mutating func exchange(with other: inout RawBuffer<Element>) {
    swap(&base, &other.base)
    swap(&count, &other.count)
    swap(&capacity, &other.capacity)
  }

  private mutating func grow(to newCapacity: Int) {
    base = RawBuffer.reallocate(base, capacity: newCapacity)
    capacity = newCapacity
  }

  /// Running out of memory here is as fatal as it is for any Swift array.
  private static func reallocate(_ old: UnsafeMutablePointer<Element>?, capacity: Int)
    -> UnsafeMutablePointer<Element>
  {
    let bytes = capacity * MemoryLayout<Element>.stride
    guard let raw = realloc(old.map { UnsafeMutableRawPointer($0) }, bytes) else {
      fatalError("out of memory: cannot hold \(bytes) bytes of engine tables")
    }
    return raw.bindMemory(to: Element.self, capacity: capacity)
  }
}
