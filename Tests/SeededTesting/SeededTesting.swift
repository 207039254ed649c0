/// The one way seeded tests announce their seed: printed before the test uses it, so that a
/// failure can be replayed with the same seed; returned for use.
///
/// ```swift
/// let seed = announceSeed(seed)
/// ```
@discardableResult
public func announceSeed(_ seed: UInt64, _ test: String = #function) -> UInt64 {
    print("[\(test)] seed = \(seed)")
    return seed
}
