import Foundation
import SchedulingDomain

/// The outpatient reports (OP-12): 18-week performance, the list's shape, breaches by specialty,
/// slot utilisation and DNA rate.
public struct WaitingListReport: Codable, Sendable, Equatable {
    /// One specialty's line.
    public struct SpecialtyLine: Codable, Sendable, Equatable {
        public var specialtyID: Specialty.ID
        public var name: String
        /// Open pathways.
        public var waiting: Int
        /// Of which waiting more than 18 weeks.
        public var breached: Int
        /// Share within 18 weeks (1 for none waiting).
        public var withinStandard: Double
        /// The longest wait, in whole weeks.
        public var longestWeeks: Int
    }

    /// Clinic slots over the past window.
    public struct Utilisation: Codable, Sendable, Equatable {
        public var from: LocalDate
        public var through: LocalDate
        /// Slots that ran (not cancelled).
        public var slots: Int
        /// Of which booked.
        public var booked: Int
        /// booked ÷ slots (0 with no slots).
        public var rate: Double
        /// Slots cancelled in the window (sessions cancelled).
        public var cancelled: Int
    }

    /// Attendance over the past window.
    public struct Attendance: Codable, Sendable, Equatable {
        public var from: LocalDate
        public var through: LocalDate
        public var attended: Int
        public var dna: Int
        /// Booked appointments in the window whose outcome is not recorded yet.
        public var unrecorded: Int
        /// dna ÷ (attended + dna) (0 with neither).
        public var dnaRate: Double
    }

    public var asOf: LocalDate
    public var specialtyID: Specialty.ID?
    /// Open pathways.
    public var waiting: Int
    /// Waiting more than 18 weeks.
    public var breached: Int
    /// Share within 18 weeks: the RTT incomplete-pathway standard is 92%.
    public var withinStandard: Double
    public var shape: WaitingListShape
    /// Specialties with the most breaches first.
    public var bySpecialty: [SpecialtyLine]
    public var utilisation: Utilisation
    public var attendance: Attendance
}

/// Reports and the what-if projection (OP-12, BR-04). Reading only; ids, never patient details.
public struct ReportService: Sendable {
    private let env: ServiceEnvironment

    /// Creates the service.
    public init(_ environment: ServiceEnvironment) { env = environment }

    /// The waiting-list report as of today, for one specialty or all; utilisation and attendance
    /// over the past `days` days (1–366).
    public func waitingList(specialtyID: Specialty.ID? = nil, days: Int = 28, by caller: Caller) async throws -> WaitingListReport {
        try caller.require(anyOf: Role.outpatientStaff, to: "read reports")
        guard (1...366).contains(days) else { throw ServiceError.invalid([.init(path: "days", code: "field.range", message: "days must be 1 to 366.")]) }
        let today = env.today
        let from = today.adding(days: -days), through = today.adding(days: -1), cache = env.cache
        return try await env.store.read { session in
            try await cache.value("report|\(today.iso)|\(specialtyID?.rawValue ?? "*")|\(days)", version: try await session.version()) {
                try await Self.waitingList(in: session, specialtyID: specialtyID, today: today, from: from, through: through)
            }
        }
    }

    /// The waiting-list report computed from the store.
    static func waitingList(in session: any StoreSession, specialtyID: Specialty.ID?, today: LocalDate, from: LocalDate, through: LocalDate) async throws
        -> WaitingListReport
    {
        let specialties = try await session.organisation.specialties()
        if let specialtyID, !specialties.contains(where: { $0.id == specialtyID }) {
            throw ServiceError.invalid([.init(path: "specialtyId", code: "specialty.unknown", message: "specialtyId \(specialtyID) is not a specialty.")])
        }
        let open = try await session.referrals.open(specialtyID: specialtyID)
        var lines: [WaitingListReport.SpecialtyLine] = []
        for specialty in specialties where specialtyID == nil || specialty.id == specialtyID {
            let mine = open.filter { $0.specialtyID == specialty.id }
            let breached = mine.filter { $0.clock.isBreached(asOf: today) }.count
            lines.append(.init(specialtyID: specialty.id, name: specialty.name, waiting: mine.count, breached: breached,
                               withinStandard: mine.isEmpty ? 1 : Double(mine.count - breached) / Double(mine.count),
                               longestWeeks: mine.map { $0.clock.weeksWaited(asOf: today) }.max() ?? 0))
        }
        lines.sort { ($1.breached, $1.waiting, $0.name) < ($0.breached, $0.waiting, $1.name) }
        let breached = open.filter { $0.clock.isBreached(asOf: today) }.count
        let past = try await session.clinics.slots(from: from, through: through, specialtyID: specialtyID, status: nil)
        let ran = past.filter { $0.status != .cancelled }
        let booked = ran.filter { $0.status == .booked }
        let held = try await session.appointments.holding(slotIDs: booked.map(\.id))
        let attended = held.filter { $0.status == .attended }.count, dna = held.filter { $0.status == .dna }.count
        return WaitingListReport(
            asOf: today, specialtyID: specialtyID, waiting: open.count, breached: breached,
            withinStandard: open.isEmpty ? 1 : Double(open.count - breached) / Double(open.count),
            shape: WaitingListShape(weeksWaited: open.map { $0.clock.weeksWaited(asOf: today) }), bySpecialty: lines,
            utilisation: .init(from: from, through: through, slots: ran.count, booked: booked.count,
                               rate: ran.isEmpty ? 0 : Double(booked.count) / Double(ran.count), cancelled: past.count - ran.count),
            attendance: .init(from: from, through: through, attended: attended, dna: dna, unrecorded: held.filter { $0.status == .booked }.count,
                              dnaRate: attended + dna == 0 ? 0 : Double(dna) / Double(attended + dna)))
    }

