import Foundation
import SchedulingDomain
import SchedulingServices

/// A run sheet as an iCalendar feed (RFC 5545; PT-07, X-07): one event per stop, in UTC, each
/// with a stable UID so that a calendar that subscribes sees a re-plan as changed events.
enum RunSheetCalendar {
    static func ics(_ sheet: RunSheet, calendar: LondonCalendar) -> String {
        func utc(_ time: LocalTime) -> String {
            let instant = calendar.instant(of: LocalDateTime(date: sheet.shift.date, time: time))
            return stamp(instant)
        }
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Kairos//Run sheet//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
            "X-WR-CALNAME:" + text("Run sheet: \(sheet.shift.vehicleName) \(sheet.shift.date.iso)"),
        ]
        let stamped = stamp(sheet.committedAt ?? Date(timeIntervalSince1970: 0))
        for stop in sheet.stops {
            let minutes = max(2, stop.mobility.boardingMinutes)
            let end = LocalTime(minuteOfDay: min(24 * 60 - 1, stop.start.minuteOfDay + minutes)) ?? stop.start
            let action = stop.kind == .pickup ? "Pick up" : "Drop off"
            let due = stop.direction == .toAppointment ? "appointment \(stop.appointmentOrReady.iso)" : "ready \(stop.appointmentOrReady.iso)"
            lines += [
                "BEGIN:VEVENT",
                "UID:\(stop.journeyID.rawValue)-\(stop.kind.rawValue)@kairos",
                "DTSTAMP:\(stamped)",
                "SEQUENCE:\(sheet.planVersion ?? 0)",
                "DTSTART:\(utc(stop.start))",
                "DTEND:\(utc(end))",
                "SUMMARY:" + text("\(action) \(stop.patientName) (\(stop.mobility.label)\(stop.escorts > 0 ? ", +\(stop.escorts) escort" : ""))"),
                "LOCATION:" + text(stop.address ?? "\(stop.place)"),
                "GEO:\(String(format: "%.6f;%.6f", stop.place.latitude, stop.place.longitude))",
                "DESCRIPTION:" + text("\(action) at \(stop.start.iso), \(due). \(sheet.shift.vehicleName)."),
                "END:VEVENT",
            ]
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// `20261208T093000Z`.
    static func stamp(_ instant: Date) -> String {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        let c = utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }

    /// A TEXT value escaped (backslash, semicolon, comma, line breaks).
    static func text(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ";", with: "\\;").replacingOccurrences(of: ",", with: "\\,")
            .replacingOccurrences(of: "\r\n", with: "\\n").replacingOccurrences(of: "\n", with: "\\n")
    }

    /// A content line folded at 75 octets (continuation lines start with a space), never inside a character.
    static func fold(_ line: String) -> String {
        var out = "", count = 0
        for ch in line {
            let size = String(ch).utf8.count
            if count + size > 75 {
                out += "\r\n "
                count = 1
            }
            out.append(ch)
            count += size
        }
        return out
    }
}
