import Crypto
import Foundation
import SchedulingDomain

/// A vehicle shift's run sheet (PT-07): the committed plan's run for one shift, stop by stop,
/// with what the crew needs at each (the patient by name, mobility, escorts, the address).
public struct RunSheet: Codable, Sendable, Equatable {
    /// One stop: a pickup or a drop-off.
    public struct Stop: Codable, Sendable, Equatable {
        public var journeyID: TransportJourney.ID
        public var kind: TransportPlan.StopKind
        /// When the vehicle arrives, and when boarding or alighting starts.
        public var arrival: LocalTime
        public var start: LocalTime
        public var patientName: String
        public var mobility: MobilityCategory
        public var escorts: Int
        /// The appointment (to an appointment) or when the patient is ready (home).
        public var appointmentOrReady: LocalTime
        public var direction: TransportJourney.Direction
        public var place: Coordinates
        /// The patient's address where the stop is at the patient's home; the site's name and
        /// postcode where it is at one of the organisation's sites.
        public var address: String?
        public var status: TransportJourney.Status
        /// What the crew recorded so far.
        public var progress: TransportJourney.Progress
        /// Special needs the office noted for the crew.
        public var notes: String?
        /// An urgent journey; a bariatric patient.
        public var urgent = false
        public var bariatric = false
    }

    public var shift: VehicleShift
    /// The committed plan's version and when it was committed (nil: nothing committed for the day yet).
    public var planVersion: Int?
    public var committedAt: Date?
    public var departure: LocalTime?
    public var back: LocalTime?
    /// The crew's break: from when, after how many stops.
    public var breakStart: LocalTime?
    public var breakAfterStops: Int?
    public var stops: [Stop]
}

/// What a crew records at a stop, as typed or sent (PT-07).
public struct JourneyEventInput: Codable, Sendable, Equatable {
    /// `arrived`, `picked-up`, `delivered` or `aborted`.
    public var event: String?
    /// HH:MM; now if left out.
    public var time: String?
    /// The incident note (required to abort; at most 500 characters).
    public var note: String?

    /// Creates input.
    public init(event: String? = nil, time: String? = nil, note: String? = nil) {
        self.event = event
        self.time = time
        self.note = note
    }
}

/// Run sheets: a crew member reads only the sheets of the shifts they work (PT-07); the
/// transport office reads any. A sheet outside the caller's reach is not found.
public struct RunSheetService: Sendable {
    private let env: ServiceEnvironment

    /// Creates the service.
    public init(_ environment: ServiceEnvironment) { env = environment }

    /// Roles that read run sheets (crews their own only).
    public static let readers: Set<Role> = TransportBookingService.officeRoles.union([.crew])

    /// The caller's own run sheets for a day (a crew member's shifts; for the office, every shift's).
    public func mine(on date: LocalDate, by caller: Caller) async throws -> [RunSheet] {
        try caller.require(anyOf: Self.readers, to: "read run sheets")
        return try await env.store.read { session in
            try await Self.sheets(crewMember: caller.principal.role == .crew ? caller.principal.actorID : nil, on: date, in: session)
        }
    }

    /// The run sheets of a crew member's shifts on a day (`nil`: every shift's).
    static func sheets(crewMember: String?, on date: LocalDate, in session: any StoreSession) async throws -> [RunSheet] {
        let shifts = if let crewMember {
            try await session.vehicleShifts.shifts(crewMember: .init(crewMember), on: date)
        } else {
            try await session.vehicleShifts.shifts(on: date)
        }
        let plans = try await session.transportPlans.committed(on: date)
        let context = try await Self.context(for: shifts, plans: plans, in: session)
        let fleet = try await TransportBookingService.vehicles(in: session)
        return shifts.map { Self.sheet(for: $0, committed: Self.plan(for: $0, among: plans, fleet: fleet), context) }
    }

