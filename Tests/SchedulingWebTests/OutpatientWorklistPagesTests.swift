import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import SchedulingDomain
import SchedulingServices
import SchedulingTestSupport
@testable import SchedulingWeb

/// The worklist's saved views and sorting, and booking from the clinic grid.
extension OutpatientPagesTests {
    @Test("the worklist's saved views hold what they say, its columns sort, and the home page's counts link to them")
    func worklistViews() async throws {
        let kit = try await Self.demoKit()
        let session = try await kit.session(role: .bookingCoordinator)
        let system = TestHarness.system
        let referrals = kit.services.outpatients.referrals
        let today = kit.services.shared.environment.today
        let rows = { @Sendable (text: String) in text.matches(of: /href="\/outpatients\/referrals\/([^"?]+)"/).map { String($0.1) } }
        try await kit.run { client in
            // To book: nothing booked or attended, and the home page's count is the view's size.
            let toBook = try await referrals.trackingList(view: .toBook, by: system)
            let counts = try await referrals.worklistCounts(by: system)
            #expect(toBook.entries.count == counts.toBook && counts.toBook > 0)
            for entry in toBook.entries.prefix(40) {
                let history = try await kit.services.outpatients.appointments.history(referralID: entry.referralID, by: system)
                #expect(!history.contains { $0.appointment.status == .booked || $0.appointment.status == .attended }, "\(entry.referralID)")
            }
            let home = try await client.page("/", cookie: session.cookie)
            #expect(home.text.contains("/outpatients/tracking-list?view=to-book") && home.text.contains("/outpatients/tracking-list?view=breaching-this-week"))
            let page = try await client.page("/outpatients/tracking-list?view=to-book", cookie: session.cookie)
            #expect(page.text.contains("<strong>\(toBook.entries.count)</strong> open pathways"))
            #expect(page.text.contains(#"<strong aria-current="page">To book</strong>"#))
            let listed = Array(rows(page.text).prefix(20))
            #expect(listed == toBook.entries.prefix(20).map(\.referralID.rawValue))
            // Breaching in the next four weeks: running clocks whose breach date falls in the window, longest wait first when sorted so.
            let breaching = try await referrals.trackingList(view: .breachingInFourWeeks, by: system)
            #expect(!breaching.entries.isEmpty)
            #expect(breaching.entries.allSatisfy { !$0.breached && $0.breachDate <= today.adding(days: 28) })
            let byWeeks = try await client.page("/outpatients/tracking-list?view=breaching-in-4-weeks&sort=weeks", cookie: session.cookie)
            let order = Dictionary(uniqueKeysWithValues: breaching.entries.map { ($0.referralID.rawValue, $0.daysWaited) })
            let waited = rows(byWeeks.text).compactMap { order[$0] }
            #expect(waited.count == min(100, breaching.entries.count) && waited == waited.sorted(by: >))
            #expect(byWeeks.text.contains(#"aria-sort="descending"><a href="?view=breaching-in-4-weeks&amp;sort=weeks">Weeks"#))
            // No slot before the due day: every one is to book, and the best offer (if any) falls after its due day.
            let noSlot = try await referrals.trackingList(view: .noSlotBeforeDue, by: system)
            let waiting = Set(toBook.entries.map(\.referralID))
            #expect(noSlot.entries.allSatisfy { waiting.contains($0.referralID) })
            for entry in noSlot.entries.prefix(15) {
                let offers = try await kit.services.outpatients.bookings.offers(referralID: entry.referralID, .init(count: 1), by: system)
                #expect(offers.allSatisfy { $0.date > entry.dueBy }, "\(entry.referralID): \(offers.first?.date.iso ?? "none") vs \(entry.dueBy.iso)")
            }
            // Of the pathways to book with an offer, those offered in time are not in the view.
            for entry in toBook.entries.prefix(15) where !noSlot.entries.contains(where: { $0.referralID == entry.referralID }) {
                let offers = try await kit.services.outpatients.bookings.offers(referralID: entry.referralID, .init(count: 1), by: system)
                #expect(offers.first.map { $0.date <= entry.dueBy } == true, "\(entry.referralID)")
            }
            // Sorted by patient: family names in order.
            let byName = try await client.page("/outpatients/tracking-list?sort=patient", cookie: session.cookie)
            let names = byName.text.matches(of: /<a href="\/outpatients\/referrals\/[^"]+">([^<]+)<\/a>/).map { String($0.1).lowercased() }
            let all = try await referrals.trackingList(by: system)
            #expect(names.count == min(100, all.entries.count) && names == names.sorted())
            // The CSV has the view's rows; a view that does not exist is named.
            let csv = try await client.page("/outpatients/tracking-list.csv?view=to-book", cookie: session.cookie)
            #expect(csv.text.split(separator: "\r\n").count == toBook.entries.count + 1)
            let unknown = try await client.page("/outpatients/tracking-list?view=soon&sort=height", cookie: session.cookie)
            #expect(unknown.status == .unprocessableContent)
            #expect(unknown.text.contains("Choose a view from the list.") && unknown.text.contains("The list can be sorted by patient"))
        }
    }

