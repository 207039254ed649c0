import Foundation
import SchedulingDomain

/// Journey bookings and vehicle shifts (PT-01, PT-02, PT-06): booking by form or API, journeys
/// made from the outpatient bookings' transport requests (OP-11), cancellation, the day's
/// shifts with their crews, and the contract's standards. Each booking is checked against the
/// day's fleet: a mobility category no vehicle can carry, or an appointment no vehicle could
/// reach in time, is refused naming the field.
public struct TransportBookingService: Sendable {
    let env: ServiceEnvironment
    /// Travel estimated as the planner estimates it.
    let estimator: any TravelTimeEstimator = HaversineTravelEstimator()

    /// Roles that book journeys, add shifts and plan: the transport office and admins.
    public static let officeRoles: Set<Role> = Role.transportOffice.union([.admin])
    /// Roles that set the contract's terms.
    public static let contractRoles: Set<Role> = [.admin, .transportManager]

    /// Creates the service.
    public init(_ environment: ServiceEnvironment) { env = environment }

    // MARK: Journeys

    /// Books a journey (two for `both`: there and back), checked against the patient's record and
    /// the day's fleet; nothing is stored unless every rule holds.
    public func book(_ input: JourneyInput, by caller: Caller) async throws -> [TransportJourney] {
        try caller.require(anyOf: Self.officeRoles, to: "book transport journeys")
        let journeys = try await prepare(input)
        try await store(journeys, source: "form", by: caller)
        return journeys
    }

    /// Checks a booking as ``book(_:by:)`` would, storing nothing (the form uses it to name every
    /// field's problem at once).
    public func check(_ input: JourneyInput, by caller: Caller) async throws {
        try caller.require(anyOf: Self.officeRoles, to: "book transport journeys")
        _ = try await prepare(input)
    }

    /// The journeys `input` books, every rule checked (the patient, the day, the times, the places,
    /// and the day's fleet); throws every issue, storing nothing.
    func prepare(_ input: JourneyInput) async throws -> [TransportJourney] {
        var c = ValidationCollector()
        let patientID = c.requireText(input.patientID, at: "patientID", maxLength: 100).map { Patient.ID($0) }
        let date = c.requireDate(input.date, at: "date")
        let direction = c.requireChoice(input.direction, BookedDirection.self, at: "direction")
        let time = Self.time(input.time, at: "time", required: true, &c)
        let returnTime = Self.time(input.returnTime, at: "returnTime", required: direction == .both, &c)
        let mobility = c.requireChoice(input.mobility, MobilityCategory.self, at: "mobility")
        let escorts = input.escorts ?? 0
        let eligibility = (input.eligibility ?? "").isEmpty ? nil : c.requireChoice(input.eligibility, TransportJourney.Eligibility.self, at: "eligibility")
        let notes = c.optionalText(input.notes, at: "notes", maxLength: 500, multiline: true)
        if let date, date < env.today { c.add("date", "journey.past", "date \(date) is in the past; book today or a later day.") }
        if let time, let returnTime, returnTime <= time {
            c.add("returnTime", "journey.returnBeforeAppointment", "returnTime \(returnTime) must be after the appointment at \(time).")
        }
        if direction != .both, input.returnTime != nil {
            c.add("returnTime", "journey.returnOnlyForBoth", "returnTime is only for a journey there and back (direction both).")
        }
        let contracts = try await env.store.read { try await Self.contracts(in: $0) }
        var contract = contracts[0]
        if let code = input.contract, !code.isEmpty {
            if let found = contracts.first(where: { $0.id == code }) { contract = found } else {
                c.add("contract", "contract.unknown", "contract \(code) is not a contract on record; the contracts are \(contracts.map(\.id).joined(separator: ", ")).")
            }
        }
        let patient = try await patientID.asyncMap { id in try await env.store.read { try await $0.patients.find(id: id) } } ?? nil
        if let patientID, patient == nil { c.add("patientID", "patient.unknown", "patientID: no patient \(patientID) is registered.") }
        let home = patient?.address.coordinates
        let outboundPickup = input.pickup ?? (direction == .home ? nil : home)
        let destination = input.destination ?? (direction == .home ? home : nil)
        if outboundPickup == nil && direction != nil {
            c.add("pickup", "field.required", patient == nil || home != nil ? "pickup is required." : "pickup is required: the patient's address has no map position.")
        }
        if destination == nil && direction != nil {
            c.add("destination", "field.required", direction == .home && patient != nil && home == nil
                ? "destination is required: the patient's address has no map position." : "destination is required.")
        }
        guard let patientID, let date, let direction, let time, let mobility, let outboundPickup, let destination, c.issues.isEmpty else {
            throw ServiceError.invalid(c.issues)
        }
        var journeys: [TransportJourney] = []
        func make(_ d: TransportJourney.Direction, _ at: LocalTime, from: Coordinates, to: Coordinates) {
            var journey = TransportJourney(id: .init(env.ids.make(prefix: "jny")), patientID: patientID, date: date, direction: d, time: at,
                                           pickup: from, destination: to, mobility: mobility, escorts: escorts)
            journey.ecj = input.ecj ?? false
            journey.urgent = input.urgent ?? false
            journey.bariatric = input.bariatric ?? false
            journey.eligibility = eligibility
            journey.notes = notes
            journey.contractID = contract.id == contracts[0].id ? nil : contract.id
            journeys.append(journey)
        }
        switch direction {
        case .toAppointment: make(.toAppointment, time, from: outboundPickup, to: destination)
        case .home: make(.home, time, from: outboundPickup, to: destination)
        case .both:
            make(.toAppointment, time, from: outboundPickup, to: destination)
            if let returnTime { make(.home, returnTime, from: destination, to: outboundPickup) }
        }
        for (k, journey) in journeys.enumerated() {
            let path = journeys.count > 1 && k == 1 ? "returnTime" : "time"
            for issue in journey.validate() {
                c.add(issue.path == "escorts" || issue.path.hasPrefix("pickup") || issue.path.hasPrefix("destination") ? issue.path : path, issue.code, issue.message)
            }
        }
        let cluster = contract.cluster
        let fleet = try await env.store.read { try await Self.planningShifts(on: date, cluster: cluster, in: $0).shifts }
        if c.issues.isEmpty { Self.checkFleet(journeys, fleet: fleet, standards: contract.standards, estimator: estimator, &c) }
        guard c.issues.isEmpty else { throw ServiceError.invalid(Self.unique(c.issues)) }
        return journeys
    }

