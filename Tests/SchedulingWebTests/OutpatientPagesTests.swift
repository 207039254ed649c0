import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import SchedulingDomain
import SchedulingServices
import SchedulingTestSupport
@testable import SchedulingWeb

/// The outpatient pages over the demo trust's outpatient data.
@Suite("Outpatient pages")
struct OutpatientPagesTests {
    /// A kit with a small demo trust loaded (60 patients, 120 referrals).
    static func demoKit() async throws -> WebTestKit {
        let kit = try WebTestKit()
        _ = try await kit.services.shared.demo.load(seed: 11, patientCount: 60)
        return kit
    }

    /// An open referral with no appointment and the first slot offered to it.
    static func bookable(_ kit: WebTestKit, skipping: Set<Referral.ID> = []) async throws -> (Referral.ID, Slot.ID) {
        let list = try await kit.services.outpatients.referrals.trackingList(by: TestHarness.system)
        for entry in list.entries where !skipping.contains(entry.referralID) {
            guard try await kit.services.outpatients.appointments.history(referralID: entry.referralID, by: TestHarness.system).isEmpty else { continue }
            let offers = try await kit.services.outpatients.bookings.offers(referralID: entry.referralID, .init(count: 1), by: TestHarness.system)
            if let slot = offers.first { return (entry.referralID, slot.id) }
        }
        throw ServiceError.notFound(entity: "bookable referral", id: "")
    }

    @Test("the tracking list shows open pathways, filters them, and names a bad filter")
    func trackingList() async throws {
        let kit = try await Self.demoKit()
        let session = try await kit.session(role: .bookingCoordinator)
        let list = try await kit.services.outpatients.referrals.trackingList(by: TestHarness.system)
        try await kit.run { client in
            let page = try await client.page("/outpatients/tracking-list", cookie: session.cookie)
            #expect(page.status == .ok)
            #expect(page.text.contains("<strong>\(list.entries.count)</strong> open pathways"))
            #expect(page.text.contains("/outpatients/referrals/\(list.entries[0].referralID)"))
            // A pathway whose patient has been seen says so (the demo trust has attended first appointments).
            let seen = try #require(list.entries.first { $0.seenOn != nil }, "the demo has seen pathways on the list")
            let seenPage = try await client.page("/outpatients/tracking-list?priority=\(seen.priority.rawValue)&specialtyId=\(seen.specialtyID)",
                                                 cookie: session.cookie)
            #expect(seenPage.text.contains("seen \(Display.day(seen.seenOn!))"))
            let breached = try await client.page("/outpatients/tracking-list?breached=true", cookie: session.cookie)
            let firstUnbreached = try #require(list.entries.first { !$0.breached })
            #expect(!breached.text.contains("/outpatients/referrals/\(firstUnbreached.referralID)\""))
            // A worklist: the patient by name and NHS number, and where booking stands, in words.
            let first = try await kit.services.shared.patients.patient(id: list.entries[0].patientID, by: TestHarness.system)
            #expect(page.text.contains("\(first.familyName), \(first.givenName)".replacingOccurrences(of: "'", with: "&#39;")))
            #expect(page.text.contains(first.nhsNumber.formatted))
            #expect(page.text.contains("<strong>To book</strong>") && page.text.contains(">Booked "))
            #expect(!page.text.contains(">routine<") && !page.text.contains(">cancer-2ww<"))
            // An empty list claims no share within 18 weeks.
            let empty = try await client.page("/outpatients/tracking-list?minWeeks=500", cookie: session.cookie)
            #expect(empty.text.contains("<strong>0</strong> open pathways") && !empty.text.contains("within 18 weeks"))
            #expect(empty.text.contains("No open pathway matches these filters.") && !empty.text.contains("<caption>"))
            let bad = try await client.page("/outpatients/tracking-list?priority=soon&minWeeks=-1", cookie: session.cookie)
            #expect(bad.status == .unprocessableContent)
            // The errors speak the page's words, beside their fields, not the query's code names.
            #expect(bad.text.contains(#"<span class="error" id="priority-error">Choose a priority from the list.</span>"#))
            #expect(bad.text.contains(#"<span class="error" id="min-weeks-error">Weeks waited must be a whole number, 0 or more.</span>"#))
            #expect(!bad.text.contains("minWeeks must") && !bad.text.contains("priority must"))
            #expect(bad.text.contains(#"value="-1""#), "the form keeps what was typed")
            let carer = try await kit.session(role: .carer)
            #expect(try await client.page("/outpatients/tracking-list", cookie: carer.cookie).status == .forbidden)
        }
    }