    @Test("book from the clinic grid: sessions as columns, a free slot for the pathway chosen, short notice asked, errors beside the fields")
    func bookFromGrid() async throws {
        let kit = try await Self.demoKit()
        let session = try await kit.session(role: .bookingCoordinator)
        let (referralID, offered) = try await Self.bookable(kit)
        let slot = try await kit.services.outpatients.clinics.slot(id: offered, by: TestHarness.system)
        let referral = try await kit.services.outpatients.referrals.referral(id: referralID, by: TestHarness.system)
        let patient = try await kit.services.shared.patients.patient(id: referral.patientID, by: TestHarness.system)
        let familyName = patient.familyName.replacingOccurrences(of: "'", with: "&#39;")
        try await kit.run { client in
            // The pathway links to the grid for its specialty; the grid books for it.
            let pathway = try await client.page("/outpatients/referrals/\(referralID)", cookie: session.cookie)
            #expect(pathway.text.contains("/outpatients/clinics?referralId=\(referralID)"))
            let grid = try await client.page("/outpatients/clinics?referralId=\(referralID)&from=\(slot.date.iso)", cookie: session.cookie)
            #expect(grid.status == .ok)
            #expect(grid.text.contains("Booking for") && grid.text.contains(familyName))
            #expect(grid.text.contains("class=\"session\""))
            #expect(grid.text.contains(Display.day(slot.date)))
            let link = "/outpatients/clinics/slots/\(slot.id)/booking?referralId=\(referralID)"
            #expect(grid.text.contains(link))
            // The form names the slot and the chosen pathway's patient.
            let form = try await client.page(link, cookie: session.cookie)
            #expect(form.status == .ok)
            #expect(form.text.contains(Display.dateTime(slot.date, slot.start)) && form.text.contains(familyName))
            #expect(form.text.contains("value=\"\(referralID)\" id=\"ref-\(referralID)\" checked"))
            // No pathway chosen: the error stands beside the chooser and nothing is stored.
            let before = try kit.harness.count("appointments")
            let none = try await client.page("/outpatients/clinics/slots/\(slot.id)/booking", .post, cookie: session.cookie, form: [
                "_csrf": session.csrf, "channel": "letter", "interpreterLanguage": "Polish",
            ])
            #expect(none.status == .unprocessableContent)
            #expect(none.text.contains("Choose the pathway to book into this slot."))
            #expect(none.text.contains("value=\"Polish\"") && none.text.contains("<option value=\"letter\" selected>"))
            #expect(try kit.harness.count("appointments") == before)
            // Routine at short notice without the patient's agreement: refused beside the box.
            let shortNotice = !referral.priority.isUrgent && kit.services.shared.environment.today.days(until: slot.date) < Appointment.reasonableNoticeDays
            if shortNotice {
                let refused = try await client.page("/outpatients/clinics/slots/\(slot.id)/booking", .post, cookie: session.cookie, form: [
                    "_csrf": session.csrf, "referralId": referralID.rawValue,
                ])
                #expect(refused.status == .unprocessableContent)
                #expect(refused.text.contains("less than three weeks away"))
                #expect(try kit.harness.count("appointments") == before)
            }
            let booked = try await client.page("/outpatients/clinics/slots/\(slot.id)/booking", .post, cookie: session.cookie, form: [
                "_csrf": session.csrf, "referralId": referralID.rawValue, "channel": "phone", "shortNoticeAgreed": "true",
            ])
            #expect(booked.status == .seeOther)
            let location = booked.headers[.location] ?? ""
            #expect(location.hasPrefix("/outpatients/referrals/\(referralID)?booked="))
            #expect(try kit.harness.count("appointments") == before + 1)
            // The grid now shows the patient by name in that slot, and the slot cannot be booked again.
            let after = try await client.page("/outpatients/clinics?clinicianId=\(slot.clinicianID)&from=\(slot.date.iso)", cookie: session.cookie)
            #expect(after.text.contains("\(familyName), \(patient.givenName.replacingOccurrences(of: "'", with: "&#39;"))"))
            #expect(!after.text.contains("/outpatients/clinics/slots/\(slot.id)/booking"))
            let again = try await client.page("/outpatients/clinics/slots/\(slot.id)/booking", cookie: session.cookie)
            #expect(again.text.contains("This slot is booked: it cannot be booked."))
            // Without a pathway chosen, the form lists the pathways that could take a free slot, most urgent first.
            let (_, other) = try await Self.bookable(kit, skipping: [referralID])
            let open = try await client.page("/outpatients/clinics/slots/\(other)/booking", cookie: session.cookie)
            #expect(open.status == .ok && open.text.contains("name=\"referralId\""))
            // Roles that do not book get no form.
            let scheduler = try await kit.session(role: .scheduler)
            #expect(try await client.page("/outpatients/clinics/slots/\(other)/booking", cookie: scheduler.cookie).status == .forbidden)
        }
    }

