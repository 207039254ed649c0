import Foundation
import Testing
import SchedulingDomain
import SchedulingServices
import SchedulingTestSupport

@Suite("BookingService")
struct BookingServiceTests {
    /// A booker, `patients` patients each with an open routine cardiology referral, and one Tuesday clinic
    /// (13:30 new, 14:00 cancer-2ww) for the coming weeks; today is Sunday 2026-11-22.
    func setUp(patients: Int = 2) async throws -> (TestHarness, Caller, [Referral]) {
        let harness = try TestHarness()
        let (user, _) = try await harness.user("bea", role: .bookingCoordinator)
        let (leader, _) = try await harness.user("tess", role: .teamLeader)
        let caller = Caller(principal: Principal(user: user), requestID: "req-1")
        try await harness.services.shared.environment.store.write { session in
            try await session.organisation.insert(Specialty(id: "spc_cardio", code: "320", name: "Cardiology"))
            try await session.organisation.insert(Specialty(id: "spc_derm", code: "330", name: "Dermatology"))
            try await session.organisation.insert(Clinician(id: "cln_1", name: "Dr One", grade: "Consultant", specialtyID: "spc_cardio"))
            try await session.organisation.insert(ClinicLocation(id: "loc_1", name: "Outpatients A",
                                                                 address: Address(lines: ["1 Hospital Road"], town: "Leeds", postcode: "LS1 3EX", coordinates: nil)))
        }
        let lead = Caller(principal: Principal(user: leader))
        _ = try await harness.services.outpatients.clinics.createTemplate(
            ClinicTemplateInput(clinicianID: "cln_1", locationID: "loc_1", weekday: 2, start: "13:30",
                                slots: [.init(minutes: 30, type: "new"), .init(minutes: 30, type: "cancer-2ww")], effectiveFrom: "2026-11-01"),
            by: lead)
        _ = try await harness.services.outpatients.clinics.generateSlots(days: 28, by: lead)
        var referrals: [Referral] = []
        for k in 0..<patients {
            let nhs = NHSNumberTestRange.number(k)
            let patient = try await harness.services.shared.patients.register(TestHarness.patientInput(nhsNumber: nhs), by: caller)
            referrals.append(try await harness.services.outpatients.referrals.create(
                ReferralInput(patientID: patient.id.rawValue, specialtyID: "spc_cardio", referrer: "A81001", priority: "routine", received: "2026-09-01"),
                by: caller))
        }
        return (harness, caller, referrals)
    }


    @Test("booking a free slot marks it booked, records channel, interpreter and transport, and is audited")
    func book() async throws {
        let (harness, caller, referrals) = try await setUp()
        let templateID = try await harness.services.shared.environment.store.read { try await $0.clinics.templates()[0].id }
        let slotID = "\(templateID)_2026-11-24_0"
        let appointment = try await harness.services.outpatients.bookings.book(
            BookingInput(referralID: referrals[0].id.rawValue, slotID: slotID, channel: "phone", interpreterLanguage: "Polish", needsTransport: true, shortNoticeAgreed: true), by: caller)
        #expect(appointment.status == .booked && appointment.patientID == referrals[0].patientID && appointment.needsTransport)
        #expect(appointment.interpreterLanguage == "Polish" && appointment.channel == .phone)
        let slot = try await harness.services.shared.environment.store.read { try await $0.clinics.slot(id: .init(slotID)) }
        #expect(slot?.status == .booked)
        let audit = try await harness.services.shared.audit.recent(limit: 1, by: TestHarness.system)[0]
        #expect(audit.action == "appointment.book" && audit.detail == "referral=\(referrals[0].id) slot=\(slotID) channel=phone short-notice=agreed")
        // The same slot again: a conflict, nothing stored.
        do {
            _ = try await harness.services.outpatients.bookings.book(BookingInput(referralID: referrals[1].id.rawValue, slotID: slotID, shortNoticeAgreed: true), by: caller)
            Issue.record("expected a conflict")
        } catch ServiceError.conflict(let code, _) {
            #expect(code == "slot.taken")
        }
        #expect(try harness.count("appointments") == 1)
    }

