import Foundation
import Hummingbird
import SchedulingDomain
import SchedulingServices

/// The fleet (PT-02): each vehicle with its space, base and periods off the road. Planners read
/// it; managers add, change and remove vehicles and take them off the road or put them back
/// (each error beside its field, the form keeping what was typed; a period's effect on shifts on
/// record said at once).
extension TransportPagesController {
    struct VehicleForm: Decodable {
        var csrf: String?
        var vehicleId, code, name, seats, wheelchairSpaces, stretchers, folding, bariatric, baseId, clusterId, remove: String?
        enum CodingKeys: String, CodingKey { case csrf = "_csrf", vehicleId, code, name, seats, wheelchairSpaces, stretchers, folding, bariatric, baseId, clusterId, remove }
    }

    struct OffRoadForm: Decodable {
        var csrf: String?
        var vehicleId, fromDate, fromTime, toDate, toTime, reason, end: String?
        enum CodingKeys: String, CodingKey { case csrf = "_csrf", vehicleId, fromDate, fromTime, toDate, toTime, reason, end }
    }

    struct CrewSkillsForm: Decodable {
        var csrf: String?
        var userId: String?
        var skills: [String]?
        enum CodingKeys: String, CodingKey { case csrf = "_csrf", userId, skills }
    }

    /// Records what a crew member is trained for.
    func submitCrewSkills(_ request: Request, context: KairosRequestContext) async throws -> Response {
        var request = request
        let form = try await request.decodeForm(CrewSkillsForm.self, context: context)
        try CSRF.check(form.csrf, context: context)
        let skills = Set((form.skills ?? []).compactMap(CrewSkill.init(rawValue:)))
        _ = try await transport.bookings.setCrewSkills(userID: .init(form.userId ?? ""), skills, by: context.caller())
        return .redirect(to: "/transport/fleet?saved=crew#crew-head", type: .normal)
    }

    func fleetPage(_ request: Request, context: KairosRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        var extra: [String: Any] = [:]
        let cut = query["cut"].flatMap { Int(String($0)) } ?? 0
        let offRoad = "The vehicle is off the road for that period. " + (cut == 0 ? "No shift on record is affected."
            : "It cuts \(cut) shift\(cut == 1 ? "" : "s") on record (the board shows what is left): plan \(cut == 1 ? "that day" : "those days") again.")
        if let saved = query["saved"].map(String.init), let notice = ["vehicle": "The vehicle is saved.", "removed": "The vehicle is removed.",
                                                                       "onRoad": "The vehicle is back on the road for that period.", "offRoad": offRoad,
                                                                       "crew": "The crew member's training is saved."][saved] {
            extra["saved"] = notice
        }
        if let id = query["vehicle"].map(String.init), let v = try await transport.bookings.vehicles(by: context.caller()).first(where: { $0.id == id }) {
            extra.merge(["vehicleId": v.id, "vehicleName": v.name, "seats": String(v.capacity.seats), "wheelchairSpaces": String(v.capacity.wheelchairSpaces),
                         "stretchers": String(v.capacity.stretchers), "folding": String(v.convertibleWheelchairSpaces), "bariatricChecked": v.bariatric,
                         "chosenBase": v.baseID ?? "", "chosenCluster": v.cluster, "editingVehicle": true]) { $1 }
        }
        return try await fleet(context: context, extra: extra)
    }

