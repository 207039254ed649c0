import Testing
@testable import SchedulingDomain

@Suite("Clinic templates and slots")
struct ClinicTemplateTests {
    /// Mondays 09:00 from Wednesday 2026-01-07: three new slots of 20 minutes, a held-back urgent one of 30.
    func template(everyWeeks: Int = 1, to: LocalDate? = nil) -> ClinicTemplate {
        ClinicTemplate(id: "tpl_1", clinicianID: "cln_1", specialtyID: "spc_1", locationID: "loc_1", weekday: 1, start: LocalTime(hour: 9, minute: 0)!,
                       slots: [.init(minutes: 20, type: .new), .init(minutes: 20, type: .new), .init(minutes: 20, type: .new),
                               .init(minutes: 30, type: .urgent, published: false)],
                       everyWeeks: everyWeeks, effectiveFrom: LocalDate(iso: "2026-01-07")!, effectiveTo: to)
    }

    @Test("sessions fall on the weekday, every N weeks from the first on or after the effective date, within both ranges")
    func sessionDates() {
        let weekly = template().sessionDates(from: LocalDate(iso: "2026-01-01")!, through: LocalDate(iso: "2026-02-02")!, closed: .bankHolidaysOnly)
        #expect(weekly.map(\.iso) == ["2026-01-12", "2026-01-19", "2026-01-26", "2026-02-02"])
        #expect(weekly.allSatisfy { $0.isoWeekday == 1 })
        let fortnightly = template(everyWeeks: 2).sessionDates(from: LocalDate(iso: "2026-01-20")!, through: LocalDate(iso: "2026-03-01")!, closed: .bankHolidaysOnly)
        #expect(fortnightly.map(\.iso) == ["2026-01-26", "2026-02-09", "2026-02-23"])
        let ending = template(to: LocalDate(iso: "2026-01-25")!).sessionDates(from: LocalDate(iso: "2026-01-01")!, through: LocalDate(iso: "2026-12-31")!, closed: .bankHolidaysOnly)
        #expect(ending.map(\.iso) == ["2026-01-12", "2026-01-19"])
        #expect(template().sessionDates(from: LocalDate(iso: "2026-02-03")!, through: LocalDate(iso: "2026-02-08")!, closed: .bankHolidaysOnly).isEmpty)
    }

    @Test("no sessions on bank holidays or the trust's closure days")
    func closedDays() {
        // Mondays from 2026-04-06 (Easter Monday) to 2026-06-01: Easter Monday, the early May and
        // the spring bank holiday are left out, and so is the trust's training day.
        let dates = template().sessionDates(from: LocalDate(iso: "2026-04-01")!, through: LocalDate(iso: "2026-06-01")!,
                                            closed: ClosedDays(trustClosures: [LocalDate(iso: "2026-04-20")!: "Staff training day"]))
        #expect(dates.map(\.iso) == ["2026-04-13", "2026-04-27", "2026-05-11", "2026-05-18", "2026-06-01"])
    }

    @Test("a session's slots run back to back with stable ids, types and publication")
    func slots() {
        let day = LocalDate(iso: "2026-01-12")!
        let slots = template().slots(on: day)
        #expect(slots.map(\.start.iso) == ["09:00", "09:20", "09:40", "10:00"])
        #expect(slots.map(\.id.rawValue) == (0..<4).map { "tpl_1_2026-01-12_\($0)" })
        #expect(slots.map(\.published) == [true, true, true, false])
        #expect(slots.allSatisfy { $0.status == .free && $0.date == day && $0.clinicianID == "cln_1" })
        #expect(template().slots(on: day) == slots)
        #expect(template().minutes == 90)
    }

    @Test("validation names each broken rule")
    func validation() {
        var t = template()
        t.weekday = 8
        t.everyWeeks = 0
        t.slots = [.init(minutes: 2, type: .new)]
        t.effectiveTo = LocalDate(iso: "2025-12-31")!
        #expect(t.validate().map(\.path) == ["weekday", "everyWeeks", "slots[0].minutes", "effectiveTo"])
        var late = template()
        late.start = LocalTime(hour: 23, minute: 0)!
        #expect(late.validate().map(\.code) == ["session.pastMidnight"])
        var empty = template()
        empty.slots = []
        #expect(empty.validate().map(\.code) == ["slots.empty"])
    }

    @Test("slot types accept first appointments by priority")
    func slotTypes() {
        #expect(SlotType.new.acceptsFirstAppointment(.routine) && SlotType.new.acceptsFirstAppointment(.cancerTwoWeekWait))
        #expect(SlotType.urgent.acceptsFirstAppointment(.urgent) && !SlotType.urgent.acceptsFirstAppointment(.routine))
        #expect(SlotType.cancerTwoWeekWait.acceptsFirstAppointment(.cancerTwoWeekWait) && !SlotType.cancerTwoWeekWait.acceptsFirstAppointment(.urgent))
        #expect(!SlotType.followUp.acceptsFirstAppointment(.routine) && !SlotType.procedure.acceptsFirstAppointment(.p2))
    }
}
