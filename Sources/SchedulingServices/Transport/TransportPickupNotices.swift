import Foundation
import SchedulingDomain

/// Tells patients when a re-plan moves their pickup (PT-04): committing a plan over an earlier
/// one queues, in the same transaction, a message to every patient whose journey both plans
/// carry and whose pickup moved by more than ``threshold`` seconds — a text where the patient has
/// a mobile, else a phone task for the transport office. Written when queued (the times are the
/// plan's, not the records' when sent). Journeys begun are left alone: the crew is with them.
enum TransportPickupNotices {
    /// 15 minutes.
    static let threshold = 15 * 60

    /// Queues the messages for `after` replacing `before` on `day`; answers how many.
    static func queue(replacing before: TransportPlan, with after: TransportPlan, day: TransportDay, in session: any StoreSession,
                      env: ServiceEnvironment, now: Date) async throws -> Int
    {
        let old = before.pickups, new = after.pickups
        let journeys = Dictionary(day.liveJourneys.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var moved: [(TransportJourney, Int, Int)] = []
        for (id, (_, at)) in new.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            guard let (_, was) = old[id], abs(at - was) > threshold, let journey = journeys[id], journey.progress.arrived == nil,
                  journey.progress.pickedUp == nil else { continue }
            moved.append((journey, was, at))
        }
        guard !moved.isEmpty else { return 0 }
        let sites = try await session.organisation.locations()
        var batch: [OutboxMessage] = []
        for (journey, was, at) in moved {
            guard let contact = try await session.patients.contact(id: journey.patientID) else { continue }
            let mobile = contact.phone.map(Outbox.isMobile) ?? false
            let hospital = journey.direction == .toAppointment ? journey.destination : journey.pickup
            let site = sites.first { $0.address.coordinates.map { $0.greatCircleMeters(to: hospital) < 250 } ?? false }?.name ?? "hospital"
            let day = LetterText.long(journey.date)
            let leg = journey.direction == .toAppointment ? "to \(site)" : "home from \(site)"
            let body = "Your patient transport \(leg) on \(day): we now expect to collect you at about \(Self.clock(at)), not \(Self.clock(was)). "
                + "If you cannot travel then, please call the patient transport office."
            let subject = mobile ? "Your transport time has changed" : "Phone the patient: their transport pickup moved (journey \(journey.id))"
            let message = OutboxMessage(id: .init(env.ids.make(prefix: "msg")), kind: .transportPickup, channel: mobile ? .sms : .phone, recipient: .patient,
                                        patientID: journey.patientID, referralID: nil, appointmentID: journey.appointmentID, dueAt: now,
                                        subject: subject, body: body, createdAt: now)
            batch.append(message)
        }
        try await session.outbox.insert(batch)
        return batch.count
    }

    /// "9:40am", as letters write times.
    static func clock(_ seconds: Int) -> String {
        LocalTime(minuteOfDay: seconds / 60 % (24 * 60)).map(LetterText.time) ?? "\(seconds / 3600):\(String(format: "%02d", seconds / 60 % 60))"
    }
}