    /// Stores checked journeys in one transaction, each audited.
    func store(_ journeys: [TransportJourney], source: String, by caller: Caller) async throws {
        let now = env.clock.now()
        try await env.store.write { session in
            for journey in journeys {
                try await session.transportJourneys.insert(journey)
                try await AuditTrail.record(.init(action: "transport.journey.book", entityType: "transport-journey", entityID: journey.id.rawValue,
                                                  detail: "direction=\(journey.direction.rawValue) mobility=\(journey.mobility.rawValue) source=\(source)"),
                                            by: caller, at: now, in: session)
            }
        }
    }

    /// The journeys of a day, by time.
    public func journeys(on date: LocalDate, by caller: Caller) async throws -> [TransportJourney] {
        try caller.require(anyOf: Self.officeRoles, to: "read transport journeys")
        return try await env.store.read { try await $0.transportJourneys.journeys(on: date) }
    }

    /// One journey.
    public func journey(id: TransportJourney.ID, by caller: Caller) async throws -> TransportJourney {
        try caller.require(anyOf: Self.officeRoles, to: "read transport journeys")
        guard let journey = try await env.store.read({ try await $0.transportJourneys.find(id: id) }) else {
            throw ServiceError.notFound(entity: "Journey", id: id.rawValue)
        }
        return journey
    }