    /// What-if input; absent figures are measured: capacity from the pathways completed (RTT
    /// clocks stopped) a week over the past four weeks, referrals and their urgent share from the
    /// past 12 weeks.
    public struct ProjectionRequest: Sendable, Equatable {
        public var specialtyID: Specialty.ID?
        public var weeks: Int
        public var extraPerWeek: Int
        public var capacityPerWeek: Int?
        public var referralsPerWeek: Int?

        /// Creates a request.
        public init(specialtyID: Specialty.ID? = nil, weeks: Int = 26, extraPerWeek: Int = 0, capacityPerWeek: Int? = nil, referralsPerWeek: Int? = nil) {
            self.specialtyID = specialtyID
            self.weeks = weeks
            self.extraPerWeek = extraPerWeek
            self.capacityPerWeek = capacityPerWeek
            self.referralsPerWeek = referralsPerWeek
        }
    }

    /// Projects the open list (one specialty or all) week by week from the coming Monday.
    public func projection(_ request: ProjectionRequest, by caller: Caller) async throws -> BacklogProjection {
        try caller.require(anyOf: Role.outpatientStaff, to: "read reports")
        let today = env.today, cache = env.cache
        let key = "projection|\(today.iso)|\(request.specialtyID?.rawValue ?? "*")|\(request.weeks)|\(request.extraPerWeek)|\(request.capacityPerWeek ?? -1)|\(request.referralsPerWeek ?? -1)"
        return try await env.store.read { session in
            try await cache.value(key, version: try await session.version()) {
                try await Self.projection(in: session, request, today: today)
            }
        }
    }

    /// The projection computed from the store.
    static func projection(in session: any StoreSession, _ request: ProjectionRequest, today: LocalDate) async throws -> BacklogProjection {
        if let id = request.specialtyID, try await !session.organisation.specialties().contains(where: { $0.id == id }) {
            throw ServiceError.invalid([.init(path: "specialtyId", code: "specialty.unknown", message: "specialtyId \(id) is not a specialty.")])
        }
        let open = try await session.referrals.open(specialtyID: request.specialtyID)
        // Capacity is what takes pathways off the list: RTT clocks stopped (treatment, discharge,
        // removal) a week over the past four weeks. A first appointment alone does not: the
        // pathway stays open, with its clock, until it stops.
        var capacity = request.capacityPerWeek ?? 0
        if request.capacityPerWeek == nil {
            let stopped = try await session.referrals.stoppedCount(from: today.adding(days: -28), through: today.adding(days: -1), specialtyID: request.specialtyID)
            capacity = Int((Double(stopped) / 4).rounded())
        }
        let received = try await session.referrals.receivedCounts(from: today.adding(days: -84), through: today.adding(days: -1),
                                                                  specialtyID: request.specialtyID)
        let total = received.values.reduce(0, +), urgent = received.filter { $0.key.isUrgent }.values.reduce(0, +)
        let assumptions = BacklogProjection.Assumptions(
            capacityPerWeek: capacity, extraPerWeek: request.extraPerWeek,
            referralsPerWeek: request.referralsPerWeek ?? Int((Double(total) / 12).rounded()),
            urgentShare: total == 0 ? 0 : Double(urgent) / Double(total), weeks: request.weeks)
        let issues = assumptions.validate()
        if !issues.isEmpty { throw ServiceError.invalid(issues) }
        // The list as it stands today (the same count as the report's "past 18 weeks"), projected
        // week by week from the coming Monday.
        let monday = today.adding(days: (8 - today.isoWeekday) % 7)
        return BacklogProjection(daysWaited: open.map { ($0.clock.daysWaited(asOf: today), $0.priority.isUrgent) }, from: monday, assumptions)
    }

    /// The projection and its check: the mean of 20 patient-level simulations with the same
    /// capacity and inflow, random arrivals and the DNA rate of the past four weeks.
    public struct ProjectionCheck: Sendable, Equatable {
        public var projection: BacklogProjection
        public var simulation: [BacklogSimulation.Week]
        public var dnaRate: Double
        /// The largest gap between the two in patients waiting, as a share of the projection's figure.
        public var largestGap: Double
    }

    /// The projection with its simulation check.
    public func projectionCheck(_ request: ProjectionRequest, by caller: Caller) async throws -> ProjectionCheck {
        try caller.require(anyOf: Role.outpatientStaff, to: "read reports")
        let today = env.today, cache = env.cache
        let key = "projection-check|\(today.iso)|\(request.specialtyID?.rawValue ?? "*")|\(request.weeks)|\(request.extraPerWeek)|\(request.capacityPerWeek ?? -1)|\(request.referralsPerWeek ?? -1)"
        return try await env.store.read { session in
            try await cache.value(key, version: try await session.version()) {
                let projection = try await Self.projection(in: session, request, today: today)
                let report = try await Self.waitingList(in: session, specialtyID: request.specialtyID, today: today, from: today.adding(days: -28),
                                                        through: today.adding(days: -1))
                let open = try await session.referrals.open(specialtyID: request.specialtyID)
                let list = open.map { ($0.clock.daysWaited(asOf: today), $0.priority.isUrgent) }
                let simulation = BacklogSimulation.mean(daysWaited: list, projection.assumptions, dnaRate: report.attendance.dnaRate, runs: 20, seed: 2026)
                let gap = zip(projection.series, simulation).map { p, s in Double(abs(p.waiting - s.waiting)) / Double(max(1, p.waiting)) }.max() ?? 0
                return ProjectionCheck(projection: projection, simulation: simulation, dnaRate: report.attendance.dnaRate, largestGap: gap)
            }
        }
    }
}
