import Foundation
import Testing
import SchedulingDomain
import SchedulingServices
import SchedulingTestSupport

@Suite("Referral CSV import and tracking-list export")
struct ReferralTransferTests {
    @Test("a valid file puts every referral on its list in one go, audited, with quoting, a BOM and blank lines handled")
    func importValid() async throws {
        let f = try await OutpatientFixture(patients: 2)
        let csv = "\u{FEFF}nhs_number,specialty_code,referrer,priority,received,available_weekdays,available_from,consultant_led\r\n"
            + "\(NHSNumberTestRange.number(0)),320,\"Dr Gray, A81001\",urgent,2026-11-20,2;4,2026-11-30,yes\r\n"
            + "\r\n"
            + "\(NHSNumberTestRange.number(1)), 320 ,Dr Black,routine,2026-10-01,,,no\r\n"
        let before = try f.harness.count("referrals")
        let result = try await f.harness.services.outpatients.referrals.importCSV(csv, by: f.booker)
        #expect(result.created == 2)
        #expect(try f.harness.count("referrals") == before + 2)
        let first = try await f.harness.services.outpatients.referrals.referral(id: result.referralIDs[0], by: f.booker)
        #expect(first.referrer == "Dr Gray, A81001" && first.priority == .urgent && first.received == LocalDate(iso: "2026-11-20"))
        #expect(first.availability.weekdays == [2, 4] && first.availability.from == LocalDate(iso: "2026-11-30"))
        let second = try await f.harness.services.outpatients.referrals.referral(id: result.referralIDs[1], by: f.booker)
        #expect(!second.consultantLed && second.availability.weekdays.isEmpty)
        #expect(try f.harness.count("audit_log", where: "action = 'referral.import' AND detail = 'rows=2'") == 1)
        #expect(try f.harness.count("audit_log", where: "action = 'referral.create' AND detail LIKE '%source=csv'") == 2)
    }

    @Test("a UBRN column is stored; one repeated in the file or already on a referral is named by row, and nothing is stored")
    func importUBRN() async throws {
        let f = try await OutpatientFixture(patients: 2)
        let good = "nhs_number,specialty_code,referrer,priority,received,ubrn\r\n"
            + "\(NHSNumberTestRange.number(0)),320,Dr Gray,routine,2026-11-20,0002 0000 0001\r\n"
            + "\(NHSNumberTestRange.number(1)),320,Dr Gray,routine,2026-11-20,\r\n"
        let result = try await f.harness.services.outpatients.referrals.importCSV(good, by: f.booker)
        #expect(try await f.harness.services.outpatients.referrals.referral(id: result.referralIDs[0], by: f.booker).ubrn?.digits == "000200000001")
        let before = try f.harness.count("referrals")
        let bad = "nhs_number,specialty_code,referrer,priority,received,ubrn\r\n"
            + "\(NHSNumberTestRange.number(0)),320,Dr Gray,routine,2026-11-20,0002-0000-0001\r\n"
            + "\(NHSNumberTestRange.number(1)),320,Dr Gray,routine,2026-11-20,000200000002\r\n"
            + "\(NHSNumberTestRange.number(1)),320,Dr Gray,urgent,2026-11-20,0002 0000 0002\r\n"
            + "\(NHSNumberTestRange.number(1)),320,Dr Gray,urgent,2026-11-20,12345\r\n"
        do {
            _ = try await f.harness.services.outpatients.referrals.importCSV(bad, by: f.booker)
            Issue.record("expected invalid input")
        } catch ServiceError.invalid(let issues) {
            #expect(issues.map(\.path) == ["rows[1].ubrn", "rows[3].ubrn", "rows[4].ubrn"])
            #expect(issues[0].message == "row 1: ubrn is already on another referral.")
            #expect(issues[1].message == "row 3: ubrn is the same as row 2's; each e-Referral has its own.")
        }
        #expect(try f.harness.count("referrals") == before)
    }