    /// Cancels a journey not yet under way (booked, confirmed or planned), with a reason (audited).
    public func cancel(id: TransportJourney.ID, reason: String?, by caller: Caller) async throws -> TransportJourney {
        try caller.require(anyOf: Self.officeRoles, to: "cancel transport journeys")
        var c = ValidationCollector()
        let why = c.requireChoice(reason, JourneyCancellationReason.self, at: "reason")
        guard let why else { throw ServiceError.invalid(c.issues) }
        let now = env.clock.now()
        return try await env.store.write { session in
            guard var journey = try await session.transportJourneys.find(id: id) else { throw ServiceError.notFound(entity: "Journey", id: id.rawValue) }
            guard [.booked, .confirmed, .planned].contains(journey.status) else {
                throw ServiceError.conflict(code: "journey.notCancellable", message: "Journey \(id.rawValue) is \(journey.status.rawValue); only a journey not yet under way can be cancelled.")
            }
            journey.status = .cancelled
            try await session.transportJourneys.update(journey)
            try await AuditTrail.record(.init(action: "transport.journey.cancel", entityType: "transport-journey", entityID: id.rawValue, detail: "reason=\(why.rawValue)"),
                                        by: caller, at: now, in: session)
            return journey
        }
    }

    /// A patient ready early or late to go home (PT-04): the journey home starts from the new
    /// time (audited). The day then differs from its committed plan, which the board says, until
    /// a re-plan from the time places it again.
    public func changeReadyTime(id: TransportJourney.ID, time text: String?, by caller: Caller) async throws -> TransportJourney {
        try caller.require(anyOf: Self.officeRoles, to: "change when patients are ready")
        var c = ValidationCollector()
        guard let time = Self.time(text, at: "time", required: true, &c) else { throw ServiceError.invalid(c.issues) }
        let now = env.clock.now()
        return try await env.store.write { session in
            guard var journey = try await session.transportJourneys.find(id: id) else { throw ServiceError.notFound(entity: "Journey", id: id.rawValue) }
            let was = journey.time
            do throws(DomainRuleBroken) { try journey.changeReadyTime(time) } catch { throw ServiceError.conflict(code: error.code, message: error.message) }
            try await session.transportJourneys.update(journey)
            try await AuditTrail.record(.init(action: "transport.journey.ready", entityType: "transport-journey", entityID: id.rawValue, detail: "from=\(was) to=\(time)"),
                                        by: caller, at: now, in: session)
            return journey
        }
    }

