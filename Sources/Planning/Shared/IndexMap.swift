/// Typed identifiers ⇄ the engine's plain indices: each key gets the next index the first time
/// it is seen, in the order keys are added (so a map built from sorted input is deterministic).
public struct IndexMap<Key: Hashable>: Sendable where Key: Sendable {
    private var indexOfKey: [Key: Int] = [:]
    /// The keys, by index.
    public private(set) var keys: [Key] = []

    /// An empty map.
    public init() {}

    /// A map of `keys` in order (duplicates keep their first index).
    public init(_ keys: some Sequence<Key>) {
        for key in keys { index(of: key) }
    }

    /// The index of `key`, added if new.
    @discardableResult
    public mutating func index(of key: Key) -> Int {
        if let index = indexOfKey[key] { return index }
        indexOfKey[key] = keys.count
        keys.append(key)
        return keys.count - 1
    }

    /// The index of `key`, or `nil` if it was never added.
    public func existingIndex(of key: Key) -> Int? { indexOfKey[key] }

    /// The key at `index`.
    public subscript(index: Int) -> Key { keys[index] }

    /// How many keys.
    public var count: Int { keys.count }
}
