import Foundation
import HTTPTypes
import HummingbirdTesting
import SchedulingDomain
import SchedulingServices
import SchedulingTestSupport
import Testing
@testable import SchedulingWeb

/// Hand edits through the real application: the API's edit jobs, and the "Move a journey" form
/// on the day board that shows the new times and each rule broken, in words, before a commit.
@Suite("Transport hand edits through the API and pages")
struct TransportEditWebTests {
    typealias Day = TransportWebTests.Day
    static let date = TransportWebTests.date

    /// Plans and commits the day through the API; answers the committed plan.
    static func committed(_ day: Day, _ client: some TestClientProtocol) async throws -> TransportPlan {
        let started = try await client.json("/api/v1/transport/plan-jobs", .post, token: day.plannerToken, body: #"{"date":"\#(date)","timeLimitSeconds":1}"#)
        let location = try #require(started.headers[.location])
        try await day.finish(String(location.split(separator: "/").last!))
        #expect(try await client.json("\(location)/commit", .post, token: day.plannerToken).status == .ok)
        return try #require(try await day.kit.services.shared.environment.store.read { try await $0.transportPlans.committed(on: LocalDate(iso: date)!, cluster: "main") }).plan
    }

    @Test("an edit job through the API moves a journey to the other van and reports the rules it breaks")
    func editAPI() async throws {
        let day = try await Day()
        try await day.kit.run { client in
            let plan = try await Self.committed(day, client)
            let run = try #require(plan.runs.first)
            let other = run.shiftID == day.mine.id ? day.theirs : day.mine
            let journey = run.stops[0].journeyID.rawValue
            let body = #"{"date":"\#(Self.date)","edit":{"moves":[{"journeyID":"\#(journey)","shiftID":"\#(other.id.rawValue)"}]}}"#
            let started = try await client.json("/api/v1/transport/plan-jobs", .post, token: day.plannerToken, body: body)
            #expect(started.status == .accepted, "\(started.text)")
            let location = try #require(started.headers[.location])
            try await day.finish(String(location.split(separator: "/").last!))
            let done = try await client.json(location, token: day.plannerToken)
            let result = try #require((try JSONSerialization.jsonObject(with: Data(done.text.utf8)) as? [String: Any])?["result"] as? [String: Any])
            let edit = try #require(result["edit"] as? [String: Any])
            #expect(edit["fromVersion"] as? Int == 1 && (edit["findings"] as? [Any]) != nil && result["basedOnVersion"] as? Int == 1)
            let bad = try await client.json("/api/v1/transport/plan-jobs", .post, token: day.plannerToken,
                                            body: #"{"date":"\#(Self.date)","edit":{"moves":[{"journeyID":"nope","shiftID":"\#(other.id.rawValue)","pickupAt":0}]}}"#)
            #expect(bad.status == .unprocessableContent && bad.text.contains("edit.moves[0].pickupAt must be a stop number between 1 and 500"))
            let unknown = try await client.json("/api/v1/transport/plan-jobs", .post, token: day.plannerToken,
                                                body: #"{"date":"\#(Self.date)","edit":{"moves":[{"journeyID":"nope","shiftID":null}]}}"#)
            #expect(unknown.status == .unprocessableContent && unknown.text.contains("edit.moves[0].journeyID names journey nope"), "\(unknown.text)")
            #expect(try await client.json("/api/v1/transport/plan-jobs", .post, token: day.crewToken, body: body).status == .forbidden)
        }
    }

    @Test("the day board's form: a bad stop number stays beside its field; a move that makes a patient late is shown in words and cannot be committed")
    func editFromTheBoard() async throws {
        let day = try await Day()
        let session = try await day.kit.session(role: .transportPlanner)
        try await day.kit.run { client in
            let plan = try await Self.committed(day, client)
            let board = try await client.page("/transport/day?date=\(Self.date)", cookie: session.cookie)
            #expect(board.text.contains("Move a journey by hand") && board.text.contains("10:30 to the appointment: Test Patient"))
            let run = try #require(plan.runs.first { $0.stops.count == 4 })
            let other = run.shiftID == day.mine.id ? day.theirs : day.mine
            let outbound = run.stops[0].journeyID.rawValue, home = run.stops[3].journeyID.rawValue
            let typo = try await client.page("/transport/day/edits", .post, cookie: session.cookie, form: [
                "_csrf": session.csrf, "date": Self.date, "journeyId": outbound, "shiftId": other.id.rawValue, "pickupStop": "two", "dropOffStop": "",
            ])
            #expect(typo.status == .unprocessableContent && typo.text.contains("Pickup stop must be a whole number") && typo.text.contains("value=\"two\""))
            let noVehicle = try await client.page("/transport/day/edits", .post, cookie: session.cookie, form: [
                "_csrf": session.csrf, "date": Self.date, "journeyId": outbound, "shiftId": "", "pickupStop": "", "dropOffStop": "",
            ])
            #expect(noVehicle.status == .unprocessableContent && noVehicle.text.contains("Choose the vehicle to put it on, or to leave it out of the plan."))
            // The journey home to the other van first, then the journey there after it.
            let first = try await client.page("/transport/day/edits", .post, cookie: session.cookie, form: [
                "_csrf": session.csrf, "date": Self.date, "journeyId": home, "shiftId": other.id.rawValue, "pickupStop": "", "dropOffStop": "",
            ])
            #expect(first.status == .seeOther)
            let firstJob = String(try #require(first.headers[.location]).split(separator: "/").last!)
            try await day.finish(firstJob)
            let late = try await client.page("/transport/plan-jobs/\(firstJob)/edits", .post, cookie: session.cookie, form: [
                "_csrf": session.csrf, "date": Self.date, "journeyId": outbound, "shiftId": other.id.rawValue, "pickupStop": "3", "dropOffStop": "4",
            ])
            #expect(late.status == .seeOther, "\(late.text)")
            let job = String(try #require(late.headers[.location]).split(separator: "/").last!)
            try await day.finish(job)
            let page = try await client.page("/transport/plan-jobs/\(job)", cookie: session.cookie)
            #expect(page.text.contains("This edit breaks a rule") && page.text.contains("Test Patient&#39;s drop-off misses the time the contract allows by"), "\(page.text)")
            #expect(page.text.contains("Edited by hand from the plan proposed by job \(firstJob)") && !page.text.contains("commit-button"))
            let crew = try await client.page("/transport/day/edits", .post, cookie: day.crewSession, form: ["_csrf": day.crewCSRF, "date": Self.date, "journeyId": outbound])
            #expect(crew.status == .forbidden)
        }
    }

    @Test("the board records a patient ready late, then says the day differs from its plan; a wrong time stays beside its field")
    func readyTimeFromTheBoard() async throws {
        let day = try await Day()
        let session = try await day.kit.session(role: .transportPlanner)
        try await day.kit.run { client in
            let plan = try await Self.committed(day, client)
            let journeys = try await day.kit.services.transport.bookings.journeys(on: LocalDate(iso: Self.date)!, by: TestHarness.system)
            let home = try #require(journeys.first { $0.direction == .home })
            #expect(plan.pickups[home.id] != nil)
            let before = try await client.page("/transport/day?date=\(Self.date)", cookie: session.cookie)
            #expect(before.text.contains("id=\"ready-form\"") && before.text.contains("Test Patient, ready 12:15") && !before.text.contains("id=\"day-changed\""))
            let wrong = try await client.page("/transport/day/ready-times", .post, cookie: session.cookie,
                                              form: ["_csrf": session.csrf, "date": Self.date, "journeyId": home.id.rawValue, "time": "quarter past"])
            #expect(wrong.status == .unprocessableContent && wrong.text.contains("value=\"quarter past\""), "\(wrong.text)")
            let done = try await client.page("/transport/day/ready-times", .post, cookie: session.cookie,
                                             form: ["_csrf": session.csrf, "date": Self.date, "journeyId": home.id.rawValue, "time": "13:40"])
            #expect(done.status == .seeOther)
            let after = try await client.page("/transport/day?date=\(Self.date)", cookie: session.cookie)
            #expect(after.text.contains("id=\"day-changed\"") && after.text.contains("Test Patient, ready 13:40"))
        }
    }

    @Test("the map shows one vehicle's route with its stops numbered as the hand-edit form counts them")
    func oneVehicleOnTheMap() async throws {
        let day = try await Day()
        let session = try await day.kit.session(role: .transportPlanner)
        try await day.kit.run { client in
            let plan = try await Self.committed(day, client)
            let run = try #require(plan.runs.first)
            let name = run.shiftID == day.mine.id ? "Van 7" : "Van 9"
            let all = try await client.page("/transport/day?date=\(Self.date)", cookie: session.cookie)
            #expect(all.text.contains("id=\"map-form\"") && all.text.contains("<title id=\"map-title\">Routes, Plan for"))
            let one = try await client.page("/transport/day?date=\(Self.date)&vehicle=\(run.shiftID.rawValue)", cookie: session.cookie)
            #expect(one.text.contains("<title id=\"map-title\">\(name)&#39;s route") || one.text.contains("<title id=\"map-title\">\(name)'s route"), "\(one.text)")
            #expect(one.text.contains(">1</text>") || one.text.contains(">1, "), "stops are numbered")
            let unknown = try await client.page("/transport/day?date=\(Self.date)&vehicle=nope", cookie: session.cookie)
            #expect(unknown.status == .ok && unknown.text.contains("Routes, Plan for"))
        }
    }

    @Test("the run sheet is live: its stamp changes when a re-plan is committed, the page carries it, the script is served; only run-sheet readers ask")
    func liveRunSheet() async throws {
        let day = try await Day()
        try await day.kit.run { client in
            func stamp() async throws -> String {
                let answer = try await client.page("/transport/run-sheet/stamp?date=\(Self.date)", cookie: day.crewSession)
                let body = try #require(try JSONSerialization.jsonObject(with: Data(answer.text.utf8)) as? [String: String])
                return try #require(body["stamp"])
            }
            let before = try await stamp()
            #expect(try await stamp() == before, "the same sheets give the same stamp")
            _ = try await Self.committed(day, client)
            let after = try await stamp()
            #expect(after != before)
            let page = try await client.page("/transport/run-sheet?date=\(Self.date)", cookie: day.crewSession)
            #expect(page.text.contains("data-live-stamp=\"\(after)\"") && page.text.contains("<script src=\"/static/run-sheet.js\" defer></script>"))
            let script = try await client.execute(uri: "/static/run-sheet.js", method: .get)
            #expect(script.status == .ok && (script.headers[.contentType] ?? "").contains("javascript") && String(buffer: script.body).contains("data-live-url"))
            #expect(try await client.page("/transport/run-sheet/stamp", cookie: nil).status != .ok)
        }
    }
}
