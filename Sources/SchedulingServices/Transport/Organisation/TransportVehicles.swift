import Foundation
import SchedulingDomain

/// The fleet on record (PT-02): each vehicle's call sign, space, base and periods off the road,
/// kept by transport managers. A shift names its vehicle and copies what it carries; when a day is
/// planned, a vehicle's periods off the road take its shifts out for that time
/// (``TransportVehicle/available(_:)``).
extension TransportBookingService {
    /// The fleet, in the order it was set.
    public func vehicles(by caller: Caller) async throws -> [TransportVehicle] {
        try caller.require(anyOf: Self.officeRoles, to: "read the fleet")
        return try await env.store.read { try await Self.vehicles(in: $0) }
    }

    /// Adds `vehicle`, or replaces the one with its code (audited): its own rules by field, a
    /// base on record, and a call sign no other vehicle has.
    public func saveVehicle(_ vehicle: TransportVehicle, by caller: Caller) async throws -> [TransportVehicle] {
        try caller.require(anyOf: Self.contractRoles, to: "keep the fleet")
        return try await change(Self.fleetList, id: vehicle.id, action: "transport.vehicles.save", by: caller) { list, session in
            var issues = vehicle.validate()
            if let baseID = vehicle.baseID, !(try await Self.bases(in: session)).contains(where: { $0.id == baseID }) {
                issues.append(.init(path: "baseID", code: "vehicle.unknownBase", message: "baseID: \(baseID) is not a base on record."))
            }
            issues += try await Self.clusterIssues(vehicle.clusterID, in: session)
            if let taken = list.nameTaken(by: vehicle, code: "vehicle.duplicateName", what: "vehicle") { issues.append(taken) }
            guard issues.isEmpty else { throw ServiceError.invalid(issues) }
            try list.put(vehicle, maximum: TransportVehicle.maximumCount, code: "vehicle.tooMany", message: "A fleet lists at most \(TransportVehicle.maximumCount) vehicles.")
        }
    }

    /// Removes the vehicle `id` (audited); shifts made on it keep what they copied.
    public func removeVehicle(id: String, by caller: Caller) async throws -> [TransportVehicle] {
        try caller.require(anyOf: Self.contractRoles, to: "keep the fleet")
        return try await change(Self.fleetList, id: id, action: "transport.vehicles.remove", by: caller) { list, _ in
            guard let k = list.firstIndex(where: { $0.id == id }) else { throw ServiceError.notFound(entity: "Vehicle", id: id) }
            list.remove(at: k)
        }
    }

    /// Takes vehicle `id` off the road for `period` (audited), and answers the vehicle and its
    /// shifts on record that the period cuts (plans made for their days become out of date).
    public func takeOffRoad(vehicleID id: String, _ period: TransportVehicle.OffRoad, by caller: Caller) async throws
        -> (vehicle: TransportVehicle, cut: [VehicleShift])
    {
        try caller.require(anyOf: Self.contractRoles, to: "keep the fleet")
        let list = try await change(Self.fleetList, id: id, action: "transport.vehicles.offRoad", by: caller) { list, _ in
            guard let k = list.firstIndex(where: { $0.id == id }) else { throw ServiceError.notFound(entity: "Vehicle", id: id) }
            list[k].offRoad.append(period)
            let issues = list[k].validate().filter { $0.path.hasPrefix("offRoad") }
            guard issues.isEmpty else { throw ServiceError.invalid(issues.map {
                .init(path: Self.periodField($0.path), code: $0.code, message: $0.message.hasPrefix("offRoad[") ? Self.periodField($0.message) : $0.message)
            }) }
        }
        guard let vehicle = list.first(where: { $0.id == id }) else { throw ServiceError.notFound(entity: "Vehicle", id: id) }
        // The shifts on record it cuts, a fortnight at most ahead of the period's start.
        var cut: [VehicleShift] = []
        var date = max(period.from.date, env.today)
        while LocalDateTime(date: date, time: LocalTime(minuteOfDay: 0)!) < period.to && date <= period.from.date.adding(days: 14) {
            let day = date
            cut += try await env.store.read { try await $0.vehicleShifts.shifts(on: day) }.filter { $0.vehicleID == id && period.overlaps($0.date, $0.start, $0.end) }
            date = date.adding(days: 1)
        }
        return (vehicle, cut)
    }