    /// The run sheets of each of `crewMembers` on a day, the day's plans and fleet read once
    /// (each member's sheets as ``sheets(crewMember:on:in:)`` gives them).
    static func sheets(crewMembers: some Sequence<String>, on date: LocalDate, in session: any StoreSession) async throws -> [String: [RunSheet]] {
        let all = Dictionary(try await sheets(crewMember: nil, on: date, in: session).map { ($0.shift.id, $0) }, uniquingKeysWith: { a, _ in a })
        var out: [String: [RunSheet]] = [:]
        for member in crewMembers {
            out[member] = try await session.vehicleShifts.shifts(crewMember: .init(member), on: date).compactMap { all[$0.id] }
        }
        return out
    }

    /// A short fingerprint of the caller's run sheets for a day: it changes whenever anything on
    /// them does (a re-plan committed, a journey cancelled, a stop recorded), so a phone showing
    /// them can ask cheaply whether to load them again (PT-07, live run sheets).
    public func stamp(on date: LocalDate, by caller: Caller) async throws -> String {
        try Self.stamp(of: try await mine(on: date, by: caller))
    }

    /// The fingerprint of sheets already read (the page that shows them need not read them twice).
    public static func stamp(of sheets: [RunSheet]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return SHA256.hash(data: try encoder.encode(sheets)).prefix(12).map { String(format: "%02x", $0) }.joined()
    }

    /// One shift's run sheet; a crew member only for a shift they work.
    public func sheet(shiftID: VehicleShift.ID, by caller: Caller) async throws -> RunSheet {
        try caller.require(anyOf: Self.readers, to: "read run sheets")
        return try await env.store.read { session in
            guard let shift = try await session.vehicleShifts.find(id: shiftID) else { throw ServiceError.notFound(entity: "Run sheet", id: shiftID.rawValue) }
            if caller.principal.role == .crew, !(try await session.vehicleShifts.crew(of: shiftID)).contains(.init(caller.principal.actorID)) {
                throw ServiceError.notFound(entity: "Run sheet", id: shiftID.rawValue)
            }
            let plans = try await session.transportPlans.committed(on: shift.date)
            let committed = Self.plan(for: shift, among: plans, fleet: try await TransportBookingService.vehicles(in: session))
            return Self.sheet(for: shift, committed: committed, try await Self.context(for: [shift], plans: plans, in: session))
        }
    }

    /// Records what happened at a stop (PT-07): arrived, picked up, delivered, or aborted with an
    /// incident note, at `time` (HH:MM; now if left out). A crew member records only for a journey
    /// on one of their own runs; the note is stored, never logged or audited.
    public func record(journeyID: TransportJourney.ID, _ input: JourneyEventInput, by caller: Caller) async throws -> TransportJourney {
        try caller.require(anyOf: Self.readers, to: "record journey events")
        var c = ValidationCollector()
        let event = c.requireChoice(input.event, TransportJourney.Event.self, at: "event")
        let time = TransportBookingService.time(input.time, at: "time", required: false, &c)
        let note = c.optionalText(input.note, at: "note", maxLength: 500, multiline: true)
        guard let event, c.issues.isEmpty else { throw ServiceError.invalid(c.issues) }
        let env = env
        let now = env.clock.now()
        let at = time ?? env.calendar.localDateTime(at: now).time
        return try await env.store.write { session in
            guard var journey = try await session.transportJourneys.find(id: journeyID) else { throw ServiceError.notFound(entity: "Journey", id: journeyID.rawValue) }
            if caller.principal.role == .crew {
                let mine = Set(try await session.vehicleShifts.shifts(crewMember: .init(caller.principal.actorID), on: journey.date).map(\.id))
                let run = try await session.transportPlans.committed(on: journey.date).lazy.flatMap(\.plan.runs).first { $0.stops.contains { $0.journeyID == journeyID } }
                guard let run, mine.contains(run.shiftID) else { throw ServiceError.notFound(entity: "Journey", id: journeyID.rawValue) }
            }
            do throws(DomainRuleBroken) { try journey.record(event, at: at, note: note) } catch {
                switch error.code {
                case "journey.incidentRequired": throw ServiceError.invalid([.init(path: "note", code: error.code, message: "note: " + error.message)])
                case "journey.timeOrder": throw ServiceError.invalid([.init(path: "time", code: error.code, message: "time: " + error.message)])
                default: throw ServiceError.conflict(code: error.code, message: error.message)
                }
            }
            try await session.transportJourneys.update(journey)
            try await AuditTrail.record(.init(action: "transport.journey.\(event.rawValue)", entityType: "transport-journey", entityID: journeyID.rawValue,
                                              detail: "at=\(at.iso)"), by: caller, at: now, in: session)
            return journey
        }
    }

