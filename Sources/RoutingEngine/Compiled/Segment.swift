/// A time-warp summary of a sequence of stops (Vidal et al. 2013; Nagata et al. 2010): minimal
/// duration, total time warp (lateness forgiven at a price), earliest and latest start at the
/// first stop, the first and last locations, and the distance travelled inside it.
///
/// Two segments concatenate in O(1) given the travel between them, which makes every move and
/// insertion check constant-time.
struct TimeSegment: Equatable {
    var duration: Int
    var timeWarp: Int
    var earliest: Int
    var latest: Int
    var firstLocation: Int
    var lastLocation: Int
    var distance: Int

    /// One stop.
    @inline(__always)
    init(location: Int, early: Int, late: Int, service: Int) {
        duration = service
        timeWarp = 0
        earliest = early
        latest = late
        firstLocation = location
        lastLocation = location
        distance = 0
    }

    /// `a` then `b`, with `travel`/`metres` from `a`'s last location to `b`'s first.
    @inline(__always)
    static func merge(_ a: TimeSegment, _ b: TimeSegment, travel: Int, metres: Int) -> TimeSegment {
        let delta = a.duration - a.timeWarp + travel
        let waiting = max(b.earliest - delta - a.latest, 0)
        let warp = max(a.earliest + delta - b.latest, 0)
        var s = a
        s.duration = a.duration + b.duration + travel + waiting
        s.timeWarp = a.timeWarp + b.timeWarp + warp
        s.earliest = max(b.earliest - delta, a.earliest) - waiting
        s.latest = min(b.latest - delta, a.latest) + warp
        s.lastLocation = b.lastLocation
        s.distance = a.distance + b.distance + metres
        return s
    }
}

/// The load profile of a sequence of stops in one dimension: what must be on board from the
/// route's start for deliveries inside it, its net change, and the highest rise above the load
/// at its entry.
struct LoadSegment: Equatable {
    var fromStart: Int
    var delta: Int
    var peak: Int

    static let empty = LoadSegment(fromStart: 0, delta: 0, peak: 0)

    /// `a` then `b`.
    @inline(__always)
    static func merge(_ a: LoadSegment, _ b: LoadSegment) -> LoadSegment {
        LoadSegment(fromStart: a.fromStart + b.fromStart, delta: a.delta + b.delta, peak: max(a.peak, a.delta + b.peak))
    }

    /// The highest load on board over a whole route with this profile.
    @inline(__always)
    var maxLoad: Int { fromStart + peak }
}
