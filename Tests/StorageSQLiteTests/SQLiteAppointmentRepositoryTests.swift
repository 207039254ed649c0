import Foundation
import GRDB
import Testing
import SchedulingDomain
import SchedulingServices
import SchedulingTestSupport
@testable import StorageSQLite

@Suite("SQLiteAppointmentRepository")
struct SQLiteAppointmentRepositoryTests {
    @Test("the database holds at most one appointment per slot; a cancelled one frees it; rows round-trip")
    func oneHolderPerSlot() async throws {
        let harness = try TestHarness()
        let store = SQLiteStore(database: harness.database)
        let today = LocalDate(iso: "2026-11-22")!
        let patient = try TestHarness.patientInput().validated(id: "pat_1", today: today)
        let referral = Referral(id: "ref_1", patientID: "pat_1", specialtyID: "spc_1", referrer: "A81001", priority: .routine, received: today)
        let slot = Slot(id: "slot_1", templateID: nil, clinicianID: "cln_1", specialtyID: "spc_1", locationID: "loc_1", date: today.adding(days: 2),
                        start: LocalTime(hour: 9, minute: 0)!, minutes: 20, type: .new)
        try await store.write { session in
            try await session.patients.insert(patient)
            try await session.organisation.insert(Specialty(id: "spc_1", code: "320", name: "Cardiology"))
            try await session.organisation.insert(Clinician(id: "cln_1", name: "Dr One", grade: "Consultant", specialtyID: "spc_1"))
            try await session.organisation.insert(ClinicLocation(id: "loc_1", name: "A", address: Address(lines: ["1 Road"], town: "Leeds", postcode: "LS1 3EX", coordinates: nil)))
            try await session.referrals.insert(referral)
            _ = try await session.clinics.insertNew([slot])
        }
        let at = Date(timeIntervalSince1970: 1_795_341_600)
        let first = Appointment(id: "apt_1", referralID: "ref_1", patientID: "pat_1", slotID: "slot_1", channel: .online, bookedBy: "usr_1", bookedAt: at,
                                interpreterLanguage: "Urdu", needsTransport: true)
        try await store.write { try await $0.appointments.insert(first) }
        #expect(try await store.read { try await $0.appointments.find(id: "apt_1") } == first)
        let second = Appointment(id: "apt_2", referralID: "ref_1", patientID: "pat_1", slotID: "slot_1", channel: .phone, bookedBy: "usr_1", bookedAt: at)
        await #expect(throws: StoreError.uniqueViolation(constraint: "appointments.slot_id")) {
            try await store.write { try await $0.appointments.insert(second) }
        }
        // A cancelled status needs its reason, time and author: the schema refuses it bare.
        await #expect(throws: (any Error).self) {
            try await harness.database.writer.write { try $0.execute(sql: "UPDATE appointments SET status = 'cancelled-by-patient' WHERE id = 'apt_1'") }
        }
        // Once the first is cancelled, the slot may be held again; the cancellation round-trips.
        var cancelled = first
        try cancelled.cancel(by: .patient, reason: .patientUnwell, at: at.addingTimeInterval(60), recordedBy: "usr_2")
        try await store.write { [cancelled] s in try await s.appointments.update(cancelled) }
        #expect(try await store.read { try await $0.appointments.find(id: "apt_1") } == cancelled)
        var moved = second
        moved.replacesID = "apt_1"
        try await store.write { [moved] s in try await s.appointments.insert(moved) }
        #expect(try await store.read { try await $0.appointments.find(id: "apt_2") } == moved)
        #expect(try await store.read { try await $0.appointments.holding(slotIDs: ["slot_1", "slot_none"]) }.map(\.id) == ["apt_2"])
        #expect(try await store.read { try await $0.appointments.appointments(referralID: "ref_1") }.map(\.id) == ["apt_1", "apt_2"])
        try await store.write { try await $0.clinics.setStatus(.booked, slotID: "slot_1") }
        #expect(try await store.read { try await $0.clinics.slot(id: "slot_1") }?.status == .booked)
    }

    @Test("access decisions, journey requests and outbox messages round-trip; the schema refuses half-made resolutions")
    func lifecycleTables() async throws {
        let harness = try TestHarness()
        let store = SQLiteStore(database: harness.database)
        let today = LocalDate(iso: "2026-11-22")!
        let at = Date(timeIntervalSince1970: 1_795_341_600)
        let referral = Referral(id: "ref_1", patientID: "pat_1", specialtyID: "spc_1", referrer: "A81001", priority: .routine, received: today)
        let slot = Slot(id: "slot_1", templateID: nil, clinicianID: "cln_1", specialtyID: "spc_1", locationID: "loc_1", date: today.adding(days: 2),
                        start: LocalTime(hour: 9, minute: 0)!, minutes: 20, type: .new)
        let appointment = Appointment(id: "apt_1", referralID: "ref_1", patientID: "pat_1", slotID: "slot_1", channel: .phone, bookedBy: "usr_1",
                                      bookedAt: at, needsTransport: true)
        try await store.write { session in
            try await session.patients.insert(try TestHarness.patientInput().validated(id: "pat_1", today: today))
            try await session.organisation.insert(Specialty(id: "spc_1", code: "320", name: "Cardiology"))
            try await session.organisation.insert(Clinician(id: "cln_1", name: "Dr One", grade: "Consultant", specialtyID: "spc_1"))
            try await session.organisation.insert(ClinicLocation(id: "loc_1", name: "A", address: Address(lines: ["1 Road"], town: "Leeds", postcode: "LS1 3EX", coordinates: nil)))
            try await session.referrals.insert(referral)
            _ = try await session.clinics.insertNew([slot])
            try await session.appointments.insert(appointment)
        }
        var decision = AccessDecision(id: "acd_1", referralID: "ref_1", appointmentID: "apt_1", dnaCount: 2, proposal: .discharge, clockNullified: false,
                                      createdAt: at)
        try await store.write { [decision] s in try await s.accessDecisions.insert(decision) }
        #expect(try await store.read { try await $0.accessDecisions.pending() } == [decision])
        try decision.resolve(.rebook, note: "Admitted that day.", by: "usr_9", at: at.addingTimeInterval(3600))
        try await store.write { [decision] s in try await s.accessDecisions.update(decision) }
        #expect(try await store.read { try await $0.accessDecisions.find(id: "acd_1") } == decision)
        #expect(try await store.read { try await $0.accessDecisions.pending() }.isEmpty)
        await #expect(throws: (any Error).self) {
            try await harness.database.writer.write { try $0.execute(sql: "UPDATE access_decisions SET note = NULL WHERE id = 'acd_1'") }
        }

        var journey = JourneyRequest.forAppointment(appointment, in: slot, id: "jrq_1", at: at)
        #expect(journey.arriveBy == LocalTime(hour: 8, minute: 45) && journey.returnAfter == LocalTime(hour: 9, minute: 20))
        try await store.write { [journey] s in try await s.journeyRequests.insert(journey) }
        journey.status = .cancelled
        journey.cancelledAt = at.addingTimeInterval(10)
        try await store.write { [journey] s in try await s.journeyRequests.update(journey) }
        #expect(try await store.read { try await $0.journeyRequests.find(appointmentID: "apt_1") } == journey)
        #expect(try await store.read { try await $0.journeyRequests.requests(from: today, through: today.adding(days: 7), status: .requested) }.isEmpty)

        var message = OutboxMessage(id: "msg_1", kind: .reminder, channel: .sms, recipient: .patient, patientID: "pat_1", referralID: "ref_1",
                                    appointmentID: "apt_1", dueAt: at.addingTimeInterval(86400), subject: "Reminder", body: "See you", createdAt: at)
        try await store.write { [message] s in try await s.outbox.insert(message) }
        #expect(try await store.read { try await $0.outbox.due(by: at, limit: 10) }.isEmpty)
        #expect(try await store.read { try await $0.outbox.due(by: at.addingTimeInterval(86400), limit: 10) } == [message])
        message.markFailed("Timeout")
        message.markSent(at: at.addingTimeInterval(90000))
        try await store.write { [message] s in try await s.outbox.update(message) }
        #expect(try await store.read { try await $0.outbox.find(id: "msg_1") } == message)
        #expect(try await store.read { try await $0.outbox.counts() } == [OutboxCount(status: .sent, channel: .sms, count: 1)])
    }
}