    func fleet(context: KairosRequestContext, extra: [String: Any] = [:], status: HTTPResponse.Status = .ok) async throws -> Response {
        let caller = try context.caller()
        let vehicles = try await transport.bookings.vehicles(by: caller), bases = try await transport.bookings.bases(by: caller)
        let crew = try await transport.bookings.crew(by: caller), clusters = try await transport.bookings.clusters(by: caller)
        let baseName = Dictionary(bases.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let clusterName = Dictionary(clusters.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let today = shared.environment.today
        var data: [String: Any] = [
            "canEdit": caller.principal.holds(anyOf: TransportBookingService.contractRoles),
            "vehicles": vehicles.map { v -> [String: Any] in
                let periods = v.offRoad.enumerated().filter { $0.element.to.date >= today }.map { k, p -> [String: Any] in
                    ["index": k + 1, "vehicleId": v.id, "when": Self.span(p), "reason": p.reason]
                }
                return ["id": v.id, "name": v.name, "space": v.spaceDescription, "base": v.baseID.flatMap { baseName[$0] } ?? "None on record",
                        "cluster": clusterName[v.cluster] ?? v.cluster,
                        "bariatric": v.bariatric ? "Yes" : "No", "periods": periods, "hasPeriods": !periods.isEmpty]
            },
            "hasVehicles": !vehicles.isEmpty, "severalClusters": clusters.count > 1,
            "crew": crew.map { m -> [String: Any] in
                ["id": m.user.id.rawValue, "name": m.user.displayName,
                 "trained": m.skills.map { $0.isEmpty ? "Neither" : CrewSkill.allCases.filter($0.contains).map(\.label.capitalizedFirst).joined(separator: "; ") }
                    ?? "Not on record",
                 "skills": CrewSkill.allCases.map { ["value": $0.rawValue, "label": $0.label.capitalizedFirst, "checked": m.skills?.contains($0) == true] }]
            },
            "hasCrew": !crew.isEmpty,
            "offRoadDate": today.iso, "offRoadToDate": today.iso, "fromTime": "", "toTime": "",
            "seats": "", "wheelchairSpaces": "0", "stretchers": "0", "folding": "0",
        ]
        data.merge(extra) { $1 }
        let chosenBase = data["chosenBase"] as? String ?? "", chosenVehicle = data["chosenVehicle"] as? String ?? ""
        data["baseChoices"] = bases.map { ["id": $0.id, "name": $0.name, "selected": $0.id == chosenBase] }
        let chosenCluster = data["chosenCluster"] as? String ?? TransportCluster.mainID
        data["clusterChoices"] = clusters.map { ["id": $0.id, "name": $0.name, "selected": $0.id == chosenCluster] }
        data["vehicleChoices"] = vehicles.map { ["id": $0.id, "name": $0.name, "selected": $0.id == chosenVehicle] }
        return try pages.page("transport/fleet", title: "Fleet", data, context: context, status: status)
    }

    /// "Tue 8 Dec 2026 09:00 to 12:00", or to another day's date and time.
    static func span(_ p: TransportVehicle.OffRoad) -> String {
        "\(Display.dateTime(p.from.date, p.from.time)) to " + (p.to.date == p.from.date ? Display.time(p.to.time) : Display.dateTime(p.to.date, p.to.time))
    }

    /// Adds, changes or removes a vehicle.
    func submitVehicle(_ request: Request, context: KairosRequestContext) async throws -> Response {
        var request = request
        let form = try await request.decodeForm(VehicleForm.self, context: context)
        try CSRF.check(form.csrf, context: context)
        let caller = try context.caller()
        if let id = form.remove {
            _ = try await transport.bookings.removeVehicle(id: id, by: caller)
            return .redirect(to: "/transport/fleet?saved=removed", type: .normal)
        }
        var c = ValidationCollector()
        func count(_ text: String?, _ field: String, _ label: String) -> Int {
            let trimmed = (text ?? "").trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { return 0 }
            guard let n = Int(trimmed) else {
                c.add(field, "field.integer", "\(label) must be a whole number.")
                return 0
            }
            return n
        }
        let name = (form.name ?? "").trimmingCharacters(in: .whitespaces)
        let existing = try await transport.bookings.vehicles(by: caller)
        let editing = form.vehicleId.flatMap { id in existing.contains { $0.id == id } ? id : nil }
        let typedCode = (form.code ?? "").trimmingCharacters(in: .whitespaces)
        let id = editing ?? (typedCode.isEmpty ? Self.newID(name, taken: Set(existing.map(\.id))) : typedCode)
        if editing == nil && existing.contains(where: { $0.id == id }) { c.add("id", "vehicle.duplicate", "Code \(id) is another vehicle's; choose another.") }
        let vehicle = TransportVehicle(
            id: id, name: name,
            capacity: VehicleSpace(seats: count(form.seats, "capacity.seats", "Seats"), wheelchairSpaces: count(form.wheelchairSpaces, "capacity.wheelchairSpaces", "Wheelchair spaces"),
                                   stretchers: count(form.stretchers, "capacity.stretchers", "Stretchers")),
            convertibleWheelchairSpaces: count(form.folding, "convertibleWheelchairSpaces", "Folding"), bariatric: form.bariatric != nil,
            baseID: (form.baseId ?? "").isEmpty ? nil : form.baseId, offRoad: existing.first { $0.id == editing }?.offRoad ?? [],
            clusterID: form.clusterId.flatMap { $0.isEmpty || $0 == TransportCluster.mainID ? nil : $0 })
        do {
            let named = Set(c.issues.map(\.path))
            let issues = c.issues + vehicle.validate().filter { !named.contains($0.path) }
            if !issues.isEmpty { throw ServiceError.invalid(issues) }
            _ = try await transport.bookings.saveVehicle(vehicle, by: caller)
            return .redirect(to: "/transport/fleet?saved=vehicle", type: .normal)
        } catch let error as ServiceError {
            guard case .invalid = error else { throw error }
            let problem = PageRenderer.formProblem(error, fields: [
                "name": .init("vehicleName", "Call sign"), "id": .init("code", "Code"), "capacity.seats": .init("seats", "Seats"),
                "capacity.wheelchairSpaces": .init("wheelchairSpaces", "Wheelchair spaces"), "capacity.stretchers": .init("stretchers", "Stretchers"),
                "capacity": .init("seats", "Space"), "convertibleWheelchairSpaces": .init("folding", "Folding"), "baseID": .init("baseId", "Base"),
                "clusterID": .init("clusterId", "Cluster"),
            ])
            let again: [String: Any] = ["vehicleId": form.vehicleId ?? "", "code": form.code ?? "", "vehicleName": form.name ?? "", "seats": form.seats ?? "",
                                        "wheelchairSpaces": form.wheelchairSpaces ?? "", "stretchers": form.stretchers ?? "", "folding": form.folding ?? "",
                                        "bariatricChecked": form.bariatric != nil, "chosenBase": form.baseId ?? "", "chosenCluster": form.clusterId ?? "",
                                        "editingVehicle": editing != nil]
            return try await fleet(context: context, extra: again.merging(problem.data) { $1 }, status: problem.status)
        }
    }

    /// Takes a vehicle off the road, or puts it back for one of its periods.
    func submitOffRoad(_ request: Request, context: KairosRequestContext) async throws -> Response {
        var request = request
        let form = try await request.decodeForm(OffRoadForm.self, context: context)
        try CSRF.check(form.csrf, context: context)
        let caller = try context.caller()
        if let end = form.end {
            let parts = end.split(separator: "#")
            guard parts.count == 2, let index = Int(parts[1]), index >= 1 else { throw ServiceError.notFound(entity: "Period off the road", id: end) }
            _ = try await transport.bookings.endOffRoad(vehicleID: String(parts[0]), index: index - 1, by: caller)
            return .redirect(to: "/transport/fleet?saved=onRoad", type: .normal)
        }
        var c = ValidationCollector()
        func moment(_ date: String?, _ time: String?, _ field: String, _ label: String) -> LocalDateTime? {
            let d = LocalDate(iso: (date ?? "").trimmingCharacters(in: .whitespaces)), t = LocalTime(iso: (time ?? "").trimmingCharacters(in: .whitespaces))
            switch (d, t) {
            case (let d?, let t?): return LocalDateTime(date: d, time: t)
            case (nil, nil): c.add(field, "field.dateTime", "\(label) needs a day and a time, like 09:00.")
            case (nil, _): c.add(field, "field.date", "\(label) needs a day.")
            case (_, nil): c.add(field, "field.time", "\(label) needs a time, like 09:00.")
            }
            return nil
        }
        let vehicleID = (form.vehicleId ?? "").isEmpty ? nil : form.vehicleId
        if vehicleID == nil { c.add("vehicleId", "field.required", "Choose the vehicle.") }
        let from = moment(form.fromDate, form.fromTime, "from", "From"), to = moment(form.toDate, form.toTime, "to", "Until")
        let reason = (form.reason ?? "").trimmingCharacters(in: .whitespaces)
        let again: [String: Any] = ["chosenVehicle": form.vehicleId ?? "", "offRoadDate": form.fromDate ?? "", "fromTime": form.fromTime ?? "",
                                    "offRoadToDate": form.toDate ?? "", "toTime": form.toTime ?? "", "reason": form.reason ?? ""]
        let fields: [String: PageRenderer.FormField] = ["vehicleId": .init("vehicleId", "Vehicle"), "from": .init("from", "From"), "to": .init("to", "Until"),
                                                        "reason": .init("reason", "Reason", whenMissing: "Say why it is off the road (a service, an MOT, a repair).")]
        do {
            if reason.isEmpty { c.add("reason", "field.required", "reason is required.") }
            guard let vehicleID, let from, let to, c.issues.isEmpty else { throw ServiceError.invalid(c.issues) }
            let (_, cut) = try await transport.bookings.takeOffRoad(vehicleID: vehicleID, .init(from: from, to: to, reason: reason), by: caller)
            return .redirect(to: "/transport/fleet?saved=offRoad&cut=\(cut.count)", type: .normal)
        } catch let error as ServiceError {
            guard case .invalid = error else { throw error }
            let problem = PageRenderer.formProblem(error, fields: fields)
            return try await fleet(context: context, extra: again.merging(problem.data) { $1 }, status: problem.status)
        }
    }
}
