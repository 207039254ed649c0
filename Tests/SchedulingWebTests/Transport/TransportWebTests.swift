import Foundation
import HTTPTypes
import HummingbirdTesting
import SchedulingDomain
import SchedulingServices
import SchedulingTestSupport
import Testing
@testable import SchedulingWeb

/// The transport routes through the real application: the plan job's API (202 and Location,
/// progress, commit, 409), the office's pages, and a crew member who sees only their own run sheet.
/// Today is Sunday 2026-11-22; the day is Tuesday 2026-12-08.
@Suite("Transport API and pages")
struct TransportWebTests {
    static let date = "2026-12-08"
    static let hospital = Coordinates(latitude: 53.4627, longitude: -2.2251)
    static let base = Coordinates(latitude: 53.4713, longitude: -2.2130)

    struct Day {
        let kit: WebTestKit
        let plannerToken: String
        let crewToken: String
        let crewSession: String
        let crewCSRF: String
        let mine: VehicleShift
        let theirs: VehicleShift

        init() async throws {
            kit = try WebTestKit()
            let (planner, token) = try await kit.harness.user("planner", role: .transportPlanner)
            plannerToken = token
            let session = try await kit.session(role: .crew, username: "crew-a")
            crewSession = session.cookie
            crewCSRF = session.csrf
            crewToken = try await kit.services.shared.accounts.issueToken(for: "crew-a", name: "test", by: TestHarness.system).secret
            let (other, _) = try await kit.harness.user("crew-b", role: .crew)
            let crewA = try await kit.services.shared.environment.store.read { try await $0.users.find(username: "crew-a")!.0 }
            let caller = Caller(principal: Principal(user: planner))
            let bookings = kit.services.transport.bookings
            func shift(_ name: String, _ crew: UserAccount.ID) async throws -> VehicleShift {
                try await bookings.addShift(ShiftInput(date: TransportWebTests.date, vehicleName: name, seats: 3, wheelchairSpaces: 1, crewSize: 1, base: TransportWebTests.base,
                                                       start: "08:00", end: "16:00", breakEarliest: "11:30", breakLatest: "13:30", breakMinutes: 30,
                                                       crewUserIDs: [crew.rawValue]), by: caller)
            }
            mine = try await shift("Van 7", crewA.id)
            theirs = try await shift("Van 9", other.id)
            let patient = try await kit.services.shared.patients.register(TestHarness.patientInput(), by: TestHarness.system)
            try await kit.services.shared.environment.store.write { session in
                try await session.organisation.insert(ClinicLocation(id: "loc_mri", name: "Manchester Royal Infirmary", address: Address(
                    lines: ["Oxford Road"], town: "Manchester", postcode: "M13 9WL", coordinates: TransportWebTests.hospital)))
            }
            _ = try await bookings.book(JourneyInput(patientID: patient.id.rawValue, date: TransportWebTests.date, direction: "both", time: "10:30", returnTime: "12:15",
                                                     destination: TransportWebTests.hospital, mobility: "wheelchair"), by: caller)
        }

        /// Stores `plan` as the day's committed plan (version 1), as if a planner had committed it.
        func commit(_ plan: TransportPlan) async throws {
            _ = try await kit.services.shared.environment.store.write { s in
                try await s.transportPlans.save(.init(plan: plan, version: 1, basis: "test", jobID: "job_test", committedAt: Date(timeIntervalSince1970: 1_795_341_600),
                                                      committedBy: "usr_test"), replacing: nil)
            }
        }

        /// Runs the job workers until `job` has finished.
        func finish(_ job: String) async throws {
            let jobs = kit.services.shared.jobs
            let workers = SolveJobWorkers(kit.services.shared.environment, jobs: jobs, poll: .milliseconds(10), tick: .milliseconds(50))
            try await runService(workers) { try await jobs.job(id: .init(job), by: TestHarness.system).status.isFinal }
        }
    }

