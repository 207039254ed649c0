/// The bank holidays of England and Wales.
///
/// The published list (gov.uk/bank-holidays, "england-and-wales") is the data below; it includes
/// the one-off holidays a rule cannot know (a coronation, a state funeral). Years outside the
/// list follow the standing rules (``standard(year:)``): New Year's Day, Good Friday, Easter
/// Monday, the early May, spring and summer bank holidays, Christmas Day and Boxing Day, each
/// moved to the next working day when it falls at a weekend. Extend the list when the government
/// publishes a new year; a trust's own closure days are added through the API, not here.
public enum BankHolidays {
    /// The published bank holidays, by year.
    static let published: [Int: [(String, String)]] = [
        2023: [("2023-01-02", "New Year's Day (substitute day)"), ("2023-04-07", "Good Friday"), ("2023-04-10", "Easter Monday"),
               ("2023-05-01", "Early May bank holiday"), ("2023-05-08", "Bank holiday for the coronation of King Charles III"),
               ("2023-05-29", "Spring bank holiday"), ("2023-08-28", "Summer bank holiday"), ("2023-12-25", "Christmas Day"),
               ("2023-12-26", "Boxing Day")],
        2024: [("2024-01-01", "New Year's Day"), ("2024-03-29", "Good Friday"), ("2024-04-01", "Easter Monday"),
               ("2024-05-06", "Early May bank holiday"), ("2024-05-27", "Spring bank holiday"), ("2024-08-26", "Summer bank holiday"),
               ("2024-12-25", "Christmas Day"), ("2024-12-26", "Boxing Day")],
        2025: [("2025-01-01", "New Year's Day"), ("2025-04-18", "Good Friday"), ("2025-04-21", "Easter Monday"),
               ("2025-05-05", "Early May bank holiday"), ("2025-05-26", "Spring bank holiday"), ("2025-08-25", "Summer bank holiday"),
               ("2025-12-25", "Christmas Day"), ("2025-12-26", "Boxing Day")],
        2026: [("2026-01-01", "New Year's Day"), ("2026-04-03", "Good Friday"), ("2026-04-06", "Easter Monday"),
               ("2026-05-04", "Early May bank holiday"), ("2026-05-25", "Spring bank holiday"), ("2026-08-31", "Summer bank holiday"),
               ("2026-12-25", "Christmas Day"), ("2026-12-28", "Boxing Day (substitute day)")],
        2027: [("2027-01-01", "New Year's Day"), ("2027-03-26", "Good Friday"), ("2027-03-29", "Easter Monday"),
               ("2027-05-03", "Early May bank holiday"), ("2027-05-31", "Spring bank holiday"), ("2027-08-30", "Summer bank holiday"),
               ("2027-12-27", "Christmas Day (substitute day)"), ("2027-12-28", "Boxing Day (substitute day)")],
        2028: [("2028-01-03", "New Year's Day (substitute day)"), ("2028-04-14", "Good Friday"), ("2028-04-17", "Easter Monday"),
               ("2028-05-01", "Early May bank holiday"), ("2028-05-29", "Spring bank holiday"), ("2028-08-28", "Summer bank holiday"),
               ("2028-12-25", "Christmas Day"), ("2028-12-26", "Boxing Day")],
    ]

    /// The bank holidays of a year with their names, in date order: the published list where
    /// there is one, the standing rules otherwise.
    public static func holidays(in year: Int) -> [(date: LocalDate, name: String)] {
        if let list = published[year] { return list.map { (LocalDate(iso: $0.0)!, $0.1) } }
        return standard(year: year)
    }

    /// The published holidays by date (every booking asks whether its day is one).
    static let publishedByDate: [LocalDate: String] = {
        var byDate: [LocalDate: String] = [:]
        for list in published.values { for (iso, name) in list { byDate[LocalDate(iso: iso)!] = name } }
        return byDate
    }()

    /// The bank holiday's name on `date`, or nil on an ordinary day.
    public static func name(on date: LocalDate) -> String? {
        if published[date.year] != nil { return publishedByDate[date] }
        return standard(year: date.year).first { $0.date == date }?.name
    }

    /// The standing rules for a year (no one-off holidays).
    public static func standard(year: Int) -> [(date: LocalDate, name: String)] {
        let easter = easterSunday(year)
        var out: [(LocalDate, String)] = []
        let newYear = LocalDate(year: year, month: 1, day: 1)!
        let newYearObserved = nextWeekday(newYear)
        out.append((newYearObserved, newYearObserved == newYear ? "New Year's Day" : "New Year's Day (substitute day)"))
        out.append((easter.adding(days: -2), "Good Friday"))
        out.append((easter.adding(days: 1), "Easter Monday"))
        out.append((firstMonday(year, 5), "Early May bank holiday"))
        out.append((lastMonday(year, 5), "Spring bank holiday"))
        out.append((lastMonday(year, 8), "Summer bank holiday"))
        // Christmas Day and Boxing Day: one on a weekday stays; one at a weekend moves to the next
        // weekday not already taken (Christmas on a Sunday: Boxing Day Monday, Christmas Tuesday).
        var taken: [LocalDate] = []
        var moved: [(LocalDate, String)] = []
        for (day, name) in [(25, "Christmas Day"), (26, "Boxing Day")] {
            let date = LocalDate(year: year, month: 12, day: day)!
            if date.isoWeekday <= 5 { taken.append(date); out.append((date, name)) } else { moved.append((date, name)) }
        }
        for (date, name) in moved {
            var observed = nextWeekday(date)
            while taken.contains(observed) { observed = nextWeekday(observed.adding(days: 1)) }
            taken.append(observed)
            out.append((observed, "\(name) (substitute day)"))
        }
        return out.sorted { $0.0 < $1.0 }.map { (date: $0.0, name: $0.1) }
    }

    /// Easter Sunday (the Gregorian computus, Meeus/Jones/Butcher).
    public static func easterSunday(_ year: Int) -> LocalDate {
        let a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4
        let f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1
        return LocalDate(year: year, month: month, day: day)!
    }

    private static func nextWeekday(_ date: LocalDate) -> LocalDate {
        var d = date
        while d.isoWeekday >= 6 { d = d.adding(days: 1) }
        return d
    }

    private static func firstMonday(_ year: Int, _ month: Int) -> LocalDate {
        let first = LocalDate(year: year, month: month, day: 1)!
        return first.adding(days: (8 - first.isoWeekday) % 7)
    }

    private static func lastMonday(_ year: Int, _ month: Int) -> LocalDate {
        let nextFirst = month == 12 ? LocalDate(year: year + 1, month: 1, day: 1)! : LocalDate(year: year, month: month + 1, day: 1)!
        let last = nextFirst.adding(days: -1)
        return last.adding(days: -((last.isoWeekday - 1) % 7))
    }
}

/// The days outpatient clinics are closed: bank holidays and the trust's own closure days.
public struct ClosedDays: Sendable, Equatable {
    /// The trust's closure days with their names ("Staff training day").
    public var trustClosures: [LocalDate: String]

    /// Bank holidays and these closures.
    public init(trustClosures: [LocalDate: String] = [:]) { self.trustClosures = trustClosures }

    /// Bank holidays only.
    public static let bankHolidaysOnly = ClosedDays()

    /// Why clinics are closed on `date` (the holiday's or the closure's name), or nil when open.
    public func reason(_ date: LocalDate) -> String? { BankHolidays.name(on: date) ?? trustClosures[date] }

    /// Whether clinics are closed on `date`.
    public func isClosed(_ date: LocalDate) -> Bool { reason(date) != nil }
}
