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
        // Once the first is cancelled, the slot may be held again.
        try await harness.database.writer.write { try $0.execute(sql: "UPDATE appointments SET status = 'cancelled-by-patient' WHERE id = 'apt_1'") }
        try await store.write { try await $0.appointments.insert(second) }
        #expect(try await store.read { try await $0.appointments.appointments(referralID: "ref_1") }.map(\.id) == ["apt_1", "apt_2"])
        try await store.write { try await $0.clinics.setStatus(.booked, slotID: "slot_1") }
        #expect(try await store.read { try await $0.clinics.slot(id: "slot_1") }?.status == .booked)
    }
}