    @Test("a plan job answers 202 with its Location, reports progress, gives the proposal, commits once; a second commit is 409")
    func planJobAPI() async throws {
        let day = try await Day()
        try await day.kit.run { client in
            let started = try await client.json("/api/v1/transport/plan-jobs", .post, token: day.plannerToken, body: #"{"date":"\#(Self.date)","timeLimitSeconds":1}"#)
            #expect(started.status == .accepted)
            let location = try #require(started.headers[.location])
            #expect(location.hasPrefix("/api/v1/transport/plan-jobs/job_"))
            let id = String(location.split(separator: "/").last!)
            try await day.finish(id)
            let done = try await client.json(location, token: day.plannerToken)
            let job = try #require(try JSONSerialization.jsonObject(with: Data(done.text.utf8)) as? [String: Any])
            let result = try #require(job["result"] as? [String: Any])
            #expect(job["status"] as? String == "succeeded" && result["checked"] as? Bool == true)
            #expect((result["plan"] as? [String: Any])?["runs"] as? [Any] != nil)
            let commit = try await client.json("\(location)/commit", .post, token: day.plannerToken)
            #expect(commit.status == .ok, "\(commit.text)")
            #expect(try await client.json("\(location)/commit", .post, token: day.plannerToken).status == .conflict)
            let plan = try await client.json("/api/v1/transport/plans/\(Self.date)", token: day.plannerToken)
            #expect(plan.status == .ok && plan.text.contains("\"kpis\"") && plan.text.contains("\"version\":1"))
            // Bad input names the field; a crew member may not plan.
            let bad = try await client.json("/api/v1/transport/plan-jobs", .post, token: day.plannerToken, body: #"{"date":"tomorrow","timeLimitSeconds":500}"#)
            #expect(bad.status == .unprocessableContent && bad.text.contains("timeLimitSeconds") && bad.text.contains("\"date\""))
            #expect(try await client.json("/api/v1/transport/plan-jobs", .post, token: day.crewToken, body: #"{"date":"\#(Self.date)"}"#).status == .forbidden)
            #expect(try await client.json("/api/v1/transport/plans/2026-12-09", token: day.plannerToken).status == .notFound)
        }
    }

    @Test("a crew member reads only their own run sheet, through the API and on the page")
    func crewSeesOwnRunSheet() async throws {
        let day = try await Day()
        try await day.kit.run { client in
            let own = try await client.json("/api/v1/transport/run-sheets?date=\(Self.date)", token: day.crewToken)
            #expect(own.status == .ok && own.text.contains("Van 7") && !own.text.contains("Van 9"))
            #expect(try await client.json("/api/v1/transport/run-sheets/\(day.mine.id.rawValue)", token: day.crewToken).status == .ok)
            #expect(try await client.json("/api/v1/transport/run-sheets/\(day.theirs.id.rawValue)", token: day.crewToken).status == .notFound)
            #expect(try await client.json("/api/v1/transport/journeys?date=\(Self.date)", token: day.crewToken).status == .forbidden)
            let page = try await client.page("/transport/run-sheet?date=\(Self.date)", cookie: day.crewSession)
            #expect(page.status == .ok && page.text.contains("Van 7") && !page.text.contains("Van 9"))
            #expect(try await client.page("/transport/day?date=\(Self.date)", cookie: day.crewSession).status == .forbidden)
        }
    }

    @Test("the day board names vehicles and patients; the booking form keeps what was typed and puts each error beside its field")
    func pages() async throws {
        let day = try await Day()
        let session = try await day.kit.session(role: .transportPlanner)
        try await day.kit.run { client in
            let board = try await client.page("/transport/day?date=\(Self.date)", cookie: session.cookie)
            #expect(board.status == .ok && board.text.contains("Van 7") && board.text.contains("Test Patient") && board.text.contains("Tue 8 Dec 2026"))
            #expect(!board.text.contains("shf_") || board.text.contains("value=\"shf_"))
            let form = try await client.page("/transport/journeys", .post, cookie: session.cookie, form: [
                "_csrf": session.csrf, "nhsNumber": "123", "date": Self.date, "direction": "both", "time": "10:30", "returnTime": "", "mobility": "stretcher", "escorts": "0",
            ])
            #expect(form.status == .unprocessableContent)
            #expect(form.text.contains("NHS number must be 10 digits") && form.text.contains("value=\"123\"") && form.text.contains("value=\"10:30\""))
            // The other fields are judged too: no hospital chosen, no return time for there and back.
            #expect(form.text.contains("Choose the hospital.</p>") && form.text.contains("Enter when the patient will be ready to go home.</p>"))
        }
    }

    @Test("bases through the API: office reads, a manager sets, crew refused; the board names a shift's base; the route map labels it")
    func bases() async throws {
        let day = try await Day()
        let (_, managerToken) = try await day.kit.harness.user("mgr", role: .transportManager)
        try await day.kit.run { client in
            let body = #"[{"id":"ardwick","name":"Ardwick station","location":{"latitude":53.4713,"longitude":-2.213}}]"#
            #expect(try await client.json("/api/v1/transport/bases", .put, token: day.plannerToken, body: body).status == .forbidden)
            #expect(try await client.json("/api/v1/transport/bases", .put, token: managerToken, body: body).status == .ok)
            let bad = try await client.json("/api/v1/transport/bases", .put, token: managerToken, body: #"[{"id":"x","name":"","location":{"latitude":1,"longitude":2}}]"#)
            #expect(bad.status == .unprocessableContent && bad.text.contains("[0].name"))
            #expect(try await client.json("/api/v1/transport/bases", token: day.plannerToken).text.contains("Ardwick station"))
            #expect(try await client.json("/api/v1/transport/bases", token: day.crewToken).status == .forbidden)
            let shift = #"{"date":"\#(Self.date)","vehicleName":"Van 12","seats":4,"crewSize":1,"baseID":"ardwick","start":"07:00","end":"15:00"}"#
            #expect(try await client.json("/api/v1/transport/shifts", .post, token: day.plannerToken, body: shift).status == .created)
            let planner = try await day.kit.session(role: .transportPlanner, username: "planner2")
            let board = try await client.page("/transport/day?date=\(Self.date)", cookie: planner.cookie)
            #expect(board.text.contains("<td data-label=\"Base\">Ardwick station</td>"))
        }
        // The route map labels a base it knows by name, and titles the others "Base".
        let ardwick = Coordinates(latitude: 53.4713, longitude: -2.213), eccles = Coordinates(latitude: 53.483, longitude: -2.334)
        let map = TransportCharts.map([("Van 12", ardwick, [Self.hospital]), ("Van 14", eccles, [Self.hospital])], title: "Routes",
                                      baseNames: [ardwick: "Ardwick station"])
        #expect(map.contains("<title>Ardwick station</title>") && map.contains(">Ardwick station</text>") && map.contains("<title>Base</title>"))
    }

    @Test("the run sheet page, golden")
    func runSheetGolden() async throws {
        let day = try await Day()
        let store = day.kit.services.shared.environment.store
        let journeys = try await store.read { try await $0.transportJourneys.journeys(on: LocalDate(iso: Self.date)!) }
        let there = journeys[0].id, home = journeys[1].id
        let plan = TransportPlan(date: LocalDate(iso: Self.date)!, runs: [
            .init(shiftID: day.mine.id, departure: 8 * 3600 + 1800, back: 13 * 3600 + 600, stops: [
                .init(journeyID: there, kind: .pickup, arrival: 9 * 3600 + 1200, start: 9 * 3600 + 1200),
                .init(journeyID: there, kind: .dropOff, arrival: 9 * 3600 + 2700, start: 9 * 3600 + 2700),
                .init(journeyID: home, kind: .pickup, arrival: 12 * 3600 + 900, start: 12 * 3600 + 900),
                .init(journeyID: home, kind: .dropOff, arrival: 12 * 3600 + 2400, start: 12 * 3600 + 2400),
            ], breakAfterStops: 2, breakStart: 11 * 3600 + 1800, metres: 21_400),
        ], unplanned: [])
        try await day.commit(plan)
        try await day.kit.run { client in
            let page = try await client.page("/transport/run-sheet?date=\(Self.date)", cookie: day.crewSession)
            #expect(page.text.contains("Pick up") && page.text.contains("1 Test Street, Manchester, M13 9WL"))
            try GoldenPageTests.compare(page.text, golden: "transport-run-sheet.html")
            // The same run as an iCalendar feed: an event per stop, lines folded at 75 octets, CRLF.
            let feed = try await client.json("/api/v1/transport/run-sheets/\(day.mine.id.rawValue)/calendar", token: day.crewToken)
            #expect(feed.status == .ok && feed.headers[.contentType]?.hasPrefix("text/calendar") == true)
            let lines = feed.text.components(separatedBy: "\r\n")
            #expect(lines.first == "BEGIN:VCALENDAR" && lines.filter { $0 == "BEGIN:VEVENT" }.count == 4 && lines.allSatisfy { $0.utf8.count <= 75 })
            #expect(feed.text.contains("DTSTART:20261208T092000Z") && feed.text.contains("SUMMARY:Pick up Test Patient (wheelchair)"))
            #expect(try await client.json("/api/v1/transport/run-sheets/\(day.theirs.id.rawValue)/calendar", token: day.crewToken).status == .notFound)
        }
    }

    @Test("a planner cannot commit a plan with third-party journeys until a transport manager authorises them from the page")
    func thirdPartyPages() async throws {
        let day = try await Day()
        let services = day.kit.services
        let (m, _) = try await day.kit.harness.user("max", role: .transportManager)
        _ = try await services.transport.plans.setProviders([ThirdPartyProvider(id: "taxis", name: "Northway Taxis", prices: [.wheelchair: 4_000], dailyLimit: 5)],
                                                             by: Caller(principal: Principal(user: m)))
        // One more journey than the two vans can carry at once: an 08:05 appointment no van can reach.
        let patient = try await services.shared.patients.register(TestHarness.patientInput(nhsNumber: "9990000026"), by: TestHarness.system)
        try await services.shared.environment.store.write { s in
            try await s.transportJourneys.insert(TransportJourney(id: "jny_early", patientID: patient.id, date: LocalDate(iso: Self.date)!, direction: .toAppointment,
                                                                  time: LocalTime(iso: "08:05")!, pickup: Coordinates(latitude: 53.40, longitude: -2.30),
                                                                  destination: Self.hospital, mobility: .wheelchair))
        }
        let planner = try await day.kit.session(role: .transportPlanner)
        let manager = try await day.kit.session(role: .transportManager)
        try await day.kit.run { client in
            let started = try await client.json("/api/v1/transport/plan-jobs", .post, token: day.plannerToken, body: #"{"date":"\#(Self.date)","timeLimitSeconds":1}"#)
            let id = String(try #require(started.headers[.location]).split(separator: "/").last!)
            try await day.finish(id)
            let waiting = try await client.page("/transport/plan-jobs/\(id)", cookie: planner.cookie)
            #expect(waiting.text.contains("Northway Taxis collects at ") && waiting.text.contains(", £40.00")
                && waiting.text.contains("By third parties") && waiting.text.contains("1 journey, £40.00") && waiting.text.contains("must authorise") && !waiting.text.contains("commit-button")
                && !waiting.text.contains("authorise-button"))
            #expect(try await client.json("/api/v1/transport/plan-jobs/\(id)/commit", .post, token: day.plannerToken).status == .conflict)
            #expect(try await client.page("/transport/plan-jobs/\(id)/authorisation", .post, cookie: planner.cookie, form: ["_csrf": planner.csrf]).status == .forbidden)
            let queue = try await client.page("/transport/authorisations", cookie: manager.cookie)
            #expect(queue.text.contains("/transport/plan-jobs/\(id)") && queue.text.contains("£40.00"))
            let done = try await client.page("/transport/plan-jobs/\(id)/authorisation", .post, cookie: manager.cookie, form: ["_csrf": manager.csrf])
            #expect(done.status == .seeOther)
            let ready = try await client.page("/transport/plan-jobs/\(id)", cookie: planner.cookie)
            #expect(ready.text.contains("commit-button") && ready.text.contains("Authorised."))
            #expect(try await client.json("/api/v1/transport/plan-jobs/\(id)/commit", .post, token: day.plannerToken).status == .ok)
        }
    }

    @Test("the confirmation call list shows phones; a call's outcome is recorded from the page")
    func callList() async throws {
        let day = try await Day()
        let session = try await day.kit.session(role: .transportPlanner)
        let journeys = try await day.kit.services.shared.environment.store.read { try await $0.transportJourneys.journeys(on: LocalDate(iso: Self.date)!) }
        try await day.kit.run { client in
            let page = try await client.page("/transport/calls?date=\(Self.date)", cookie: session.cookie)
            #expect(page.status == .ok && page.text.contains("07700 900123") && page.text.contains("2 still to confirm"))
            let done = try await client.page("/transport/calls/journeys/\(journeys[0].id.rawValue)", .post, cookie: session.cookie,
                                             form: ["_csrf": session.csrf, "outcome": "confirmed", "date": Self.date])
            #expect(done.status == .seeOther)
            let after = try await client.page("/transport/calls?date=\(Self.date)", cookie: session.cookie)
            #expect(after.text.contains("1 still to confirm") && after.text.contains("1 call, last: confirmed"))
            let api = try await client.json("/api/v1/transport/journeys/\(journeys[1].id.rawValue)/confirmation-calls", .post, token: day.plannerToken,
                                            body: #"{"outcome":"no-answer"}"#)
            #expect(api.status == .ok && api.text.contains("\"attempts\":1"))
        }
    }

    @Test("the clinic list of a site, golden, and as CSV; a crew member may not read it")
    func clinicList() async throws {
        let day = try await Day()
        let store = day.kit.services.shared.environment.store
        let journeys = try await store.read { try await $0.transportJourneys.journeys(on: LocalDate(iso: Self.date)!) }
        let plan = TransportPlan(date: LocalDate(iso: Self.date)!, runs: [
            .init(shiftID: day.mine.id, departure: 8 * 3600, back: 13 * 3600, stops: [
                .init(journeyID: journeys[0].id, kind: .pickup, arrival: 9 * 3600 + 1200, start: 9 * 3600 + 1200),
                .init(journeyID: journeys[0].id, kind: .dropOff, arrival: 9 * 3600 + 2700, start: 9 * 3600 + 2700),
            ], metres: 9_000),
        ], unplanned: [.init(journeyID: journeys[1].id, code: "noRoom", explanation: "No room.", plannableAlone: true)])
        try await day.commit(plan)
        let session = try await day.kit.session(role: .transportPlanner, username: "golden-planner")
        try await day.kit.run { client in
            let page = try await client.page("/transport/clinic-list?date=\(Self.date)&siteId=loc_mri", cookie: session.cookie)
            #expect(page.status == .ok && page.text.contains("09:45") && page.text.contains("Not planned"))
            try GoldenPageTests.compare(page.text, golden: "transport-clinic-list.html")
            let csv = try await client.page("/transport/clinic-list.csv?date=\(Self.date)&siteId=loc_mri", cookie: session.cookie)
            #expect(csv.status == .ok && csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(csv.text == "direction,appointment_or_ready,planned,actual,patient,nhs_number,mobility,escorts,vehicle,status\r\n"
                + "arriving,10:30,09:45,,Test Patient,999 000 0018,wheelchair,0,Van 7,booked\r\n"
                + "going home,12:15,,,Test Patient,999 000 0018,wheelchair,0,,booked\r\n")
            #expect(try await client.page("/transport/clinic-list?date=\(Self.date)&siteId=loc_none", cookie: session.cookie).status == .notFound)
            #expect(try await client.page("/transport/clinic-list?siteId=loc_mri", cookie: day.crewSession).status == .forbidden)
            // Sent to the site through the outbox, from the page and by the API; the crew may not.
            let sent = try await client.page("/transport/clinic-list/send", .post, cookie: session.cookie,
                                             form: ["_csrf": session.csrf, "siteId": "loc_mri", "date": Self.date])
            #expect(sent.status == .seeOther && sent.headers[.location] == "/transport/clinic-list?siteId=loc_mri&date=\(Self.date)&sent=1")
            let after = try await client.page(try #require(sent.headers[.location]), cookie: session.cookie)
            #expect(after.text.contains("Queued for Manchester Royal Infirmary"))
            let api = try await client.json("/api/v1/transport/clinic-lists/loc_mri/messages?date=\(Self.date)", .post, token: day.plannerToken)
            #expect(api.status == .accepted && api.text.contains("\"recipient\":\"site\"") && api.text.contains("\"siteID\":\"loc_mri\"") && !api.text.contains("patientID"))
            #expect(try await client.json("/api/v1/transport/clinic-lists/loc_none/messages", .post, token: day.plannerToken).status == .notFound)
            #expect(try await client.page("/transport/clinic-list/send", .post, cookie: day.crewSession,
                                          form: ["_csrf": day.crewCSRF, "siteId": "loc_mri", "date": Self.date]).status == .forbidden)
            let queued = try await store.read { try await $0.outbox.messages(.init(kind: .clinicList), limit: 10, offset: 0) }
            #expect(queued.count == 2 && queued.allSatisfy { $0.siteID == "loc_mri" && $0.patientID == nil && $0.body.contains("Test Patient") })
            // The office's list of messages names it by its subject.
            let booking = try await day.kit.session(role: .bookingCoordinator, username: "messages-reader")
            let messages = try await client.page("/outpatients/messages?status=queued", cookie: booking.cookie)
            #expect(messages.status == .ok && messages.text.contains("<td>Clinic list: Manchester Royal Infirmary, Tuesday 8 December 2026 <span"))
            // The board: a journey left out that a vehicle could take alone has no warning tag; no empty escorts.
            let board = try await client.page("/transport/day?date=\(Self.date)", cookie: session.cookie)
            #expect(board.text.contains("No room.") && !board.text.contains("<span class=\"tag tag-red\"></span>") && !board.text.contains("Wheelchair,"))
        }
    }

    @Test("the crew records a pickup from the run sheet; aborting without a note keeps the form open with the error")
    func crewRecordsFromThePage() async throws {
        let day = try await Day()
        let store = day.kit.services.shared.environment.store
        let journeys = try await store.read { try await $0.transportJourneys.journeys(on: LocalDate(iso: Self.date)!) }
        let plan = TransportPlan(date: LocalDate(iso: Self.date)!, runs: [
            .init(shiftID: day.mine.id, departure: 8 * 3600, back: 13 * 3600, stops: [
                .init(journeyID: journeys[0].id, kind: .pickup, arrival: 9 * 3600, start: 9 * 3600),
                .init(journeyID: journeys[0].id, kind: .dropOff, arrival: 9 * 3600 + 1800, start: 9 * 3600 + 1800),
            ], metres: 9_000),
        ], unplanned: [])
        try await day.commit(plan)
        let csrf = day.crewCSRF
        try await day.kit.run { client in
            let id = journeys[0].id.rawValue
            let refused = try await client.page("/transport/run-sheet/journeys/\(id)/events", .post, cookie: day.crewSession,
                                                form: ["_csrf": csrf, "event": "aborted", "note": "", "date": Self.date])
            #expect(refused.status == .unprocessableContent && refused.text.contains("<details open>") && refused.text.contains("incident note"))
            let picked = try await client.page("/transport/run-sheet/journeys/\(id)/events", .post, cookie: day.crewSession,
                                               form: ["_csrf": csrf, "event": "picked-up", "date": Self.date])
            #expect(picked.status == .seeOther)
            let sheet = try await client.page("/transport/run-sheet?date=\(Self.date)", cookie: day.crewSession)
            #expect(sheet.text.contains("Recorded: picked up") && sheet.text.contains(">Delivered</button>"))
        }
    }
}