    @Test("every problem is named by row and column, no NHS number is echoed, and nothing is stored")
    func importInvalid() async throws {
        let f = try await OutpatientFixture(patients: 1)
        let unknownPatient = NHSNumberTestRange.number(7)
        let csv = """
            nhs_number,specialty_code,referrer,priority,received,available_weekdays
            \(NHSNumberTestRange.number(0)),320,Dr Gray,soon,2026-13-01,1;9
            \(unknownPatient),999,,routine,2026-11-01,
            123,320,Dr Gray,routine,2026-11-01,mon
            """
        let before = try (f.harness.count("referrals"), f.harness.count("audit_log"))
        do {
            _ = try await f.harness.services.outpatients.referrals.importCSV(csv, by: f.booker)
            Issue.record("expected invalid input")
        } catch ServiceError.invalid(let issues) {
            let paths = Set(issues.map(\.path))
            #expect(paths.isSuperset(of: ["rows[1].priority", "rows[1].received", "rows[2].nhs_number", "rows[2].specialty_code", "rows[2].referrer",
                                          "rows[3].nhs_number", "rows[3].available_weekdays"]))
            #expect(issues.allSatisfy { $0.message.hasPrefix("row ") })
            #expect(!issues.contains { $0.message.contains(unknownPatient) })
        }
        #expect(try (f.harness.count("referrals"), f.harness.count("audit_log")) == before)
    }

    @Test("a header without a required column, with an unknown one, or a file without rows is refused")
    func importHeader() async throws {
        let f = try await OutpatientFixture(patients: 0)
        for (csv, code) in [("nhs_number,specialty_code,referrer,priority\n1,2,3,4\n", "column.missing"),
                            ("nhs_number,specialty_code,referrer,priority,received,postcode\n", "column.unknown"),
                            ("nhs_number,specialty_code,referrer,priority,received\n", "csv.noRows"), ("  \n", "csv.empty")] {
            do {
                _ = try await f.harness.services.outpatients.referrals.importCSV(csv, by: f.booker)
                Issue.record("expected invalid input for \(code)")
            } catch ServiceError.invalid(let issues) {
                #expect(issues.map(\.code).contains(code), "\(issues)")
            }
        }
        await #expect(throws: ServiceError.self) { _ = try await f.harness.services.outpatients.referrals.importCSV("x", by: f.clinician) }
    }

    @Test("the tracking list exports as CSV in list order with NHS numbers, filtered, audited")
    func export() async throws {
        let f = try await OutpatientFixture(patients: 3)
        let csv = try await f.harness.services.outpatients.referrals.trackingListCSV(by: f.booker)
        let lines = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix("referral_id,nhs_number,patient_id,specialty_code,specialty,priority"))
        let list = try await f.harness.services.outpatients.referrals.trackingList(by: f.booker)
        #expect(lines.dropFirst().map { String($0.split(separator: ",")[0]) } == list.entries.map(\.referralID.rawValue))
        #expect(lines[1].contains(",320,Cardiology,routine,2026-09-01,"))
        #expect(Set(lines.dropFirst().map { String($0.split(separator: ",")[1]) }) == Set((0..<3).map { NHSNumberTestRange.number($0) }))
        let none = try await f.harness.services.outpatients.referrals.trackingListCSV(.init(priority: .urgent), by: f.booker)
        #expect(none.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 1)
        #expect(try f.harness.count("audit_log", where: "action = 'tracking-list.export'") == 2)
    }

    @Test("exported fields are quoted and cannot start a spreadsheet formula")
    func quoting() {
        #expect(ReferralService.csvField("plain") == "plain")
        #expect(ReferralService.csvField("Dr Gray, A81001") == "\"Dr Gray, A81001\"")
        #expect(ReferralService.csvField("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(ReferralService.csvField("=HYPERLINK(1)") == "'=HYPERLINK(1)")
    }
}