    @Test("an offer of dates is recorded from the pathway and answered there; too few dates come back beside the dates, as chosen")
    func offersOnThePathway() async throws {
        let kit = try await Self.demoKit()
        let session = try await kit.session(role: .bookingCoordinator)
        let (referralID, _) = try await Self.bookable(kit)
        let offered = try await kit.services.outpatients.bookings.offers(referralID: referralID, .init(count: 8), by: TestHarness.system)
        #expect(offered.count >= 2)
        try await kit.run { client in
            let page = try await client.page("/outpatients/referrals/\(referralID)", cookie: session.cookie)
            #expect(page.text.contains(#"id="offer-form""#) && page.text.contains(#"name="slotIds[]" value="\#(offered[0].id)""#))
            // One date is not an offer: the error beside the dates, the choice kept, nothing stored.
            let before = try kit.harness.count("offer_records")
            let one = try await client.page("/outpatients/referrals/\(referralID)/offers", cookie: session.cookie,
                                            fields: [("_csrf", session.csrf), ("slotIds[]", offered[0].id.rawValue), ("channel", "letter")])
            #expect(one.status == .unprocessableContent)
            #expect(one.text.contains("<p class=\"error\">An offer names at least two slots.</p>"))
            #expect(one.text.contains(#"value="\#(offered[0].id)" checked"#) && one.text.contains(#"<option value="letter" selected>"#))
            #expect(try kit.harness.count("offer_records") == before)
            // Two dates: recorded, shown with its answer buttons.
            let two = try await client.page("/outpatients/referrals/\(referralID)/offers", cookie: session.cookie,
                                            fields: [("_csrf", session.csrf), ("slotIds[]", offered[0].id.rawValue), ("slotIds[]", offered[1].id.rawValue),
                                                     ("channel", "phone")])
            #expect(two.status == .seeOther && (two.headers[.location] ?? "").hasPrefix("/outpatients/referrals/\(referralID)?offered=1"))
            let offers = try await kit.services.outpatients.offerRecords.offers(referralID: referralID, by: TestHarness.system)
            let offer = try #require(offers.first)
            #expect(offers.count == 1 && offer.dates == [offered[0].date, offered[1].date] && offer.outcome == .pending)
            let shown = try await client.page("/outpatients/referrals/\(referralID)", cookie: session.cookie)
            #expect(shown.text.contains("/outpatients/offers/\(offer.id)/outcome") && shown.text.contains("Waiting for an answer"))
            // The answer: declined, recorded once.
            let declined = try await client.page("/outpatients/offers/\(offer.id)/outcome", .post, cookie: session.cookie,
                                                 form: ["_csrf": session.csrf, "outcome": "declined"])
            #expect(declined.status == .seeOther)
            #expect(try await kit.services.outpatients.offerRecords.offers(referralID: referralID, by: TestHarness.system).first?.outcome == .declined)
            let again = try await client.page("/outpatients/offers/\(offer.id)/outcome", .post, cookie: session.cookie,
                                              form: ["_csrf": session.csrf, "outcome": "accepted"])
            #expect(again.status == .conflict && again.text.contains("This offer was already declined."))
            #expect(try await client.page("/outpatients/offers/nope/outcome", .post, cookie: session.cookie,
                                          form: ["_csrf": session.csrf, "outcome": "accepted"]).status == .notFound)
            // A clinician reads offers but records none.
            let clinician = try await kit.session(role: .clinician)
            #expect(try await client.page("/outpatients/referrals/\(referralID)/offers", cookie: clinician.cookie,
                                          fields: [("_csrf", clinician.csrf), ("slotIds[]", offered[2].id.rawValue)]).status == .forbidden)
        }
    }

    @Test("the home page's failed-message count opens the failed messages, each with its patient by name and what went wrong")
    func failedMessages() async throws {
        let kit = try await Self.demoKit()
        let session = try await kit.session(role: .bookingCoordinator)
        let store = kit.services.shared.environment.store
        // One text fails for good: a number that does not take texts.
        let failed = try await store.write { session -> OutboxMessage in
            var message = try #require(try await session.outbox.messages(.init(), limit: 1, offset: 0).first)
            message.status = .failed
            message.attempts = 3
            message.lastError = "The number does not receive texts."
            try await session.outbox.update(message)
            return message
        }
        let patient = try await kit.services.shared.patients.patient(id: try #require(failed.patientID), by: TestHarness.system)
        try await kit.run { client in
            let home = try await client.page("/", cookie: session.cookie)
            #expect(home.text.contains(#"<a href="/outpatients/messages?status=failed"><strong>1</strong> letters, texts or emails that failed to send</a>"#))
            let page = try await client.page("/outpatients/messages?status=failed", cookie: session.cookie)
            #expect(page.status == .ok)
            #expect(page.text.contains("\(patient.familyName), \(patient.givenName)".replacingOccurrences(of: "'", with: "&#39;")))
            #expect(page.text.contains("The number does not receive texts.") && page.text.contains("<td data-label=\"Tries\">3</td>"))
            #expect(!page.text.contains(">msg_") && !page.text.contains(">sms<"))
            let bad = try await client.page("/outpatients/messages?status=lost", cookie: session.cookie)
            #expect(bad.status == .unprocessableContent && bad.text.contains("Choose a status from the list."))
            let carer = try await kit.session(role: .carer)
            #expect(try await client.page("/outpatients/messages", cookie: carer.cookie).status == .forbidden)
        }
    }
}
