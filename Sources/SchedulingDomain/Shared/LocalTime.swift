import Foundation

/// A wall-clock time of day to the minute (09:00), with no date and no zone.
public struct LocalTime: Hashable, Comparable, ISOTextRepresentable, Sendable, CustomStringConvertible {
    /// Minutes after midnight, 0–1439.
    public let minuteOfDay: Int

    /// Creates a time; returns `nil` outside 00:00–23:59.
    public init?(hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        minuteOfDay = hour * 60 + minute
    }

    /// Creates a time from minutes after midnight; returns `nil` outside 0–1439.
    public init?(minuteOfDay: Int) {
        guard (0..<1440).contains(minuteOfDay) else { return nil }
        self.minuteOfDay = minuteOfDay
    }

    /// Parses `HH:MM`.
    public init?(iso: String) {
        var text = iso
        guard let parsed = text.withUTF8({ bytes -> (Int, Int)? in
            guard bytes.count == 5, bytes[2] == UInt8(ascii: ":"), let h = ISODigits.number(bytes, 0, 2), let m = ISODigits.number(bytes, 3, 2)
            else { return nil }
            return (h, m)
        }) else { return nil }
        self.init(hour: parsed.0, minute: parsed.1)
    }

    /// Hour, 0–23.
    public var hour: Int { minuteOfDay / 60 }
    /// Minute, 0–59.
    public var minute: Int { minuteOfDay % 60 }

    /// `HH:MM`.
    public var iso: String {
        String(unsafeUninitializedCapacity: 5) { buffer in
            ISODigits.write(hour, width: 2, into: buffer, at: 0)
            buffer[2] = UInt8(ascii: ":")
            ISODigits.write(minute, width: 2, into: buffer, at: 3)
            return 5
        }
    }

    public var description: String { iso }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.minuteOfDay < rhs.minuteOfDay }

    /// The expected ISO form.
    public static let isoFormat = "a time as HH:MM"
}

/// A wall-clock date and time in London (`2026-03-29T09:00`), the way patients and staff read it.
public struct LocalDateTime: Hashable, Comparable, ISOTextRepresentable, Sendable, CustomStringConvertible {
    /// The calendar day.
    public let date: LocalDate
    /// The time of day.
    public let time: LocalTime

    /// Combines a date and a time.
    public init(date: LocalDate, time: LocalTime) {
        self.date = date
        self.time = time
    }

    /// Parses `YYYY-MM-DDTHH:MM`.
    public init?(iso: String) {
        let parts = iso.split(separator: "T")
        guard parts.count == 2, let d = LocalDate(iso: String(parts[0])),
            let t = LocalTime(iso: String(parts[1].prefix(5))), parts[1].count == 5
        else { return nil }
        self.init(date: d, time: t)
    }

    /// `YYYY-MM-DDTHH:MM`.
    public var iso: String { "\(date.iso)T\(time.iso)" }

    public var description: String { iso }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.date, lhs.time) < (rhs.date, rhs.time)
    }

    /// The expected ISO form.
    public static let isoFormat = "a local date-time as YYYY-MM-DDTHH:MM"
}