    @Test("the slot must suit the referral: specialty, type for its priority, not past; unknown ids are fields")
    func rules() async throws {
        let (harness, caller, referrals) = try await setUp()
        let templateID = try await harness.services.shared.environment.store.read { try await $0.clinics.templates()[0].id }
        func issues(_ input: BookingInput) async throws -> [String] {
            do {
                _ = try await harness.services.outpatients.bookings.book(input, by: caller)
                return []
            } catch ServiceError.invalid(let issues) {
                return issues.map(\.code)
            }
        }
        #expect(try await issues(BookingInput(referralID: referrals[0].id.rawValue, slotID: "\(templateID)_2026-11-24_1", shortNoticeAgreed: true)) == ["slot.type"])
        #expect(try await issues(BookingInput(referralID: "ref_none", slotID: "\(templateID)_2026-11-24_0", shortNoticeAgreed: true)) == ["referral.unknown"])
        #expect(try await issues(BookingInput(referralID: referrals[0].id.rawValue, slotID: "slot_none", shortNoticeAgreed: true)) == ["slot.unknown"])
        #expect(try await issues(BookingInput(referralID: referrals[0].id.rawValue, slotID: "x", channel: "pigeon", shortNoticeAgreed: true)) == ["field.enum"])
        let derm = try await harness.services.outpatients.referrals.create(
            ReferralInput(patientID: referrals[0].patientID.rawValue, specialtyID: "spc_derm", referrer: "A81001", priority: "routine", received: "2026-10-01"),
            by: caller)
        #expect(try await issues(BookingInput(referralID: derm.id.rawValue, slotID: "\(templateID)_2026-11-24_0", shortNoticeAgreed: true)) == ["slot.specialty"])
        harness.clock.advance(by: 10 * 86_400)
        #expect(try await issues(BookingInput(referralID: referrals[0].id.rawValue, slotID: "\(templateID)_2026-11-24_0", shortNoticeAgreed: true)) == ["slot.past"])
        #expect(try harness.count("appointments") == 0)
    }

    @Test("offers: suitable free slots for the priority, location and weekdays, those before the due day first; booked slots drop out")
    func offers() async throws {
        let (harness, caller, referrals) = try await setUp()
        let templateID = try await harness.services.shared.environment.store.read { try await $0.clinics.templates()[0].id.rawValue }
        let routine = try await harness.services.outpatients.bookings.offers(referralID: referrals[0].id, .init(count: 3), by: caller)
        #expect(routine.map(\.id.rawValue) == ["2026-11-24", "2026-12-01", "2026-12-08"].map { "\(templateID)_\($0)_0" })
        let cancer = try await harness.services.outpatients.referrals.create(
            ReferralInput(patientID: referrals[0].patientID.rawValue, specialtyID: "spc_cardio", referrer: "A81001", priority: "cancer-2ww", received: "2026-11-20"),
            by: caller)
        let forCancer = try await harness.services.outpatients.bookings.offers(referralID: cancer.id, .init(count: 3), by: caller)
        #expect(forCancer.map { "\($0.date) \($0.type.rawValue)" } == ["2026-11-24 new", "2026-11-24 cancer-2ww", "2026-12-01 new"])
        // Once booked, a slot is offered no more.
        _ = try await harness.services.outpatients.bookings.book(BookingInput(referralID: referrals[1].id.rawValue, slotID: "\(templateID)_2026-11-24_0", shortNoticeAgreed: true), by: caller)
        let after = try await harness.services.outpatients.bookings.offers(referralID: referrals[0].id, .init(count: 1), by: caller)
        #expect(after.map(\.id.rawValue) == ["\(templateID)_2026-12-01_0"])
        #expect(try await harness.services.outpatients.bookings.offers(referralID: referrals[0].id, .init(weekdays: [1, 3]), by: caller).isEmpty)
        #expect(try await harness.services.outpatients.bookings.offers(referralID: referrals[0].id, .init(notBefore: LocalDate(iso: "2026-12-09")!), by: caller)
            .map(\.date.iso) == ["2026-12-15"])
        await #expect(throws: ServiceError.self) { try await harness.services.outpatients.bookings.offers(referralID: referrals[0].id, .init(count: 0), by: caller) }
        await #expect(throws: ServiceError.notFound(entity: "Referral", id: "ref_none")) {
            try await harness.services.outpatients.bookings.offers(referralID: "ref_none", .init(), by: caller)
        }
    }

    @Test("many simultaneous attempts on one slot: exactly one wins, every other gets a conflict")
    func concurrent() async throws {
        let (harness, caller, referrals) = try await setUp(patients: 24)
        let templateID = try await harness.services.shared.environment.store.read { try await $0.clinics.templates()[0].id }
        let slotID = "\(templateID)_2026-12-01_0"
        let services = harness.services
        let outcomes = await withTaskGroup(of: String.self) { group in
            for referral in referrals {
                group.addTask {
                    do {
                        _ = try await services.outpatients.bookings.book(BookingInput(referralID: referral.id.rawValue, slotID: slotID, shortNoticeAgreed: true), by: caller)
                        return "won"
                    } catch ServiceError.conflict(let code, _) {
                        return code
                    } catch {
                        return "error: \(error)"
                    }
                }
            }
            var all: [String] = []
            for await outcome in group { all.append(outcome) }
            return all
        }
        #expect(outcomes.filter { $0 == "won" }.count == 1)
        #expect(outcomes.filter { $0 == "slot.taken" }.count == referrals.count - 1, "\(outcomes)")
        #expect(try harness.count("appointments") == 1)
    }
}