    @Test("a booker books from the pathway page and sees the confirmation queued; a taken slot is 409 and changes nothing")
    func booking() async throws {
        let kit = try await Self.demoKit()
        let session = try await kit.session(role: .bookingCoordinator)
        let (referral, slot) = try await Self.bookable(kit)
        let (other, _) = try await Self.bookable(kit, skipping: [referral])
        try await kit.run { client in
            let pathway = try await client.page("/outpatients/referrals/\(referral)", cookie: session.cookie)
            #expect(pathway.status == .ok)
            #expect(pathway.text.contains(#"name="slotId" value="\#(slot)""#))
            let missingCSRF = try await client.page("/outpatients/referrals/\(referral)/booking", .post, cookie: session.cookie, form: ["slotId": slot.rawValue])
            #expect(missingCSRF.status == .forbidden)
            let booked = try await client.page("/outpatients/referrals/\(referral)/booking", .post, cookie: session.cookie, form: [
                "_csrf": session.csrf, "slotId": slot.rawValue, "channel": "phone", "needsTransport": "true", "interpreterLanguage": "Polish",
            ])
            #expect(booked.status == .seeOther)
            let location = try #require(booked.headers[.location])
            #expect(location.range(of: #"\?booked=[A-Z2-9]{4}-[A-Z2-9]{4}$"#, options: .regularExpression) != nil, "\(location)")
            let after = try await client.page(location, cookie: session.cookie)
            #expect(after.text.contains("Booked: reference"))
            #expect(after.text.contains("Transport, Polish interpreter"))
            #expect(after.text.contains(#"<td data-label="Status" class="message-status">Waiting to go</td>"#))
            // What the page shows (not its links and form values): names and words, not ids and codes.
            let shown = after.text.replacingOccurrences(of: #"(href|action|value|id|for|name)="[^"]*""#, with: "", options: .regularExpression)
            #expect(!shown.contains("apt_") && !shown.contains(">routine<") && !shown.contains("spc_") && !shown.contains("ref_demo"))
            #expect(after.text.contains("/letters/msg_"))
            #expect(!after.text.contains(#"name="slotId""#))  // booked: no more offers

            let messagesBefore = try kit.harness.count("outbox_messages")
            let taken = try await client.page("/outpatients/referrals/\(other)/booking", .post, cookie: session.cookie, form: [
                "_csrf": session.csrf, "slotId": slot.rawValue, "channel": "phone",
            ])
            #expect(taken.status == .conflict)
            #expect(taken.text.contains("This slot is booked, not free: choose another."))
            #expect(try kit.harness.count("outbox_messages") == messagesBefore)
            let empty = try await client.page("/outpatients/referrals/\(other)/booking", .post, cookie: session.cookie, form: ["_csrf": session.csrf])
            #expect(empty.status == .unprocessableContent)
            #expect(empty.text.contains("Choose a slot.") && !empty.text.contains("slotID is"))

            let clinician = try await kit.session(role: .clinician)
            let readOnly = try await client.page("/outpatients/referrals/\(other)", cookie: clinician.cookie)
            #expect(readOnly.status == .ok && !readOnly.text.contains("booking-form"))
            let refused = try await client.page("/outpatients/referrals/\(other)/booking", .post, cookie: clinician.cookie, form: [
                "_csrf": clinician.csrf, "slotId": slot.rawValue,
            ])
            #expect(refused.status == .forbidden)
        }
    }

    @Test("a booked appointment is cancelled from the pathway page; the slot is free again")
    func cancel() async throws {
        let kit = try await Self.demoKit()
        let session = try await kit.session(role: .bookingCoordinator)
        let (referral, slot) = try await Self.bookable(kit)
        let appointment = try await kit.services.outpatients.bookings.book(.init(referralID: referral.rawValue, slotID: slot.rawValue, shortNoticeAgreed: true), by: TestHarness.system)
        try await kit.run { client in
            // The pathway links to a confirmation page, which asks who and why before anything changes.
            let pathway = try await client.page("/outpatients/referrals/\(referral)", cookie: session.cookie)
            #expect(pathway.text.contains("/outpatients/appointments/\(appointment.id)/cancellation"))
            let confirm = try await client.page("/outpatients/appointments/\(appointment.id)/cancellation", .get, cookie: session.cookie)
            #expect(confirm.status == .ok && confirm.text.contains("Cancel appointment \(appointment.reference)?"))
            #expect(confirm.text.contains("<option value=\"clinician-unavailable\">Clinician unavailable</option>"))
            #expect(try await kit.services.outpatients.appointments.details(id: appointment.id, by: TestHarness.system).appointment.status == .booked)
            let bad = try await client.page("/outpatients/appointments/\(appointment.id)/cancellation", .post, cookie: session.cookie, form: [
                "_csrf": session.csrf, "initiatedBy": "nobody", "reason": "patient-request",
            ])
            #expect(bad.status == .unprocessableContent)
            // A hospital's reason under the patient's request: the error beside the reason, the choices kept.
            let mismatch = try await client.page("/outpatients/appointments/\(appointment.id)/cancellation", .post, cookie: session.cookie, form: [
                "_csrf": session.csrf, "initiatedBy": "patient", "reason": "clinician-unavailable",
            ])
            #expect(mismatch.status == .unprocessableContent && mismatch.text.contains("id=\"reason-error\""))
            #expect(mismatch.text.contains("<option value=\"clinician-unavailable\" selected>"))
            let done = try await client.page("/outpatients/appointments/\(appointment.id)/cancellation", .post, cookie: session.cookie, form: [
                "_csrf": session.csrf, "initiatedBy": "patient", "reason": "patient-unwell",
            ])
            #expect(done.status == .seeOther)
            #expect(done.headers[.location] == "/outpatients/referrals/\(referral)?cancelled=\(appointment.reference)")
        }
        let details = try await kit.services.outpatients.appointments.details(id: appointment.id, by: TestHarness.system)
        #expect(details.appointment.status == .cancelledByPatient && details.slot.status == .free)
    }

    @Test("an appointment is rescheduled in place from the pathway: the clock and history kept, transport moved, one change letter")
    func reschedule() async throws {
        let kit = try await Self.demoKit()
        let session = try await kit.session(role: .bookingCoordinator)
        let (referral, slot) = try await Self.bookable(kit)
        let before = try await kit.services.outpatients.referrals.referral(id: referral, by: TestHarness.system)
        let appointment = try await kit.services.outpatients.bookings.book(
            .init(referralID: referral.rawValue, slotID: slot.rawValue, needsTransport: true, shortNoticeAgreed: true), by: TestHarness.system)
        let offers = try await kit.services.outpatients.bookings.offers(referralID: referral, .init(count: 3), by: TestHarness.system)
        let target = try #require(offers.first { $0.id != slot })
        try await kit.run { client in
            let pathway = try await client.page("/outpatients/referrals/\(referral)", cookie: session.cookie)
            #expect(pathway.text.contains("/outpatients/appointments/\(appointment.id)/change"))
            let form = try await client.page("/outpatients/appointments/\(appointment.id)/change", .get, cookie: session.cookie)
            #expect(form.status == .ok && form.text.contains("value=\"\(target.id)\"") && form.text.contains("transport (they move with the appointment)"))
            let missing = try await client.page("/outpatients/appointments/\(appointment.id)/change", .post, cookie: session.cookie, form: [
                "_csrf": session.csrf, "initiatedBy": "patient",
            ])
            #expect(missing.status == .unprocessableContent && missing.text.contains("class=\"field field-error\" id=\"slotID\""))
            let lettersBefore = try kit.harness.count("outbox_messages", where: "kind = 'change' AND channel = 'letter'")
            let moved = try await client.page("/outpatients/appointments/\(appointment.id)/change", .post, cookie: session.cookie, form: [
                "_csrf": session.csrf, "slotId": target.id.rawValue, "initiatedBy": "patient",
            ])
            #expect(moved.status == .seeOther && moved.headers[.location]?.contains("?moved=") == true)
            let after = try await client.page(try #require(moved.headers[.location]), cookie: session.cookie)
            #expect(after.text.contains("Moved: the new appointment is reference"))
            #expect(try kit.harness.count("outbox_messages", where: "kind = 'change' AND channel = 'letter'") == lettersBefore + 1)
        }
        let history = try await kit.services.outpatients.appointments.history(referralID: referral, by: TestHarness.system)
        let old = try #require(history.first { $0.appointment.id == appointment.id })
        let new = try #require(history.first { $0.appointment.replacesID == appointment.id })
        #expect(old.appointment.cancellation?.reason == .rescheduled && old.journeyRequest?.status == .cancelled)
        #expect(new.slot.id == target.id && new.appointment.needsTransport && new.journeyRequest?.status == .requested)
        let after = try await kit.services.outpatients.referrals.referral(id: referral, by: TestHarness.system)
        #expect(after.clock == before.clock)
    }

    @Test("a note is written on the pathway page; an empty one comes back beside the box")
    func notes() async throws {
        let kit = try await Self.demoKit()
        let session = try await kit.session(role: .clinician)
        let (referral, _) = try await Self.bookable(kit)
        try await kit.run { client in
            let empty = try await client.page("/outpatients/referrals/\(referral)/notes", .post, cookie: session.cookie, form: ["_csrf": session.csrf, "text": "  "])
            #expect(empty.status == .unprocessableContent && empty.text.contains("id=\"text-error\">Write the note before saving it."))
            let saved = try await client.page("/outpatients/referrals/\(referral)/notes", .post, cookie: session.cookie,
                                              form: ["_csrf": session.csrf, "text": "Prefers <mornings> & Tuesdays"])
            #expect(saved.status == .seeOther)
            let page = try await client.page(try #require(saved.headers[.location]), cookie: session.cookie)
            #expect(page.text.contains("The note is saved.") && page.text.contains("Prefers &lt;mornings&gt; &amp; Tuesdays"))
        }
    }

    @Test("the home page of outpatient staff is a worklist: to book, two-week waits unbooked, breaches this week, decisions, failed messages")
    func homeWorklist() async throws {
        let kit = try await Self.demoKit()
        let counts = try await kit.services.outpatients.referrals.worklistCounts(by: TestHarness.system)
        let list = try await kit.services.outpatients.referrals.trackingList(by: TestHarness.system)
        #expect(counts.toBook > 0 && counts.toBook <= list.entries.count)
        try await kit.run { client in
            let booker = try await kit.session(role: .bookingCoordinator)
            let home = try await client.page("/", cookie: booker.cookie)
            #expect(home.text.contains("Today&#39;s worklist") || home.text.contains("Today's worklist"))
            #expect(home.text.contains("<strong>\(counts.toBook)</strong> pathways to book"))
            #expect(home.text.contains("<strong>\(counts.decisionsPending)</strong> missed appointments awaiting a decision"))
            let planner = try await kit.session(role: .transportPlanner)
            #expect(!(try await client.page("/", cookie: planner.cookie)).text.contains("worklist"))
        }
    }

    @Test("the clinic calendar shows a clinician's week with who holds each slot, by name, and the days clinics are closed")
    func calendar() async throws {
        let kit = try await Self.demoKit()
        let session = try await kit.session(role: .teamLeader)
        let today = kit.services.shared.environment.today
        let week = try await kit.services.outpatients.clinics.calendar(from: today, through: today.adding(days: 6), clinicianID: nil, locationID: nil, by: TestHarness.system)
        let held = try #require(week.first { $0.appointment != nil })
        try await kit.run { client in
            let choose = try await client.page("/outpatients/clinics", cookie: session.cookie)
            #expect(choose.text.contains("Choose a specialty, a clinician or a location"))
            let page = try await client.page("/outpatients/clinics?clinicianId=\(held.slot.clinicianID)&from=\(held.slot.date.iso)", cookie: session.cookie)
            #expect(page.status == .ok)
            #expect(page.text.contains("/outpatients/referrals/\(held.appointment!.referralID)"))
            #expect(page.text.contains(Display.day(held.slot.date)))
            // Who holds the slot, by name.
            let patient = try #require(held.patient)
            #expect(page.text.contains("\(patient.familyName), \(patient.givenName)".replacingOccurrences(of: "'", with: "&#39;")))
            // The Christmas week says the clinics are closed on the bank holiday.
            let christmas = try await client.page("/outpatients/clinics?clinicianId=\(held.slot.clinicianID)&from=2026-12-21", cookie: session.cookie)
            #expect(christmas.text.contains("Clinics closed Fri 25 Dec 2026: Christmas Day"))
            let bad = try await client.page("/outpatients/clinics?clinicianId=\(held.slot.clinicianID)&from=2026-02-30", cookie: session.cookie)
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("from must be a date"))
        }
    }

    @Test("auto-allocation: preview on the page, then book the previewed plan; a replayed plan is refused")
    func allocation() async throws {
        let kit = try await Self.demoKit()
        let session = try await kit.session(role: .bookingCoordinator)
        try await kit.run { client in
            #expect(try await client.page("/outpatients/allocation", cookie: session.cookie).status == .ok)
            let preview = try await client.page("/outpatients/allocation", .post, cookie: session.cookie, form: [
                "_csrf": session.csrf, "action": "preview", "minimumNoticeDays": "7",
            ])
            #expect(preview.status == .ok)
            let planID = try #require(preview.text.firstMatch(of: /name="planId" value="([^"]+)"/)?.1)
            let proposed = try #require(preview.text.firstMatch(of: /Book these (\d+) appointments/)?.1)
            let before = try kit.harness.count("appointments")
            let commit = try await client.page("/outpatients/allocation", .post, cookie: session.cookie, form: [
                "_csrf": session.csrf, "action": "commit", "planId": String(planID), "minimumNoticeDays": "7",
            ])
            #expect(commit.status == .ok)
            #expect(commit.text.contains("Booked \(proposed) appointments"))
            #expect(try kit.harness.count("appointments") == before + Int(proposed)!)
            let replay = try await client.page("/outpatients/allocation", .post, cookie: session.cookie, form: [
                "_csrf": session.csrf, "action": "commit", "planId": String(planID), "minimumNoticeDays": "7",
            ])
            #expect(replay.status == .conflict)
            let bad = try await client.page("/outpatients/allocation", .post, cookie: session.cookie, form: [
                "_csrf": session.csrf, "minimumNoticeDays": "soon",
            ])
            #expect(bad.status == .unprocessableContent)
            // The error in the page's words, beside its field; the form keeps what was typed.
            #expect(bad.text.contains(#"<p class="error" id="notice-error">Minimum notice must be a whole number of days, 0 or more.</p>"#))
            #expect(bad.text.contains(#"value="soon""#) && !bad.text.contains("minimumNoticeDays must"))
            // A preview names patients, clinics and days, never ids or codes.
            #expect(preview.text.contains("<td data-label=\"Clinic\">") && !preview.text.contains(">ref_demo_") && !preview.text.contains(">routine<"))
        }
    }

    @Test("the strike wizard previews the cancellation with rebooking, then carries it out; bookers may not use it")
    func strike() async throws {
        let kit = try await Self.demoKit()
        let leader = try await kit.session(role: .teamLeader)
        let today = kit.services.shared.environment.today
        let ahead = try await kit.services.outpatients.clinics.calendar(from: today.adding(days: 1), through: today.adding(days: 28), clinicianID: nil, locationID: nil,
                                                            by: TestHarness.system)
        let first = try #require(ahead.first { $0.appointment?.status == .booked })
        let struck = [first.slot.clinicianID.rawValue]
        let fields: [(String, String)] = struck.map { ("clinicianIds[]", $0) } + [
            ("_csrf", leader.csrf), ("from", first.slot.date.iso), ("through", first.slot.date.adding(days: 6).iso), ("reason", "industrial-action"),
            ("rebook", "true"), ("moveBooked", "not-notified"), ("minimumNoticeDays", "1"),
        ]
        try await kit.run { client in
            #expect(try await client.page("/outpatients/strike", cookie: leader.cookie).status == .ok)
            let before = try kit.harness.count("appointments", where: "status = 'booked'")
            let preview = try await client.page("/outpatients/strike", cookie: leader.cookie, fields: fields + [("action", "preview")])
            #expect(preview.status == .ok)
            #expect(preview.text.contains("Patients displaced"))
            // The result comes before the form (folded away), the moves name who the patient now sees.
            let result = try #require(preview.text.range(of: "id=\"result\""))
            let form = try #require(preview.text.range(of: "name=\"action\" value=\"preview\""))
            #expect(result.lowerBound < form.lowerBound)
            #expect(preview.text.contains("<summary>Change the choice</summary>"))
            #expect(preview.text.contains("<td data-label=\"With\">Dr ") || preview.text.contains("<td data-label=\"With\">M"))
            // The counts add up: rebooked in time + after the due day + not rebooked = displaced.
            func figure(_ label: String) throws -> Int {
                let pattern = "<dt>\(label)</dt><dd>(\\d+)"
                let range = try #require(preview.text.range(of: pattern, options: .regularExpression))
                return Int(preview.text[range].split(separator: ">").last!.prefix { $0.isNumber })!
            }
            #expect(try figure("Rebooked by their due day") + figure("Rebooked after their due day") + figure("Not rebooked \\(back on the list\\)")
                    == figure("Patients displaced"))
            #expect(!preview.text.contains("Capacity shortfall"))
            #expect(preview.text.contains(#"name="clinicianIds[]" value="\#(struck[0])""#))
            #expect(try kit.harness.count("appointments", where: "status = 'booked'") == before)
            let done = try await client.page("/outpatients/strike", cookie: leader.cookie, fields: fields + [("action", "commit")])
            #expect(done.status == .ok)
            #expect(done.text.contains("Done:"))
            #expect(try kit.harness.count("slots", where: "status = 'cancelled'") > 0)
            let bad = try await client.page("/outpatients/strike", cookie: leader.cookie, fields: [("_csrf", leader.csrf), ("from", "2026-12-10"), ("through", "2026-12-01"), ("reason", "industrial-action")])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("<p class=\"error\">Choose at least one clinician.</p>"))
            #expect(bad.text.contains(#"<p class="error" id="through-error">The last day must be on or after the first day.</p>"#))
            let badNotice = try await client.page("/outpatients/strike", cookie: leader.cookie, fields: fields.filter { $0.0 != "minimumNoticeDays" } + [("minimumNoticeDays", "90")])
            #expect(badNotice.text.contains(#"<p class="error" id="notice-error">Minimum notice must be 0 to 60 days.</p>"#), "\(badNotice.status)")
            let booker = try await kit.session(role: .bookingCoordinator)
            #expect(try await client.page("/outpatients/strike", cookie: booker.cookie).status == .forbidden)
        }
    }

