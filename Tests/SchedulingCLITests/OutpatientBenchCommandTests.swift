import Foundation
import Testing
@testable import SchedulingCLI
import SchedulingServices
import SchedulingDomain
import SchedulingTestSupport

@Suite("kairos bench outpatients")
struct OutpatientBenchCommandTests {
    @Test("allocation: seeds a small hospital, previews and commits, and reports the figures")
    func allocation() async throws {
        let cli = CLIHarness()
        let result = await cli.runWithoutDatabase(["bench", "outpatients", "allocation", "--referrals", "300", "--slots", "200", "--specialties", "3",
                                                   "--database", cli.file.path, "--commit"])
        #expect(result.code == 0, "\(result.output)")
        let preview = try #require(result.output.first { $0.hasPrefix("Auto-allocation preview:") })
        // 200 slots for 300 entries: every slot a patient can use is proposed; the rest are named with reasons.
        #expect(preview.contains("200 free slots") && preview.contains("unplaced ("))
        #expect(result.output.contains { $0.hasPrefix("Commit:") })
        let services = try await cli.services()
        #expect(try await services.shared.environment.store.read { try await $0.referrals.count() } == 300)
    }

    @Test("strike: cancels a week of sessions, rebooks by priority with no urgent patient behind a routine one")
    func strike() async throws {
        let cli = CLIHarness()
        let result = await cli.runWithoutDatabase(["bench", "outpatients", "strike", "--appointments", "80", "--specialties", "2",
                                                   "--database", cli.file.path, "--commit"])
        #expect(result.code == 0, "\(result.output)")
        #expect(result.output.contains { $0.hasPrefix("Strike rebooking preview:") && $0.contains("80 displaced") })
        #expect(result.output.contains("Urgent or cancer patients booked later than a routine one of the same specialty: 0."))
        #expect(result.output.contains { $0.hasPrefix("Commit:") })
    }

    @Test("bad options are refused with the rule")
    func refused() async {
        let cli = CLIHarness()
        let result = await cli.runWithoutDatabase(["bench", "outpatients", "waiting"])
        #expect(result.code == 2 && result.output.joined().contains("SCENARIO must be allocation, strike or booking."))
        let noPairs = await cli.runWithoutDatabase(["bench", "outpatients", "booking", "--database", cli.file.path])
        #expect(noPairs.code == 2 && noPairs.output.joined().contains("booking needs --database and --pairs"))
    }

    @Test("booking: seeds free slots with a referral for each and a second racing for every fourth, and a token for the load test")
    func booking() async throws {
        let cli = CLIHarness()
        let pairs = FileManager.default.temporaryDirectory.appendingPathComponent("pairs-\(UUID().uuidString).txt").path
        defer { try? FileManager.default.removeItem(atPath: pairs) }
        let result = await cli.runWithoutDatabase(["bench", "outpatients", "booking", "--bookings", "40", "--specialties", "2",
                                                   "--database", cli.file.path, "--pairs", pairs])
        #expect(result.code == 0, "\(result.output)")
        let lines = try String(contentsOfFile: pairs, encoding: .utf8).split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        #expect(lines.count == 50)  // 40 slots, 10 of them raced for
        #expect(Set(lines.map { $0[1] }).count == 40 && Set(lines.map { $0[0] }).count == 50)
        let token = try #require(result.output.last)
        let services = try await cli.services()
        let user = try #require(try await services.shared.accounts.authenticate(bearer: token))
        #expect(user.role == .bookingCoordinator)
        // Every pair is bookable as written.
        let booked = try await services.outpatients.bookings.book(.init(referralID: lines[0][0], slotID: lines[0][1], shortNoticeAgreed: true), by: .init(principal: .init(user: user)))
        #expect(booked.slotID.rawValue == lines[0][1])
    }
}

@Suite("kairos import and export")
struct TransferCommandTests {
    @Test("import referrals from a CSV file, then export the tracking list to a file; a bad file is exit 2 and stores nothing")
    func roundTrip() async throws {
        let cli = CLIHarness()
        let services = try await cli.services()
        try await services.shared.environment.store.write { session in
            try await session.organisation.insert(Specialty(id: "spc_cardio", code: "320", name: "Cardiology"))
        }
        let patient = try await services.shared.patients.register(TestHarness.patientInput(), by: TestHarness.system)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kairos-transfer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = folder.appendingPathComponent("good.csv").path, bad = folder.appendingPathComponent("bad.csv").path
        try "nhs_number,specialty_code,referrer,priority,received\n\(patient.nhsNumber.digits),320,Dr Gray,routine,2026-10-01\n"
            .write(toFile: good, atomically: true, encoding: .utf8)
        try "nhs_number,specialty_code,referrer,priority,received\n\(patient.nhsNumber.digits),320,Dr Gray,someday,2026-10-01\n"
            .write(toFile: bad, atomically: true, encoding: .utf8)
        let imported = await cli.run(["import", "referrals", good])
        #expect(imported.code == 0 && imported.output.contains("Imported 1 referrals."), "\(imported.output)")
        let refused = await cli.run(["import", "referrals", bad])
        #expect(refused.code == 2 && refused.output.joined().contains("row 1: priority must be one of"), "\(refused.output)")
        #expect(await cli.run(["import", "referrals", folder.appendingPathComponent("missing.csv").path]).code == 2)
        let out = folder.appendingPathComponent("ptl.csv").path
        let exported = await cli.run(["export", "tracking-list", "--out", out])
        #expect(exported.code == 0 && exported.output.contains("Wrote 1 pathways to \(out)."), "\(exported.output)")
        #expect(try String(contentsOfFile: out, encoding: .utf8).contains(",320,Cardiology,routine,2026-10-01,"))
    }
}
