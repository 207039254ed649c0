import Foundation
import Testing
@testable import SchedulingCLI

@Suite("kairos bench-outpatients")
struct OutpatientBenchCommandTests {
    @Test("allocation: seeds a small hospital, previews and commits, and reports the figures")
    func allocation() async throws {
        let cli = CLIHarness()
        let result = await cli.runWithoutDatabase(["bench-outpatients", "allocation", "--referrals", "300", "--slots", "200", "--specialties", "3",
                                                   "--database", cli.file.path, "--commit"])
        #expect(result.code == 0, "\(result.output)")
        let preview = try #require(result.output.first { $0.hasPrefix("Auto-allocation preview:") })
        // 200 slots for 300 entries: every slot a patient can use is proposed; the rest are named with reasons.
        #expect(preview.contains("200 free slots") && preview.contains("unplaced ("))
        #expect(result.output.contains { $0.hasPrefix("Commit:") })
        let services = try await cli.services()
        #expect(try await services.environment.store.read { try await $0.referrals.count() } == 300)
    }

    @Test("strike: cancels a week of sessions, rebooks by priority with no urgent patient behind a routine one")
    func strike() async throws {
        let cli = CLIHarness()
        let result = await cli.runWithoutDatabase(["bench-outpatients", "strike", "--appointments", "80", "--specialties", "2",
                                                   "--database", cli.file.path, "--commit"])
        #expect(result.code == 0, "\(result.output)")
        #expect(result.output.contains { $0.hasPrefix("Strike rebooking preview:") && $0.contains("80 displaced") })
        #expect(result.output.contains("Urgent or cancer patients booked later than a routine one of the same specialty: 0."))
        #expect(result.output.contains { $0.hasPrefix("Commit:") })
    }

    @Test("bad options are refused with the rule")
    func refused() async {
        let cli = CLIHarness()
        let result = await cli.runWithoutDatabase(["bench-outpatients", "waiting"])
        #expect(result.code == 2 && result.output.joined().contains("SCENARIO must be allocation or strike."))
    }
}
