import Foundation
import Testing
import SchedulingDomain
import SchedulingServices
import SchedulingTestSupport

@Suite("ClinicService")
struct ClinicServiceTests {
    /// A team leader, one cardiologist and one outpatient location (today is Sunday 2026-11-22).
    func setUp() async throws -> (TestHarness, Caller) {
        let harness = try TestHarness()
        let (user, _) = try await harness.user("tess", role: .teamLeader)
        try await harness.services.shared.environment.store.write { session in
            try await session.organisation.insert(Specialty(id: "spc_cardio", code: "320", name: "Cardiology"))
            try await session.organisation.insert(Clinician(id: "cln_1", name: "Dr One", grade: "Consultant", specialtyID: "spc_cardio"))
            try await session.organisation.insert(ClinicLocation(id: "loc_1", name: "Outpatients A",
                                                                 address: Address(lines: ["1 Hospital Road"], town: "Leeds", postcode: "LS1 3EX", coordinates: nil)))
        }
        return (harness, Caller(principal: Principal(user: user), requestID: "req-1"))
    }

    static let monday = ClinicTemplateInput(
        clinicianID: "cln_1", locationID: "loc_1", weekday: 1, start: "09:00",
        slots: [.init(minutes: 20, type: "new"), .init(minutes: 20, type: "new"), .init(minutes: 20, type: "follow-up"),
                .init(minutes: 30, type: "cancer-2ww", published: false)],
        effectiveFrom: "2026-11-01")

    @Test("a template generates its slots for the coming 12 weeks once, not on the bank holiday; regenerating adds nothing")
    func generate() async throws {
        let (harness, caller) = try await setUp()
        let template = try await harness.services.outpatients.clinics.createTemplate(Self.monday, by: caller)
        #expect(template.specialtyID == "spc_cardio" && template.minutes == 90)
        // Twelve Mondays, less Mon 28 Dec 2026 (the Boxing Day bank holiday).
        #expect(try await harness.services.outpatients.clinics.generateSlots(by: caller) == 11 * 4)
        #expect(try await harness.services.outpatients.clinics.generateSlots(by: caller) == 0)
        let slots = try await harness.services.outpatients.clinics.slots(from: LocalDate(iso: "2026-11-22")!, through: LocalDate(iso: "2026-11-30")!, by: caller)
        #expect(slots.map { "\($0.date) \($0.start) \($0.type.rawValue)" } == [
            "2026-11-23 09:00 new", "2026-11-23 09:20 new", "2026-11-23 09:40 follow-up", "2026-11-23 10:00 cancer-2ww",
            "2026-11-30 09:00 new", "2026-11-30 09:20 new", "2026-11-30 09:40 follow-up", "2026-11-30 10:00 cancer-2ww",
        ])
        #expect(slots.allSatisfy { $0.status == .free })
        let free = try await harness.services.outpatients.clinics.slots(from: LocalDate(iso: "2026-11-22")!, through: LocalDate(iso: "2027-12-31")!,
                                                            specialtyID: "spc_cardio", status: .free, by: caller)
        #expect(free.count == 44 && free.last?.date.iso == "2027-02-08" && !free.contains { $0.date.iso == "2026-12-28" })
        let audit = try await harness.services.shared.audit.recent(limit: 1, by: TestHarness.system)[0]
        #expect(audit.action == "slots.generate" && audit.detail == "through=2027-02-13 added=0")
    }

    @Test("two templates putting one clinician in two places at once are a conflict, and nothing is generated")
    func clash() async throws {
        let (harness, caller) = try await setUp()
        _ = try await harness.services.outpatients.clinics.createTemplate(Self.monday, by: caller)
        var fortnightly = Self.monday
        fortnightly.everyWeeks = 2
        _ = try await harness.services.outpatients.clinics.createTemplate(fortnightly, by: caller)
        do {
            _ = try await harness.services.outpatients.clinics.generateSlots(by: caller)
            Issue.record("expected a conflict")
        } catch ServiceError.conflict(let code, _) {
            #expect(code == "slots.clash")
        }
        #expect(try harness.count("slots") == 0)
    }

    @Test("every invalid field is named; unknown clinician and location too; nothing is stored")
    func invalid() async throws {
        let (harness, caller) = try await setUp()
        let bad = ClinicTemplateInput(clinicianID: "cln_1", locationID: "loc_1", weekday: 1, start: "9am",
                                      slots: [.init(minutes: 20, type: "teatime"), .init(type: "new")], effectiveFrom: "soon")
        do {
            _ = try await harness.services.outpatients.clinics.createTemplate(bad, by: caller)
            Issue.record("expected invalid input")
        } catch ServiceError.invalid(let issues) {
            #expect(issues.map(\.path) == ["start", "slots[0].type", "slots[1].minutes", "effectiveFrom"])
        }
        var rules = Self.monday
        rules.weekday = 9
        rules.slots = []
        do {
            _ = try await harness.services.outpatients.clinics.createTemplate(rules, by: caller)
            Issue.record("expected invalid input")
        } catch ServiceError.invalid(let issues) {
            #expect(issues.map(\.code) == ["weekday.range", "slots.empty"])
        }
        var unknown = Self.monday
        unknown.clinicianID = "cln_none"
        unknown.weekday = 9
        do {
            _ = try await harness.services.outpatients.clinics.createTemplate(unknown, by: caller)
            Issue.record("expected invalid input")
        } catch ServiceError.invalid(let issues) {
            #expect(issues.map(\.code) == ["clinician.unknown", "weekday.range"])
        }
        unknown = Self.monday
        unknown.locationID = "loc_none"
        do {
            _ = try await harness.services.outpatients.clinics.createTemplate(unknown, by: caller)
            Issue.record("expected invalid input")
        } catch ServiceError.invalid(let issues) {
            #expect(issues.map(\.code) == ["location.unknown"])
        }
        #expect(try harness.count("clinic_templates") == 0)
        let (booker, _) = try await harness.user("bea", role: .bookingCoordinator)
        await #expect(throws: ServiceError.self) {
            try await harness.services.outpatients.clinics.createTemplate(Self.monday, by: Caller(principal: Principal(user: booker)))
        }
    }
}