    /// The patients of `journeys`, by id, for the office's pages (people by name, never ids).
    public func patients(of journeys: [TransportJourney], by caller: Caller) async throws -> [Patient.ID: Patient] {
        try caller.require(anyOf: Self.officeRoles, to: "read transport journeys")
        let ids = Array(Set(journeys.map(\.patientID)))
        let found = try await env.store.read { try await $0.patients.find(ids: ids) }
        return Dictionary(found.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The patient with this NHS number, for booking their transport (the lookup is audited);
    /// a number that is malformed or not registered is named at `nhsNumber`.
    public func patient(nhsNumber text: String?, by caller: Caller) async throws -> Patient {
        try caller.require(anyOf: Self.officeRoles, to: "book transport journeys")
        guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ServiceError.invalid([.init(path: "nhsNumber", code: "field.required", message: "nhsNumber is required.")])
        }
        let number: NHSNumber
        do { number = try NHSNumber(text) } catch {
            throw ServiceError.invalid([.init(path: "nhsNumber", code: "nhsNumber.invalid", message: "nhsNumber must be 10 digits with a valid check digit.")])
        }
        guard let patient = try await env.store.read({ try await $0.patients.find(nhsNumber: number) }) else {
            throw ServiceError.invalid([.init(path: "nhsNumber", code: "patient.unknown", message: "nhsNumber: no patient with this NHS number is registered.")])
        }
        let now = env.clock.now()
        try await env.store.write { session in
            try await AuditTrail.record(.init(action: "patient.lookup", entityType: "patient", entityID: patient.id.rawValue, detail: "transport booking"),
                                        by: caller, at: now, in: session)
        }
        return patient
    }

    // MARK: Shifts

    /// Adds a vehicle shift with its crew (audited).
    public func addShift(_ input: ShiftInput, by caller: Caller) async throws -> VehicleShift {
        try caller.require(anyOf: Self.officeRoles, to: "add vehicle shifts")
        var c = ValidationCollector()
        let (named, input) = try await vehicle(of: input, &c)
        let vehicle = named.vehicle
        let date = c.requireDate(input.date, at: "date")
        // An unknown vehicle is the issue: the call sign and base it would have given are not asked for.
        let name = named.isUnknown ? nil : c.requireText(input.vehicleName, at: "vehicleName", maxLength: 80)
        let start = Self.time(input.start, at: "start", required: true, &c), end = Self.time(input.end, at: "end", required: true, &c)
        let base = named.isUnknown ? nil : try await base(of: input, &c)
        if let vehicle, let date, let start, let end, end > start, let period = vehicle.offRoad(on: date, from: start, to: end) {
            c.add("start", "shift.offRoad", "\(vehicle.name) is off the road from \(period.from.date) \(period.from.time) to \(period.to.date) \(period.to.time) (\(period.reason)): "
                + "choose hours outside it, or another vehicle.")
        }
        // One vehicle, one crew at a time.
        if let vehicle, let date, let start, let end, end > start,
           let busy = try await env.store.read({ try await $0.vehicleShifts.shifts(on: date) }).first(where: { $0.vehicleID == vehicle.id && $0.start < end && start < $0.end })
        {
            c.add("start", "shift.vehicleBusy", "\(vehicle.name) already has a shift from \(busy.start) to \(busy.end) on \(date): choose hours outside it, or another vehicle.")
        }
        if input.crewSize == nil { c.add("crewSize", "field.required", "crewSize is required.") }
        let breakParts = [input.breakEarliest != nil, input.breakLatest != nil, input.breakMinutes != nil]
        if breakParts.contains(true) && breakParts.contains(false) {
            c.add("breakEarliest", "shift.breakPartial", "breakEarliest, breakLatest and breakMinutes go together: give all three or none.")
        }
        let earliest = Self.time(input.breakEarliest, at: "breakEarliest", required: false, &c), latest = Self.time(input.breakLatest, at: "breakLatest", required: false, &c)
        if let date, date < env.today { c.add("date", "shift.past", "date \(date) is in the past.") }
        let crew = (input.crewUserIDs ?? []).map { UserAccount.ID($0) }
        if crew.count > 2 { c.add("crewUserIDs", "shift.crewCount", "crewUserIDs may name at most two crew members.") }
        let skills = try await env.store.read { try await Self.crewSkills(in: $0) }
        for (k, id) in crew.enumerated() {
            let user = try await env.store.read { try await $0.users.find(id: id) }
            if user?.role != .crew { c.add("crewUserIDs[\(k)]", "shift.crewUnknown", "crewUserIDs[\(k)]: \(id) is not a crew member's account.") }
            // A bariatric shift needs a crew trained for it: one whose training on record says otherwise is refused.
            if let user, user.role == .crew, input.bariatric == true, let trained = skills[id.rawValue], !trained.contains(.bariatric) {
                c.add("crewUserIDs[\(k)]", "shift.crewTraining",
                      "crewUserIDs[\(k)]: \(user.displayName) is not trained for bariatric patients (as recorded on the fleet page): name a trained crew member, or record the training first.")
            }
        }
        guard let date, let name, let start, let end, let base, let crewSize = input.crewSize, c.issues.isEmpty else { throw ServiceError.invalid(c.issues) }
        let rest = earliest.flatMap { e in latest.flatMap { l in input.breakMinutes.map { VehicleShift.RestBreak(earliest: e, latest: l, minutes: $0) } } }
        let shift = {
            var made = VehicleShift(id: .init(env.ids.make(prefix: "shf")), date: date, vehicleName: name,
                                    capacity: VehicleSpace(seats: input.seats ?? 0, wheelchairSpaces: input.wheelchairSpaces ?? 0, stretchers: input.stretchers ?? 0),
                                    crewSize: crewSize, base: base.place, start: start, end: end, restBreak: rest)
            made.baseName = base.name
            made.bariatric = input.bariatric ?? false
            made.convertibleWheelchairSpaces = input.convertibleWheelchairSpaces ?? 0
            made.vehicleID = vehicle?.id
            made.overtimeMinutes = input.overtimeMinutes ?? 0
            return made
        }()
        // The shift's paths as the input names them (`restBreak.latest` → `breakLatest`).
        let inputPaths = ["restBreak": "breakEarliest", "restBreak.earliest": "breakEarliest", "restBreak.latest": "breakLatest", "restBreak.minutes": "breakMinutes"]
        var issues = shift.validate().map { issue in
            ValidationIssue(path: issue.path.hasPrefix("capacity.") ? String(issue.path.dropFirst("capacity.".count)) : inputPaths[issue.path] ?? issue.path,
                            code: issue.code,
                            message: issue.message.replacingOccurrences(of: "restBreak.earliest", with: "breakEarliest").replacingOccurrences(of: "restBreak.latest", with: "breakLatest")
                                .replacingOccurrences(of: "restBreak.minutes", with: "breakMinutes").replacingOccurrences(of: "restBreak must", with: "breakEarliest must"))
        }
        if crew.count > crewSize { issues.append(.init(path: "crewUserIDs", code: "shift.crewCount", message: "crewUserIDs names \(crew.count) crew members for a crew of \(crewSize).")) }
        guard issues.isEmpty else { throw ServiceError.invalid(issues) }
        let now = env.clock.now()
        try await env.store.write { session in
            try await session.vehicleShifts.insert(shift)
            if !crew.isEmpty { try await session.vehicleShifts.setCrew(crew, of: shift.id) }
            try await AuditTrail.record(.init(action: "transport.shift.add", entityType: "vehicle-shift", entityID: shift.id.rawValue), by: caller, at: now, in: session)
        }
        return shift
    }

    /// The shifts of a day, by start.
    public func shifts(on date: LocalDate, by caller: Caller) async throws -> [VehicleShift] {
        try caller.require(anyOf: Self.officeRoles, to: "read vehicle shifts")
        return try await env.store.read { try await $0.vehicleShifts.shifts(on: date) }
    }

    // MARK: Rules

    /// Refuses journeys no shift of the day can carry, or whose appointment no shift that can
    /// carry it could reach in time (a day without shifts yet is not judged).
    static func checkFleet(_ journeys: [TransportJourney], fleet: [VehicleShift], standards: ServiceStandards, estimator: any TravelTimeEstimator,
                           _ c: inout ValidationCollector)
    {
        guard !fleet.isEmpty, let first = journeys.first else { return }
        let able = fleet.filter { $0.canCarry(first) }
        guard !able.isEmpty else {
            let needs = (first.mobility == .stretcher ? " and a crew of two trained for stretchers" : first.mobility.crewNeeded > 1 ? " and a crew of two" : "")
                + (first.bariatric ? " and a bariatric vehicle and crew" : "")
            c.add("mobility", "journey.noVehicle",
                  "mobility: no vehicle on \(first.date) can carry a \(first.mobility.label) patient with \(first.escorts) escort(s) (needs \(first.load)\(needs)).")
            return
        }
        for journey in journeys where journey.direction == .toAppointment {
            let w = standards.windows(for: journey)
            let ride = estimator.estimate(from: journey.pickup, to: journey.destination, mode: .car).duration.value
            let earliestArrival = able.map { (shift: VehicleShift) -> Int in
                let toPickup = estimator.estimate(from: shift.base, to: journey.pickup, mode: .car).duration.value
                return shift.start.minuteOfDay * 60 + toPickup + w.boarding + ride
            }.min() ?? 0
            if earliestArrival > w.dropOff.upperBound {
                let late = (earliestArrival - w.dropOff.upperBound + 59) / 60
                c.add("time", "journey.tooEarly",
                      "time \(journey.time): no vehicle can bring the patient in time; the earliest arrival is \(late) minutes too late (vehicles start at \(able.map(\.start).min()!)).")
            }
        }
    }

    static func time(_ value: String?, at path: String, required: Bool, _ c: inout ValidationCollector) -> LocalTime? {
        guard let value else {
            if required { c.add(path, "field.required", "\(path) is required.") }
            return nil
        }
        guard let time = LocalTime(iso: value) else {
            c.add(path, "time.format", "\(path) must be a time as HH:MM.")
            return nil
        }
        return time
    }

    static func unique(_ issues: [ValidationIssue]) -> [ValidationIssue] {
        var seen: Set<String> = []
        return issues.filter { seen.insert("\($0.path)|\($0.code)").inserted }
    }
}

extension Optional {
    func asyncMap<U>(_ transform: (Wrapped) async throws -> U) async rethrows -> U? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