    /// Splits shift `id` around the period its vehicle is off the road within its hours (audited):
    /// the shift on record then ends when the period starts, and a new shift on the same vehicle,
    /// with the same crew and base, carries on when it ends — the vehicle back from the workshop.
    /// Answers both. A shift with no such period, or of a past day, is a conflict.
    public func splitShift(id: VehicleShift.ID, by caller: Caller) async throws -> (before: VehicleShift, after: VehicleShift) {
        try caller.require(anyOf: Self.officeRoles, to: "split vehicle shifts")
        let now = env.clock.now(), today = env.today
        let afterID = VehicleShift.ID(env.ids.make(prefix: "shf"))
        return try await env.store.write { session in
            guard let shift = try await session.vehicleShifts.find(id: id) else { throw ServiceError.notFound(entity: "Vehicle shift", id: id.rawValue) }
            guard shift.date >= today else { throw ServiceError.conflict(code: "shift.past", message: "Shift \(id) was on \(shift.date), a day gone by.") }
            let vehicle = try await Self.vehicles(in: session).first { $0.id == shift.vehicleID }
            guard let (period, parts) = vehicle?.offRoad.sorted(by: { $0.from < $1.from }).lazy
                .compactMap({ p in shift.split(around: p, afterID: afterID).map { (p, $0) } }).first
            else {
                throw ServiceError.conflict(code: "shift.noPeriodWithin",
                                            message: "\(shift.vehicleName)'s shift has no period off the road within its hours to carry on after.")
            }
            try await session.vehicleShifts.updateHours(parts.before)
            try await session.vehicleShifts.insert(parts.after)
            let crew = try await session.vehicleShifts.crew(of: id)
            if !crew.isEmpty { try await session.vehicleShifts.setCrew(crew, of: afterID) }
            try await AuditTrail.record(.init(action: "transport.shift.split", entityType: "vehicle-shift", entityID: id.rawValue,
                                              detail: "after=\(afterID.rawValue) from=\(period.from) to=\(period.to)"), by: caller, at: now, in: session)
            return parts
        }
    }

    /// Puts vehicle `id` back on the road for its `index`th period (from 0, as stored; audited).
    public func endOffRoad(vehicleID id: String, index: Int, by caller: Caller) async throws -> TransportVehicle {
        try caller.require(anyOf: Self.contractRoles, to: "keep the fleet")
        let list = try await change(Self.fleetList, id: id, action: "transport.vehicles.onRoad", by: caller) { list, _ in
            guard let k = list.firstIndex(where: { $0.id == id }), list[k].offRoad.indices.contains(index) else {
                throw ServiceError.notFound(entity: "Period off the road", id: "\(id) #\(index + 1)")
            }
            list[k].offRoad.remove(at: index)
        }
        guard let vehicle = list.first(where: { $0.id == id }) else { throw ServiceError.notFound(entity: "Vehicle", id: id) }
        return vehicle
    }

    /// What a shift's `vehicleID` gives: no vehicle named, a vehicle on record, or a code that is
    /// not one (already an issue: the call sign and base it would have given are not asked for).
    enum NamedVehicle {
        case none
        case known(TransportVehicle)
        case unknown

        var vehicle: TransportVehicle? { if case .known(let v) = self { v } else { nil } }
        var isUnknown: Bool { if case .unknown = self { true } else { false } }
    }

    /// The vehicle `input` names and the input with the vehicle's call sign, space, folding seats
    /// and (unless the input names one) base filled in; a field the vehicle decides that the
    /// input gives too, an unknown vehicle, or a bariatric crew on a vehicle not equipped for it
    /// is an issue.
    func vehicle(of input: ShiftInput, _ c: inout ValidationCollector) async throws -> (NamedVehicle, ShiftInput) {
        guard let id = input.vehicleID else { return (.none, input) }
        let fleet = try await env.store.read { try await Self.vehicles(in: $0) }
        guard let vehicle = fleet.first(where: { $0.id == id }) else {
            c.add("vehicleID", "shift.unknownVehicle", "vehicleID: \(id) is not a vehicle on record\(fleet.isEmpty ? "" : " (\(fleet.prefix(10).map(\.id).joined(separator: ", "))\(fleet.count > 10 ? ", …" : ""))").")
            return (.unknown, input)
        }
        let decided: [(String, Bool)] = [("vehicleName", input.vehicleName != nil), ("seats", input.seats != nil), ("wheelchairSpaces", input.wheelchairSpaces != nil),
                                         ("stretchers", input.stretchers != nil), ("convertibleWheelchairSpaces", input.convertibleWheelchairSpaces != nil)]
        for (field, given) in decided where given {
            c.add(field, "shift.vehicleDecides", "\(field): leave it out; \(vehicle.name)'s own is used.")
        }
        if input.bariatric == true && !vehicle.bariatric {
            c.add("bariatric", "shift.vehicleNotBariatric", "bariatric: \(vehicle.name) is not equipped for bariatric patients.")
        }
        var filled = input
        filled.vehicleName = vehicle.name
        (filled.seats, filled.wheelchairSpaces, filled.stretchers) = (vehicle.capacity.seats, vehicle.capacity.wheelchairSpaces, vehicle.capacity.stretchers)
        filled.convertibleWheelchairSpaces = vehicle.convertibleWheelchairSpaces
        filled.bariatric = input.bariatric ?? vehicle.bariatric
        if input.baseID == nil && input.base == nil { filled.baseID = vehicle.baseID }
        return (.known(vehicle), filled)
    }

    /// `offRoad[3].to` → `to`: a period's fields (and messages) as a form or a body names them.
    static func periodField(_ path: String) -> String {
        guard let dot = path.firstIndex(of: ".") else { return "offRoad" }
        return String(path[path.index(after: dot)...])
    }

