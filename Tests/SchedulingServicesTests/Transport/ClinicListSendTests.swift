import Foundation
import SchedulingDomain
@testable import SchedulingServices
import SchedulingTestSupport
import Testing

/// A clinic list sent to its hospital site through the outbox (PT-07): written when queued,
/// addressed to the site and no patient, audited, and delivered by the dispatcher like any message.
@Suite("Clinic lists through the outbox")
struct ClinicListSendTests {
    typealias T = TransportServiceTests

    @Test("a planner sends a site's list: an email to the site with each patient's line and the CSV, audited, then delivered; the crew may not; an unknown site is not found")
    func sendThroughOutbox() async throws {
        let office = try await T.Office()
        _ = try await office.shift("Ambulance 1")
        let booked = try await office.book()
        try await office.harness.services.shared.environment.store.write { s in
            try await s.organisation.insert(ClinicLocation(id: "loc_mri", name: "Manchester Royal Infirmary",
                                                           address: Address(lines: ["Oxford Road"], town: "Manchester", postcode: "M13 9WL", coordinates: T.hospital)))
        }
        let job = try await office.runJob(.init(date: T.date, timeLimitSeconds: 1))
        _ = try await office.plans.commit(jobID: job.id, jobs: office.harness.services.shared.jobs, by: office.planner)
        let lists = office.harness.services.transport.clinicLists
        let day = LocalDate(iso: T.date)!
        let message = try await lists.send(siteID: "loc_mri", on: day, by: office.planner)
        #expect(message.kind == .clinicList && message.channel == .email && message.recipient == .site && message.patientID == nil && message.siteID == "loc_mri")
        #expect(message.subject == "Clinic list: Manchester Royal Infirmary, Tuesday 8 December 2026")
        #expect(message.body.contains("Arriving (1):\n10:30 appointment, arrives ") && message.body.contains("Going home (1):\n12:00 ready, collected ")
            && message.body.contains("Test Patient (NHS 999 000 0018), wheelchair, 1 escort, Ambulance 1") && message.body.contains("As CSV:\ndirection,"),
                "\(message.body)")
        #expect(booked.count == 2)
        let store = office.harness.services.shared.environment.store
        #expect(try await store.read { try await $0.outbox.find(id: message.id) } == message)
        #expect(try office.harness.count("audit_log", where: "action = 'transport.clinicList.send'") == 1)
        await #expect(throws: ServiceError.self) { _ = try await lists.send(siteID: "loc_mri", on: day, by: office.crew.a) }
        await #expect(throws: ServiceError.self) { _ = try await lists.send(siteID: "loc_none", on: day, by: office.planner) }
        #expect(try await store.read { try await $0.outbox.messages(.init(kind: .clinicList), limit: 10, offset: 0) }.count == 1)
        // The dispatcher delivers it as written, with no patient to look up.
        let sender = OutboxDispatcherTests.RecordingSender()
        let report = try await office.harness.services.shared.notifications.dispatchDue(through: sender)
        #expect(sender.ids.contains(message.id) && report.failed == 0)
        #expect(try await store.read { try await $0.outbox.find(id: message.id) }?.status == .sent)
    }

    @Test("a manager records where a site's lists are emailed (audited): sent lists carry the address, and the file gateway writes it; a bad address is named by field; planners may not set one")
    func siteAddress() async throws {
        let office = try await T.Office()
        let (m, _) = try await office.harness.user("max.manager", role: .transportManager)
        let manager = Caller(principal: Principal(user: m))
        try await office.harness.services.shared.environment.store.write { s in
            try await s.organisation.insert(ClinicLocation(id: "loc_mri", name: "Manchester Royal Infirmary",
                                                           address: Address(lines: ["Oxford Road"], town: "Manchester", postcode: "M13 9WL", coordinates: T.hospital)))
        }
        let lists = office.harness.services.transport.clinicLists
        let day = LocalDate(iso: T.date)!
        #expect(try await lists.send(siteID: "loc_mri", on: day, by: office.planner).address == nil, "no address on record: the gateway addresses it")
        let bad = await T.issues { _ = try await lists.setAddress(siteID: "loc_mri", email: "reception at mri", by: manager) }
        #expect(bad.map(\.path) == ["email"] && bad[0].message.hasPrefix("email must look like name@domain"))
        await #expect(throws: ServiceError.self) { _ = try await lists.setAddress(siteID: "loc_mri", email: "reception@mri.nhs.uk", by: office.planner) }
        await #expect(throws: ServiceError.notFound(entity: "Site", id: "loc_none")) { _ = try await lists.setAddress(siteID: "loc_none", email: "a@b.uk", by: manager) }
        #expect(try await lists.setAddress(siteID: "loc_mri", email: " reception@mri.nhs.uk ", by: manager) == "reception@mri.nhs.uk")
        #expect(try await lists.list(siteID: "loc_mri", on: day, by: office.planner).address == "reception@mri.nhs.uk")
        let message = try await lists.send(siteID: "loc_mri", on: day, by: office.planner)
        let store = office.harness.services.shared.environment.store
        let stored = try await store.read { try await $0.outbox.find(id: message.id) }
        #expect(message.address == "reception@mri.nhs.uk" && stored?.address == "reception@mri.nhs.uk")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kairos-site-address-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try await FileMessageSender(directory: folder).deliver(message)
        let written = try String(contentsOf: folder.appendingPathComponent("\(message.id.rawValue).txt"), encoding: .utf8)
        #expect(written.hasPrefix("Channel: email\nTo: reception@mri.nhs.uk\nSubject: Clinic list: Manchester Royal Infirmary"))
        #expect(try await lists.setAddress(siteID: "loc_mri", email: nil, by: manager) == nil)
        #expect(try await lists.list(siteID: "loc_mri", on: day, by: office.planner).address == nil)
        #expect(try office.harness.count("audit_log", where: "action LIKE 'transport.clinicList.address.%'") == 2)
    }
}