    /// What the sheets of a day need, read once for all of them: its journeys, their patients, the sites.
    struct Context {
        var journeys: [TransportJourney.ID: TransportJourney] = [:]
        var patients: [Patient.ID: Patient] = [:]
        var locations: [ClinicLocation] = []
    }

    /// The committed plan `shift` works to: the one with its run, else its cluster's (nil: none yet).
    static func plan(for shift: VehicleShift, among plans: [CommittedTransportPlan], fleet: [TransportVehicle]) -> CommittedTransportPlan? {
        plans.first { $0.plan.runs.contains { $0.shiftID == shift.id } }
            ?? plans.first { $0.clusterID == TransportBookingService.cluster(of: shift, fleet: fleet) }
    }

    static func context(for shifts: [VehicleShift], plans: [CommittedTransportPlan], in session: any StoreSession) async throws -> Context {
        guard let date = shifts.first?.date, shifts.contains(where: { s in plans.contains { $0.plan.runs.contains { $0.shiftID == s.id } } }) else {
            return Context()
        }
        let journeys = Dictionary(try await session.transportJourneys.journeys(on: date).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let patients = Dictionary(try await session.patients.find(ids: Array(Set(journeys.values.map(\.patientID)))).map { ($0.id, $0) },
                                  uniquingKeysWith: { a, _ in a })
        return Context(journeys: journeys, patients: patients, locations: try await session.organisation.locations())
    }

    static func sheet(for shift: VehicleShift, committed: CommittedTransportPlan?, _ context: Context) -> RunSheet {
        guard let committed, let run = committed.plan.runs.first(where: { $0.shiftID == shift.id }) else {
            return RunSheet(shift: shift, planVersion: committed?.version, committedAt: committed?.committedAt, stops: [])
        }
        let journeys = context.journeys, patients = context.patients, locations = context.locations
        func time(_ seconds: Int) -> LocalTime { LocalTime(minuteOfDay: min(24 * 60 - 1, max(0, seconds / 60)))! }
        let stops = run.stops.compactMap { stop -> RunSheet.Stop? in
            guard let journey = journeys[stop.journeyID] else { return nil }
            let patient = patients[journey.patientID]
            let place = stop.kind == .pickup ? journey.pickup : journey.destination
            let atHome = patient?.address.coordinates == place
            let site = atHome ? nil : locations.first { $0.address.coordinates.map { $0.greatCircleMeters(to: place) < 250 } ?? false }
            return RunSheet.Stop(
                journeyID: journey.id, kind: stop.kind, arrival: time(stop.arrival), start: time(stop.start),
                patientName: patient.map { "\($0.givenName) \($0.familyName)" } ?? "patient \(journey.patientID.rawValue)",
                mobility: journey.mobility, escorts: journey.escorts, appointmentOrReady: journey.time, direction: journey.direction, place: place,
                address: atHome ? patient.map { ($0.address.lines + [$0.address.town, $0.address.postcode]).joined(separator: ", ") }
                    : site.map { "\($0.name), \($0.address.postcode)" },
                status: journey.status, progress: journey.progress, notes: journey.notes, urgent: journey.urgent, bariatric: journey.bariatric)
        }
        return RunSheet(shift: shift, planVersion: committed.version, committedAt: committed.committedAt, departure: time(run.departure), back: time(run.back),
                        breakStart: run.breakStart.map(time), breakAfterStops: run.breakAfterStops, stops: stops)
    }
}
