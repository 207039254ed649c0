import Foundation
import SchedulingDomain

/// A hospital site's clinic list for a day (PT-07): who arrives when, in which mobility category,
/// and who goes home when, from the committed plan — for the clinic's reception, as a printable
/// page and as CSV. Journeys not planned are listed too, without a time.
public struct ClinicList: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var journeyID: TransportJourney.ID
        public var patientName: String
        public var nhsNumber: String
        public var direction: TransportJourney.Direction
        /// The appointment (arriving) or when the patient is ready (going home).
        public var time: LocalTime
        /// When the plan brings the patient (arriving) or collects them (going home); nil if not planned.
        public var planned: LocalTime?
        /// What the crew recorded: delivered (arriving) or picked up (going home).
        public var actual: LocalTime?
        public var mobility: MobilityCategory
        public var escorts: Int
        public var vehicle: String?
        public var status: TransportJourney.Status
    }

    public var site: ClinicLocation
    public var date: LocalDate
    /// Arrivals by planned time (then appointment), then departures likewise.
    public var rows: [Row]
    /// The site's email address for clinic lists, if on record.
    public var address: String? = nil

    /// The list as CSV (a header row, then a journey a row).
    public var csv: String {
        var out = "direction,appointment_or_ready,planned,actual,patient,nhs_number,mobility,escorts,vehicle,status\r\n"
        for r in rows {
            let fields = [r.direction == .toAppointment ? "arriving" : "going home", r.time.iso, r.planned?.iso ?? "", r.actual?.iso ?? "", r.patientName,
                          r.nhsNumber, r.mobility.rawValue, String(r.escorts), r.vehicle ?? "", r.status.rawValue]
            out += fields.map { ReferralService.csvField($0) }.joined(separator: ",") + "\r\n"
        }
        return out
    }
}

/// Clinic lists for the transport office (and admins).
public struct ClinicListService: Sendable {
    private let env: ServiceEnvironment

    /// Creates the service.
    public init(_ environment: ServiceEnvironment) { env = environment }

    /// Metres within which a journey's end is at the site.
    static let nearby = 250.0

    /// The clinic list of `siteID` on `date`.
    public func list(siteID: ClinicLocation.ID, on date: LocalDate, by caller: Caller) async throws -> ClinicList {
        try caller.require(anyOf: TransportBookingService.officeRoles, to: "read clinic lists")
        return try await env.store.read { session in
            guard let site = try await session.organisation.location(id: siteID), let at = site.address.coordinates else {
                throw ServiceError.notFound(entity: "Site", id: siteID.rawValue)
            }
            let journeys = try await session.transportJourneys.journeys(on: date).filter { j in
                j.status != .cancelled && (j.direction == .toAppointment ? j.destination : j.pickup).greatCircleMeters(to: at) < Self.nearby
            }
            let plans = try await session.transportPlans.committed(on: date)
            let names = Dictionary(try await session.vehicleShifts.shifts(on: date).map { ($0.id, $0.vehicleName) }, uniquingKeysWith: { a, _ in a })
            // Per journey: when the plan collects and delivers the patient, and on which vehicle.
            var pickups: [TransportJourney.ID: LocalTime] = [:], dropOffs: [TransportJourney.ID: LocalTime] = [:], vehicles: [TransportJourney.ID: String] = [:]
            for run in plans.flatMap(\.plan.runs) {
                for stop in run.stops {
                    let time = LocalTime(minuteOfDay: min(1439, stop.start / 60))!
                    if stop.kind == .pickup { pickups[stop.journeyID] = time } else { dropOffs[stop.journeyID] = time }
                    vehicles[stop.journeyID] = names[run.shiftID]
                }
            }
            for booking in plans.flatMap(\.thirdParty) { vehicles[booking.journeyID] = "\(booking.providerName) (third party)" }
            let patients = Dictionary(try await session.patients.find(ids: Array(Set(journeys.map(\.patientID)))).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let rows = journeys.map { j -> ClinicList.Row in
                let patient = patients[j.patientID]
                let arriving = j.direction == .toAppointment
                return ClinicList.Row(
                    journeyID: j.id, patientName: patient.map { "\($0.givenName) \($0.familyName)" } ?? "patient \(j.patientID.rawValue)",
                    nhsNumber: patient?.nhsNumber.formatted ?? "", direction: j.direction, time: j.time,
                    planned: arriving ? dropOffs[j.id] : pickups[j.id], actual: arriving ? j.progress.delivered : j.progress.pickedUp,
                    mobility: j.mobility, escorts: j.escorts, vehicle: vehicles[j.id], status: j.status)
            }.sorted { a, b in
                (a.direction == .home ? 1 : 0, a.planned ?? a.time, a.time, a.journeyID.rawValue) < (b.direction == .home ? 1 : 0, b.planned ?? b.time, b.time, b.journeyID.rawValue)
            }
            return ClinicList(site: site, date: date, rows: rows, address: try await Self.addresses(in: session)[siteID.rawValue])
        }
    }

    /// Sends `siteID`'s clinic list for `date` to the site through the outbox (PT-07): an email
    /// to the site, written now (the list as it stands, and the CSV), audited. Each send queues
    /// another message: a list sent again after a re-plan goes out again.
    public func send(siteID: ClinicLocation.ID, on date: LocalDate, by caller: Caller) async throws -> OutboxMessage {
        let list = try await list(siteID: siteID, on: date, by: caller)
        let now = env.clock.now()
        let message = OutboxMessage(id: .init(env.ids.make(prefix: "msg")), kind: .clinicList, channel: .email, recipient: .site, patientID: nil,
                                    referralID: nil, appointmentID: nil, dueAt: now, subject: list.subject, body: list.text, createdAt: now)
        var addressed = message
        addressed.siteID = siteID
        addressed.address = list.address
        let queued = addressed
        try await env.store.write { session in
            try await session.outbox.insert(queued)
            try await AuditTrail.record(.init(action: "transport.clinicList.send", entityType: "site", entityID: siteID.rawValue,
                                              detail: "date=\(date.iso) message=\(queued.id.rawValue) rows=\(list.rows.count)"), by: caller, at: now, in: session)
        }
        return queued
    }
}

extension ClinicList {
    /// "Clinic list: Manchester Royal Infirmary, Tuesday 8 December 2026".
    public var subject: String { "Clinic list: \(site.name), \(LetterText.long(date))" }