/// NHS numbers in the test range 999 000 0000 – 999 999 9999 with valid check digits.
@Suite("Reasonable offers")
struct ReasonableOfferTests {
    @Test("a routine slot less than three weeks away is booked only with the patient's agreement, recorded; an urgent one needs none; no same-day offers for routine")
    func shortNotice() async throws {
        let (harness, caller, referrals) = try await BookingServiceTests().setUp(patients: 2)
        let templateID = try await harness.services.shared.environment.store.read { try await $0.clinics.templates()[0].id }
        // Tue 24 Nov is two days after today (Sun 22 Nov); Tue 15 Dec is 23 days on.
        let soon = "\(templateID)_2026-11-24_0", later = "\(templateID)_2026-12-15_0"
        do {
            _ = try await harness.services.outpatients.bookings.book(BookingInput(referralID: referrals[0].id.rawValue, slotID: soon), by: caller)
            Issue.record("expected the agreement to be asked for")
        } catch ServiceError.invalid(let issues) {
            #expect(issues.map(\.path) == ["shortNoticeAgreed"])
            #expect(issues[0].message.hasPrefix("This slot is less than three weeks away."))
        }
        #expect(try harness.count("appointments") == 0)
        let agreed = try await harness.services.outpatients.bookings.book(
            BookingInput(referralID: referrals[0].id.rawValue, slotID: soon, shortNoticeAgreed: true), by: caller)
        #expect(agreed.shortNoticeAgreed == true)
        let stored = try await harness.services.outpatients.appointments.details(id: agreed.id, by: caller)
        #expect(stored.appointment.shortNoticeAgreed == true)
        // Three weeks or more ahead: a reasonable offer, nothing to agree.
        let reasonable = try await harness.services.outpatients.bookings.book(BookingInput(referralID: referrals[1].id.rawValue, slotID: later), by: caller)
        #expect(reasonable.shortNoticeAgreed == nil)
        // An urgent referral is booked as soon as possible without asking.
        let urgent = try await harness.services.outpatients.referrals.create(
            ReferralInput(patientID: referrals[1].patientID.rawValue, specialtyID: "spc_cardio", referrer: "A81001", priority: "cancer-2ww", received: "2026-11-20"),
            by: caller)
        let fast = try await harness.services.outpatients.bookings.book(BookingInput(referralID: urgent.id.rawValue, slotID: "\(templateID)_2026-11-24_1"), by: caller)
        #expect(fast.shortNoticeAgreed == nil)
        // A clinic today (Sunday): never offered to a routine referral, offered to an urgent one.
        let lead = Caller(principal: Principal(user: try await harness.user("lee", role: .teamLeader).user))
        _ = try await harness.services.outpatients.clinics.createTemplate(
            ClinicTemplateInput(clinicianID: "cln_1", locationID: "loc_1", weekday: 7, start: "09:00", slots: [.init(minutes: 30, type: "new")],
                                effectiveFrom: "2026-11-01"), by: lead)
        _ = try await harness.services.outpatients.clinics.generateSlots(days: 28, by: lead)
        let routine = try await harness.services.outpatients.referrals.create(
            ReferralInput(patientID: referrals[0].patientID.rawValue, specialtyID: "spc_cardio", referrer: "A81001", priority: "routine", received: "2026-11-01"),
            by: caller)
        let routineOffers = try await harness.services.outpatients.bookings.offers(referralID: routine.id, .init(count: 50), by: caller)
        #expect(!routineOffers.isEmpty && !routineOffers.contains { $0.date.iso == "2026-11-22" })
        let urgentToday = try await harness.services.outpatients.referrals.create(
            ReferralInput(patientID: referrals[0].patientID.rawValue, specialtyID: "spc_cardio", referrer: "A81001", priority: "urgent", received: "2026-11-21"),
            by: caller)
        let urgentOffers = try await harness.services.outpatients.bookings.offers(referralID: urgentToday.id, .init(count: 50), by: caller)
        #expect(urgentOffers.first?.date.iso == "2026-11-22")
    }
}