    static func vehicles(in session: any StoreSession) async throws -> [TransportVehicle] {
        try await session.settings.decoded([TransportVehicle].self, for: TransportVehicle.key, what: "fleet") ?? []
    }

    /// The day's shifts as planning sees them — what the fleet's periods off the road leave of
    /// them, each with what its named crew is trained for — and those a period takes out or cuts;
    /// cluster `cluster`'s shifts only.
    static func planningShifts(on date: LocalDate, cluster: String, in session: any StoreSession) async throws -> (shifts: [VehicleShift], offRoad: [OffRoadShift]) {
        let fleet = try await vehicles(in: session)
        let ofCluster = try await session.vehicleShifts.shifts(on: date).filter { Self.cluster(of: $0, fleet: fleet) == cluster }
        let (left, offRoad) = available(ofCluster, fleet: fleet)
        let skills = try await crewSkills(in: session)
        guard !skills.isEmpty else { return (left, offRoad) }
        let crews = try await session.vehicleShifts.crews(on: date)
        let shifts = left.map { shift in
            // Only a crew whose every member's training is on record changes what the shift may carry.
            let members = (crews[shift.id] ?? []).map { skills[$0.rawValue] }
            return members.contains(nil) ? shift : shift.crewed(by: members.compactMap { $0 })
        }
        return (shifts, offRoad)
    }

    /// The day's shifts as the fleet's periods off the road leave them, and those it takes out
    /// or cuts with the period that does.
    static func available(_ shifts: [VehicleShift], fleet: [TransportVehicle]) -> (shifts: [VehicleShift], offRoad: [OffRoadShift]) {
        let byID = Dictionary(fleet.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var kept: [VehicleShift] = [], touched: [OffRoadShift] = []
        for shift in shifts {
            guard let vehicle = shift.vehicleID.flatMap({ byID[$0] }), let period = vehicle.offRoad(on: shift.date, from: shift.start, to: shift.end) else {
                kept.append(shift)
                continue
            }
            let left = vehicle.available(shift)
            if let left { kept.append(left) }
            touched.append(OffRoadShift(shift: shift, period: period, left: left))
        }
        return (kept, touched)
    }
}

/// A shift a period off the road takes out (`left` nil) or cuts to `left`.
public struct OffRoadShift: Sendable, Equatable {
    public var shift: VehicleShift
    public var period: TransportVehicle.OffRoad
    public var left: VehicleShift?
}

/// Crew members and what they are trained for (PT-02): managers record it; planning lets a
/// stretcher patient travel only with two crew trained for stretchers, and a bariatric patient
/// only with a crew all trained for it, once every member's training is on record.
extension TransportBookingService {
    /// A crew member and their training (nil: not on record).
    public struct CrewMember: Sendable, Equatable {
        public var user: UserAccount
        public var skills: Set<CrewSkill>?
    }

    /// Every crew member (the crew role), by name.
    public func crew(by caller: Caller) async throws -> [CrewMember] {
        try caller.require(anyOf: Self.officeRoles, to: "read the crews")
        return try await env.store.read { session in
            let skills = try await Self.crewSkills(in: session)
            return try await session.users.list().filter { $0.role == .crew }.sorted { $0.displayName < $1.displayName }
                .map { CrewMember(user: $0, skills: skills[$0.id.rawValue]) }
        }
    }

    /// Records what crew member `userID` is trained for (audited); their shifts carry by it when
    /// a day is planned.
    public func setCrewSkills(userID: UserAccount.ID, _ skills: Set<CrewSkill>, by caller: Caller) async throws -> CrewMember {
        try caller.require(anyOf: Self.contractRoles, to: "record crew training")
        let now = env.clock.now()
        return try await env.store.write { session in
            guard let user = try await session.users.find(id: userID), user.role == .crew else {
                throw ServiceError.notFound(entity: "Crew member", id: userID.rawValue)
            }
            var all = try await Self.crewSkills(in: session)
            all[userID.rawValue] = skills
            try await session.settings.setEncoded(all.mapValues { $0.map(\.rawValue).sorted() }, for: Self.crewSkillsKey)
            try await AuditTrail.record(.init(action: "transport.crew.skills", entityType: "user", entityID: userID.rawValue,
                                              detail: "skills=\(skills.map(\.rawValue).sorted().joined(separator: ","))"), by: caller, at: now, in: session)
            return CrewMember(user: user, skills: skills)
        }
    }

    /// The settings key crew training is stored under: user id → skills.
    static let crewSkillsKey = "transport.crewSkills"

    static func crewSkills(in session: any StoreSession) async throws -> [String: Set<CrewSkill>] {
        let stored = try await session.settings.decoded([String: [String]].self, for: crewSkillsKey, what: "crew training") ?? [:]
        return stored.mapValues { Set($0.compactMap(CrewSkill.init(rawValue:))) }
    }
}