    /// The list as plain text for the site's reception — arrivals, then departures, a line each —
    /// followed by the CSV.
    public var text: String {
        func line(_ r: Row) -> String {
            let arriving = r.direction == .toAppointment
            let planned = r.planned.map { (arriving ? "arrives " : "collected ") + $0.iso } ?? "not yet planned"
            let escorts = r.escorts == 0 ? "" : r.escorts == 1 ? ", 1 escort" : ", \(r.escorts) escorts"
            return "\(r.time.iso) \(arriving ? "appointment" : "ready"), \(planned): \(r.patientName) (NHS \(r.nhsNumber)), \(r.mobility.label)\(escorts)"
                + (r.vehicle.map { ", \($0)" } ?? "") + (r.status == .cancelled || r.status == .aborted ? " [\(r.status.rawValue)]" : "")
        }
        let arriving = rows.filter { $0.direction == .toAppointment }, leaving = rows.filter { $0.direction == .home }
        var out = "Patients coming to \(site.name) by hospital transport on \(LetterText.long(date)).\n\nArriving (\(arriving.count)):\n"
        out += arriving.isEmpty ? "None.\n" : arriving.map(line).joined(separator: "\n") + "\n"
        out += "\nGoing home (\(leaving.count)):\n"
        out += leaving.isEmpty ? "None.\n" : leaving.map(line).joined(separator: "\n") + "\n"
        return out + "\nAs CSV:\n" + csv
    }
}

/// Each site's email address for its clinic lists (PT-07), kept by transport managers: a list
/// sent to the site goes there; a site without one is addressed by the gateway.
extension ClinicListService {
    /// The settings key the addresses are stored under (site id → address).
    static let addressesKey = "transport.clinicListAddresses"

    /// Sets (or with nil, removes) the clinic-list address of site `siteID` (audited).
    public func setAddress(siteID: ClinicLocation.ID, email: String?, by caller: Caller) async throws -> String? {
        try caller.require(anyOf: TransportBookingService.contractRoles, to: "set clinic-list addresses")
        let address = email?.trimmingCharacters(in: .whitespaces)
        if let address, !Patient.isPlausibleEmail(address) || address.count > 254 {
            throw ServiceError.invalid([.init(path: "email", code: "email.format", message: "email must look like name@domain, such as reception@hospital.nhs.uk.")])
        }
        let now = env.clock.now()
        try await env.store.write { session in
            guard try await session.organisation.location(id: siteID) != nil else { throw ServiceError.notFound(entity: "Site", id: siteID.rawValue) }
            var all = try await Self.addresses(in: session)
            all[siteID.rawValue] = address
            try await session.settings.setEncoded(all, for: Self.addressesKey)
            try await AuditTrail.record(.init(action: address == nil ? "transport.clinicList.address.remove" : "transport.clinicList.address.set",
                                              entityType: "site", entityID: siteID.rawValue), by: caller, at: now, in: session)
        }
        return address
    }

    static func addresses(in session: any StoreSession) async throws -> [String: String] {
        try await session.settings.decoded([String: String].self, for: addressesKey, what: "clinic-list addresses") ?? [:]
    }
}