enum NHSNumberTestRange {
    /// The `k`-th valid number from 999 000 0018 upwards.
    static func number(_ k: Int) -> String {
        var found = 0
        var body = 999_000_001
        while true {
            let digits = String(body).map { Int(String($0))! }
            let sum = zip(digits, (2...10).reversed()).reduce(0) { $0 + $1.0 * $1.1 }
            let check = (11 - sum % 11) % 11
            if check != 10 {
                if found == k { return String(body) + String(check) }
                found += 1
            }
            body += 1
        }
    }
}

@Suite("Offer records")
struct OfferRecordTests {
    @Test("offers are recorded with their dates and judged reasonable (two dates, three weeks' notice) or not; answers once; audited")
    func record() async throws {
        let (harness, caller, referrals) = try await BookingServiceTests().setUp(patients: 1)
        let lead = Caller(principal: Principal(user: try await harness.user("lee", role: .teamLeader).user))
        _ = try await harness.services.outpatients.clinics.generateSlots(days: 60, by: lead)
        let templateID = try await harness.services.shared.environment.store.read { try await $0.clinics.templates()[0].id }
        let offers = harness.services.outpatients.offerRecords
        // Today is Sun 22 Nov: Tue 15 and 22 Dec are three weeks away or more; Tue 24 Nov is not.
        let reasonable = try await offers.record(referralID: referrals[0].id, .init(slotIDs: ["\(templateID)_2026-12-15_0", "\(templateID)_2026-12-22_0"]), by: caller)
        #expect(reasonable.isReasonable && reasonable.outcome == .pending && reasonable.dates.map(\.iso) == ["2026-12-15", "2026-12-22"])
        let short = try await offers.record(referralID: referrals[0].id, .init(slotIDs: ["\(templateID)_2026-11-24_0", "\(templateID)_2026-12-22_0"], channel: "letter"),
                                            by: caller)
        #expect(!short.isReasonable)
        let declined = try await offers.resolve(id: reasonable.id, outcome: "declined", by: caller)
        #expect(declined.outcome == .declined && declined.outcomeAt != nil)
        await #expect(throws: ServiceError.conflict(code: "offer.answered", message: "This offer was already declined.")) {
            try await offers.resolve(id: reasonable.id, outcome: "accepted", by: caller)
        }
        #expect(try await offers.offers(referralID: referrals[0].id, by: caller).map(\.id).sorted { $0.rawValue < $1.rawValue }
            == [reasonable.id, short.id].sorted { $0.rawValue < $1.rawValue })
        let audit = try await harness.services.shared.audit.recent(limit: 1, by: TestHarness.system)[0]
        #expect(audit.action == "offer.declined" && audit.detail == "offer=\(reasonable.id) reasonable=true")
        // The JSON says whether it was reasonable.
        let json = String(decoding: try JSONEncoder().encode(reasonable), as: UTF8.self)
        #expect(json.contains("\"reasonable\":true"))
    }

    @Test("bad offers are refused by field and store nothing")
    func refused() async throws {
        let (harness, caller, referrals) = try await BookingServiceTests().setUp(patients: 1)
        let lead = Caller(principal: Principal(user: try await harness.user("lee", role: .teamLeader).user))
        _ = try await harness.services.outpatients.clinics.generateSlots(days: 60, by: lead)
        let templateID = try await harness.services.shared.environment.store.read { try await $0.clinics.templates()[0].id }
        let offers = harness.services.outpatients.offerRecords
        func paths(_ input: OfferRecordInput) async -> [String] {
            do { _ = try await offers.record(referralID: referrals[0].id, input, by: caller); return [] } catch ServiceError.invalid(let issues) { return issues.map(\.path) } catch { return ["\(error)"] }
        }
        #expect(await paths(.init(slotIDs: ["\(templateID)_2026-12-15_0"])) == ["slotIDs"])
        #expect(await paths(.init(slotIDs: ["\(templateID)_2026-12-15_0", "\(templateID)_2026-12-15_0"])) == ["slotIDs"])
        #expect(await paths(.init(slotIDs: ["\(templateID)_2026-12-15_0", "nope"])) == ["slotIDs[1]"])
        // A cancer slot cannot take a routine referral.
        #expect(await paths(.init(slotIDs: ["\(templateID)_2026-12-15_0", "\(templateID)_2026-12-15_1"])) == ["slotIDs[1]"])
        #expect(await paths(.init(slotIDs: ["\(templateID)_2026-12-15_0", "\(templateID)_2026-12-22_0"], channel: "pigeon")) == ["channel"])
        #expect(try harness.count("offer_records") == 0)
        let clinician = Caller(principal: Principal(user: try await harness.user("doc", role: .clinician).user))
        await #expect(throws: ServiceError.forbidden("Your role may not record offers.")) {
            try await offers.record(referralID: referrals[0].id, .init(slotIDs: ["\(templateID)_2026-12-15_0", "\(templateID)_2026-12-22_0"]), by: clinician)
        }
    }
}

