import Foundation

/// Conversions between instants and Europe/London wall-clock times that stay right across the
/// daylight-saving changes.
///
/// A visit planned for 09:00 on the Sunday the clocks change happens at 09:00 local time: the
/// instant is computed from the wall-clock time of that very day, never by adding 24 hours to the
/// previous day's instant.
///
/// Wall-clock times that do not exist (01:00–01:59 on the last Sunday of March) resolve to the
/// instant the clocks jump to plus the same offset into the gap (01:30 → 02:30 BST). Times that
/// happen twice (01:00–01:59 on the last Sunday of October) resolve to the first occurrence (BST).
public struct LondonCalendar: Sendable {
    /// The zone every Kairos local time is in.
    public static let timeZone = TimeZone(identifier: "Europe/London")!

    private let calendar: Calendar

    /// A calendar in Europe/London.
    public init() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = LondonCalendar.timeZone
        self.calendar = calendar
    }

    /// The instant at which London clocks show `local`.
    public func instant(of local: LocalDateTime) -> Date {
        // Work from UTC wall time: guess with the offset in force one day earlier and later, and
        // keep the candidate that reads back as the requested local time.
        let utcWall = Double(local.date.daysSinceEpoch * 86_400 + local.time.minuteOfDay * 60)
        let offsets = [offsetSeconds(at: Date(timeIntervalSince1970: utcWall - 86_400)),
                       offsetSeconds(at: Date(timeIntervalSince1970: utcWall + 86_400))]
        var candidates: [Date] = []
        for offset in offsets.sorted(by: >) {  // larger offset (BST) first: the earlier instant
            let candidate = Date(timeIntervalSince1970: utcWall - Double(offset))
            if localDateTime(at: candidate) == local, !candidates.contains(candidate) {
                candidates.append(candidate)
            }
        }
        if let first = candidates.first { return first }
        // In the spring gap: no candidate reads back. Use the offset before the change, which
        // lands the same distance past the jump (01:30 GMT-wall → 02:30 BST).
        let before = offsets.min()!
        return Date(timeIntervalSince1970: utcWall - Double(before))
    }

    /// The London wall-clock time at an instant (seconds truncated).
    public func localDateTime(at instant: Date) -> LocalDateTime {
        let shifted = Int((instant.timeIntervalSince1970 + Double(offsetSeconds(at: instant))).rounded(.down))
        let days = Int((Double(shifted) / 86_400).rounded(.down))
        let secondOfDay = shifted - days * 86_400
        return LocalDateTime(
            date: LocalDate(daysSinceEpoch: days),
            time: LocalTime(minuteOfDay: secondOfDay / 60)!)
    }

    /// The London date at an instant.
    public func localDate(at instant: Date) -> LocalDate { localDateTime(at: instant).date }

    /// Seconds London is ahead of UTC at an instant: 0 (GMT) or 3600 (BST).
    public func offsetSeconds(at instant: Date) -> Int {
        LondonCalendar.timeZone.secondsFromGMT(for: instant)
    }

    /// Whether British Summer Time is in force at an instant.
    public func isSummerTime(at instant: Date) -> Bool { offsetSeconds(at: instant) != 0 }

    /// The real elapsed duration between two London wall-clock times, in seconds (23 or 25 hours
    /// across a clock change rather than 24).
    public func elapsedSeconds(from start: LocalDateTime, to end: LocalDateTime) -> Int {
        Int(instant(of: end).timeIntervalSince(instant(of: start)))
    }

    /// The instant in ISO 8601 with London's offset, e.g. `2026-03-29T09:00:00+01:00`.
    public func isoString(_ instant: Date) -> String {
        let local = localDateTime(at: instant)
        let offset = offsetSeconds(at: instant) / 60
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) % 60
        let sign = offset >= 0 ? "+" : "-"
        return String(format: "%@:%02d%@%02d:%02d", local.iso, (seconds + 60) % 60, sign, abs(offset) / 60, abs(offset) % 60)
    }
}
