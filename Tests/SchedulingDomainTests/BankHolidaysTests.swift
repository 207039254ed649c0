import Testing
@testable import SchedulingDomain

@Suite("Bank holidays of England and Wales")
struct BankHolidaysTests {
    @Test("Christmas 2026 and New Year 2027: Fri 25 Dec, Mon 28 Dec (Boxing Day moved from Saturday), Fri 1 Jan")
    func christmas2026() {
        #expect(BankHolidays.name(on: LocalDate(iso: "2026-12-25")!) == "Christmas Day")
        #expect(BankHolidays.name(on: LocalDate(iso: "2026-12-26")!) == nil)
        #expect(BankHolidays.name(on: LocalDate(iso: "2026-12-28")!) == "Boxing Day (substitute day)")
        #expect(BankHolidays.name(on: LocalDate(iso: "2027-01-01")!) == "New Year's Day")
        #expect(BankHolidays.name(on: LocalDate(iso: "2026-12-29")!) == nil)
    }

    @Test("a day's holiday name agrees with the year's list, in published years and beyond them")
    func nameAgreesWithList() {
        for year in 2023...2031 {
            let listed = Dictionary(uniqueKeysWithValues: BankHolidays.holidays(in: year).map { ($0.date, $0.name) })
            var day = LocalDate(year: year, month: 1, day: 1)!
            while day.year == year {
                #expect(BankHolidays.name(on: day) == listed[day], "\(day.iso)")
                day = day.adding(days: 1)
            }
        }
    }

    @Test("Easter Sunday by the computus")
    func easter() {
        let known = ["2024-03-31", "2025-04-20", "2026-04-05", "2027-03-28", "2028-04-16", "2029-04-01", "2030-04-21", "2038-04-25"]
        for iso in known {
            let date = LocalDate(iso: iso)!
            #expect(BankHolidays.easterSunday(date.year) == date, "\(iso)")
        }
    }

    @Test("the published list agrees with the standing rules in every year without a one-off holiday")
    func publishedMatchesRules() {
        for (year, list) in BankHolidays.published where year != 2023 {
            let published = list.map { "\($0.0) \($0.1)" }
            let ruled = BankHolidays.standard(year: year).map { "\($0.date.iso) \($0.name)" }
            #expect(published == ruled, "\(year)")
        }
        // 2023 had the coronation as well: nine days.
        #expect(BankHolidays.holidays(in: 2023).count == 9)
    }

    @Test("years past the list follow the rules: eight weekdays, each a Monday or a fixed date moved off the weekend")
    func beyond() {
        for year in 2029...2040 {
            let days = BankHolidays.holidays(in: year)
            #expect(days.count == 8, "\(year)")
            #expect(days.allSatisfy { $0.date.isoWeekday <= 5 }, "\(year)")
            #expect(Set(days.map(\.date)).count == 8, "\(year)")
        }
        // 2033: Christmas on Sunday → Tue 27 Dec; Boxing Day Monday stays.
        #expect(BankHolidays.name(on: LocalDate(iso: "2033-12-26")!) == "Boxing Day")
        #expect(BankHolidays.name(on: LocalDate(iso: "2033-12-27")!) == "Christmas Day (substitute day)")
    }

    @Test("closed days: bank holidays and the trust's own, with their names")
    func closed() {
        let closed = ClosedDays(trustClosures: [LocalDate(iso: "2026-12-24")!: "Christmas Eve closure"])
        #expect(closed.reason(LocalDate(iso: "2026-12-24")!) == "Christmas Eve closure")
        #expect(closed.reason(LocalDate(iso: "2026-12-25")!) == "Christmas Day")
        #expect(!closed.isClosed(LocalDate(iso: "2026-12-23")!))
    }
}