@Suite("Pathway notes")
struct PathwayNoteTests {
    @Test("outpatient staff write notes on a pathway, newest first, audited without their text; empty or foreign notes are refused")
    func notes() async throws {
        let (harness, caller, referrals) = try await BookingServiceTests().setUp(patients: 1)
        let notes = harness.services.outpatients.notes
        let first = try await notes.add(referralID: referrals[0].id, text: "Patient asked for\nmorning appointments.", by: caller)
        harness.clock.advance(by: 60)
        let second = try await notes.add(referralID: referrals[0].id, text: "Called twice, no answer.", by: caller)
        #expect(try await notes.notes(referralID: referrals[0].id, by: caller).map(\.id) == [second.id, first.id])
        #expect(first.text == "Patient asked for\nmorning appointments." && first.authorName == caller.principal.displayName)
        let audit = try await harness.services.shared.audit.recent(limit: 1, by: TestHarness.system)[0]
        #expect(audit.action == "referral.note" && audit.detail == "note=\(second.id)" && !(audit.detail ?? "").contains("Called"))
        await #expect(throws: ServiceError.invalid([.init(path: "text", code: "field.required", message: "Write the note before saving it.")])) {
            try await notes.add(referralID: referrals[0].id, text: "   ", by: caller)
        }
        await #expect(throws: ServiceError.notFound(entity: "Referral", id: "ref_nope")) { try await notes.add(referralID: "ref_nope", text: "x", by: caller) }
        let planner = Caller(principal: Principal(user: try await harness.user("pat", role: .transportPlanner).user))
        await #expect(throws: ServiceError.forbidden("Your role may not write pathway notes.")) {
            try await notes.add(referralID: referrals[0].id, text: "x", by: planner)
        }
        #expect(try harness.count("pathway_notes") == 2)
    }
}

@Suite("Worklist counts")
struct WorklistCountTests {
    @Test("to book drops when a pathway is booked; a two-week wait received over a week ago and unbooked is counted")
    func counts() async throws {
        let (harness, caller, referrals) = try await BookingServiceTests().setUp(patients: 2)
        let service = harness.services.outpatients.referrals
        #expect(try await service.worklistCounts(by: caller).toBook == 2)
        let templateID = try await harness.services.shared.environment.store.read { try await $0.clinics.templates()[0].id }
        _ = try await harness.services.outpatients.bookings.book(
            BookingInput(referralID: referrals[0].id.rawValue, slotID: "\(templateID)_2026-11-24_0", shortNoticeAgreed: true), by: caller)
        #expect(try await service.worklistCounts(by: caller).toBook == 1)
        _ = try await service.create(ReferralInput(patientID: referrals[1].patientID.rawValue, specialtyID: "spc_cardio", referrer: "A81001",
                                                   priority: "cancer-2ww", received: "2026-11-14"), by: caller)
        _ = try await service.create(ReferralInput(patientID: referrals[1].patientID.rawValue, specialtyID: "spc_derm", referrer: "A81001",
                                                   priority: "cancer-2ww", received: "2026-11-20"), by: caller)
        let counts = try await service.worklistCounts(by: caller)
        #expect(counts.toBook == 3 && counts.twoWeekWaitsUnbooked == 1 && counts.decisionsPending == 0 && counts.messagesFailed == 0)
    }
}
