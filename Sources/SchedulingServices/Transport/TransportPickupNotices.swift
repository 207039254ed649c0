import Foundation
import SchedulingDomain

/// Tells patients what a committed plan changes for them (PT-04, PT-05), in the commit's
/// transaction: a patient whose pickup moved by more than ``threshold`` seconds from the version
/// it replaces, a patient whose journey a third-party provider now takes (who comes instead of
/// our crew, and when), and one whose journey comes back to our crew from a provider. A text
/// where the patient has a mobile, else a phone task for the transport
/// office. Written when queued (the plan's times, not the records' when sent). Journeys begun
/// are left alone: the crew is with them.
enum TransportPickupNotices {
    /// 15 minutes.
    static let threshold = 15 * 60

    /// What one patient is told.
    private enum Change {
        case moved(was: Int, now: Int)
        case provider(String, at: Int?)
        case crew(insteadOf: String, at: Int)
    }

    /// Queues the messages for `after` (with its third-party bookings) replacing `before` (nil:
    /// the day's first plan) on `day`; answers how many.
    static func queue(replacing before: CommittedTransportPlan?, with after: TransportPlan, thirdParty: [ThirdPartyBooking], day: TransportDay,
                      in session: any StoreSession, env: ServiceEnvironment, now: Date) async throws -> Int
    {
        let old = before?.plan.pickups ?? [:], new = after.pickups
        let journeys = Dictionary(day.liveJourneys.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var changes: [(TransportJourney, Change)] = []
        for (id, (_, at)) in new.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            guard let (_, was) = old[id], abs(at - was) > threshold, let journey = journeys[id] else { continue }
            changes.append((journey, .moved(was: was, now: at)))
        }
        let givenBefore = Dictionary((before?.thirdParty ?? []).map { ($0.journeyID, $0) }, uniquingKeysWith: { a, _ in a })
        for booking in thirdParty {
            guard let journey = journeys[booking.journeyID] else { continue }
            if let was = givenBefore[booking.journeyID], was.providerID == booking.providerID {
                if let then = was.pickup, let now = booking.pickup, abs(now - then) > threshold { changes.append((journey, .moved(was: then, now: now))) }
            } else {
                changes.append((journey, .provider(booking.providerName, at: booking.pickup)))
            }
        }
        // Back to our crew from a provider.
        for (id, (_, at)) in new.sorted(by: { $0.key.rawValue < $1.key.rawValue }) where old[id] == nil {
            if let was = givenBefore[id], let journey = journeys[id] { changes.append((journey, .crew(insteadOf: was.providerName, at: at))) }
        }
        changes.removeAll { $0.0.progress.arrived != nil || $0.0.progress.pickedUp != nil }
        guard !changes.isEmpty else { return 0 }
        let sites = try await session.organisation.locations()
        var batch: [OutboxMessage] = []
        for (journey, change) in changes {
            guard let contact = try await session.patients.contact(id: journey.patientID) else { continue }
            let mobile = contact.phone.map(Outbox.isMobile) ?? false
            let hospital = journey.direction == .toAppointment ? journey.destination : journey.pickup
            let site = sites.first { $0.address.coordinates.map { $0.greatCircleMeters(to: hospital) < 250 } ?? false }?.name ?? "hospital"
            let leg = "Your patient transport \(journey.direction == .toAppointment ? "to \(site)" : "home from \(site)") on \(LetterText.long(journey.date))"
            let body: String, subject: String
            switch change {
            case .moved(let was, let now):
                body = "\(leg): we now expect to collect you at about \(Self.clock(now)), not \(Self.clock(was)). "
                    + "If you cannot travel then, please call the patient transport office."
                subject = mobile ? "Your transport time has changed" : "Phone the patient: their transport pickup moved (journey \(journey.id))"
            case .provider(let name, let at):
                body = "\(leg) will be provided by \(name), who will collect you\(at.map { " at about \(Self.clock($0))" } ?? "") instead of our own crew. "
                    + "If you have any questions, please call the patient transport office."
                subject = mobile ? "Who will collect you for your transport" : "Phone the patient: \(name) takes their journey (journey \(journey.id))"
            case .crew(let name, let at):
                body = "\(leg): our own crew will now collect you, at about \(Self.clock(at)), instead of \(name). "
                    + "If you cannot travel then, please call the patient transport office."
                subject = mobile ? "Who will collect you for your transport" : "Phone the patient: our crew takes their journey back from \(name) (journey \(journey.id))"
            }
            batch.append(OutboxMessage(id: .init(env.ids.make(prefix: "msg")), kind: .transportPickup, channel: mobile ? .sms : .phone, recipient: .patient,
                                       patientID: journey.patientID, referralID: nil, appointmentID: journey.appointmentID, dueAt: now,
                                       subject: subject, body: body, createdAt: now))
        }
        try await session.outbox.insert(batch)
        return batch.count
    }

    /// "9:40am", as letters write times.
    static func clock(_ seconds: Int) -> String {
        LocalTime(minuteOfDay: seconds / 60 % (24 * 60)).map(LetterText.time) ?? "\(seconds / 3600):\(String(format: "%02d", seconds / 60 % 60))"
    }
}