    @Test("the reports page shows performance, the chart and the what-if projection")
    func reports() async throws {
        let kit = try await Self.demoKit()
        let session = try await kit.session(role: .clinician)
        try await kit.run { client in
            let page = try await client.page("/outpatients/reports?extraPerWeek=20&weeks=30", cookie: session.cookie)
            #expect(page.status == .ok)
            #expect(page.text.contains(#"<img src="/reports/waiting-list-shape.svg""#))
            #expect(page.text.contains("What if: 20 extra pathways completed a week"))
            #expect(page.text.contains("Within 18 weeks"))
            // The projection's chart beside its simulation check, inline, with the assumptions explained.
            #expect(page.text.contains("<title id=\"projection-title\">") && page.text.contains("simulation check (dashed)"))
            #expect(page.text.contains("How the projection works"))
            // The report's "past 18 weeks" and the projection's "over 18 weeks today" are one figure.
            let report = try await kit.services.outpatients.reports.waitingList(by: TestHarness.system)
            #expect(page.text.contains("<dt>Past 18 weeks</dt><dd>\(report.breached)</dd>"))
            #expect(page.text.contains("<strong>\(report.breached)</strong> patients wait over 18 weeks today"))
            // A bad figure: the form again with the error beside its field and what was typed, not a dead end.
            let bad = try await client.page("/outpatients/reports?weeks=200&extraPerWeek=3", cookie: session.cookie)
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("id=\"weeks-error\"") && bad.text.contains("value=\"200\"") && bad.text.contains("value=\"3\""))
            #expect(bad.text.contains("<form method=\"get\" action=\"/outpatients/reports\""))
        }
    }

    @Test("the service page links the outpatient work a role may do, and the patient page lists referrals")
    func links() async throws {
        let kit = try await Self.demoKit()
        let booker = try await kit.session(role: .bookingCoordinator)
        let leader = try await kit.session(role: .teamLeader)
        let patient = DemoOrganisation(seed: 11, patientCount: 60).patients[0]
        try await kit.run { client in
            let bookerPage = try await client.page("/services/outpatients", cookie: booker.cookie)
            #expect(bookerPage.text.contains("/outpatients/allocation") && !bookerPage.text.contains("/outpatients/strike"))
            let leaderPage = try await client.page("/services/outpatients", cookie: leader.cookie)
            #expect(leaderPage.text.contains("/outpatients/strike"))
            let record = try await client.page("/patients/\(patient.id)", cookie: booker.cookie)
            #expect(record.text.contains("/outpatients/referrals/ref_demo_"))
        }
    }
}

extension GoldenPageTests {
    @Test("a pathway page with its offers, in the demo trust")
    func pathway() async throws {
        let kit = try await OutpatientPagesTests.demoKit()
        let session = try await kit.session(role: .bookingCoordinator, username: "golden")
        let (referral, _) = try await OutpatientPagesTests.bookable(kit)
        try await kit.run { client in
            let page = try await client.page("/outpatients/referrals/\(referral)", cookie: session.cookie)
            #expect(page.status == .ok && !page.text.contains("nil"))
            try GoldenPageTests.compare(page.text, golden: "pathway.html")
        }
    }
}
