import Foundation
import Testing
import SchedulingDomain

@Suite("LondonCalendar")
struct LondonCalendarTests {
    let calendar = LondonCalendar()

    func local(_ text: String) -> LocalDateTime { LocalDateTime(iso: text)! }
    func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    @Test("09:00 on the spring clock-change Sunday is 09:00 BST (08:00 UTC)")
    func springSunday() {
        // Clocks went forward at 01:00 UTC on Sunday 29 March 2026.
        #expect(calendar.instant(of: local("2026-03-29T09:00")) == utc("2026-03-29T08:00:00Z"))
        #expect(calendar.instant(of: local("2026-03-28T09:00")) == utc("2026-03-28T09:00:00Z"))
        #expect(calendar.localDateTime(at: utc("2026-03-29T08:00:00Z")) == local("2026-03-29T09:00"))
    }

    @Test("09:00 on the autumn clock-change Sunday is 09:00 GMT (09:00 UTC)")
    func autumnSunday() {
        // Clocks went back at 01:00 UTC on Sunday 25 October 2026.
        #expect(calendar.instant(of: local("2026-10-25T09:00")) == utc("2026-10-25T09:00:00Z"))
        #expect(calendar.instant(of: local("2026-10-24T09:00")) == utc("2026-10-24T08:00:00Z"))
        #expect(calendar.localDateTime(at: utc("2026-10-25T09:00:00Z")) == local("2026-10-25T09:00"))
    }

    @Test("a daily 09:00 visit stays at 09:00 local across both changes")
    func dailyVisitAcrossChanges() {
        for start in ["2026-03-27", "2026-10-23"] {
            let first = LocalDate(iso: start)!
            for offset in 0..<5 {
                let visit = LocalDateTime(date: first.adding(days: offset), time: LocalTime(hour: 9, minute: 0)!)
                #expect(calendar.localDateTime(at: calendar.instant(of: visit)) == visit)
            }
        }
    }

    @Test("the night of the change lasts 23 hours in spring and 25 in autumn")
    func elapsedAcrossChange() {
        #expect(calendar.elapsedSeconds(from: local("2026-03-28T12:00"), to: local("2026-03-29T12:00")) == 23 * 3600)
        #expect(calendar.elapsedSeconds(from: local("2026-10-24T12:00"), to: local("2026-10-25T12:00")) == 25 * 3600)
        #expect(calendar.elapsedSeconds(from: local("2026-06-01T12:00"), to: local("2026-06-02T12:00")) == 24 * 3600)
    }

    @Test("a time in the spring gap moves forward by the gap; a repeated autumn time takes the first occurrence")
    func gapAndOverlap() {
        #expect(calendar.instant(of: local("2026-03-29T01:30")) == utc("2026-03-29T01:30:00Z"))  // = 02:30 BST
        #expect(calendar.localDateTime(at: utc("2026-03-29T01:30:00Z")) == local("2026-03-29T02:30"))
        #expect(calendar.instant(of: local("2026-10-25T01:30")) == utc("2026-10-25T00:30:00Z"))  // BST occurrence
    }

    @Test("offsets and ISO strings")
    func offsets() {
        #expect(calendar.isSummerTime(at: utc("2026-07-01T12:00:00Z")))
        #expect(!calendar.isSummerTime(at: utc("2026-12-01T12:00:00Z")))
        #expect(calendar.isoString(utc("2026-07-01T08:00:00Z")) == "2026-07-01T09:00:00+01:00")
        #expect(calendar.isoString(utc("2026-12-01T08:00:00Z")) == "2026-12-01T08:00:00+00:00")
    }
}

@Suite("LocalDate and LocalTime")
struct LocalDateTests {
    @Test("epoch day arithmetic round-trips across centuries")
    func roundTrip() {
        for days in stride(from: -50_000, through: 50_000, by: 997) {
            #expect(LocalDate(daysSinceEpoch: days).daysSinceEpoch == days)
        }
        #expect(LocalDate(iso: "1970-01-01")!.daysSinceEpoch == 0)
        #expect(LocalDate(iso: "2000-03-01")!.daysSinceEpoch == 11_017)
    }

    @Test("weekdays, leap years and invalid dates")
    func calendarFacts() {
        #expect(LocalDate(iso: "2026-11-22")!.isoWeekday == 7)  // Sunday
        #expect(LocalDate(iso: "2026-11-23")!.isoWeekday == 1)  // Monday
        #expect(LocalDate(iso: "2024-02-29") != nil)
        #expect(LocalDate(iso: "2023-02-29") == nil)
        #expect(LocalDate(iso: "2026-04-31") == nil)
        #expect(LocalDate(iso: "26-04-01") == nil)
        #expect(LocalTime(iso: "24:00") == nil)
        #expect(LocalTime(iso: "09:05")?.minuteOfDay == 545)
        #expect(LocalDateTime(iso: "2026-03-29T09:00")?.iso == "2026-03-29T09:00")
    }
}
