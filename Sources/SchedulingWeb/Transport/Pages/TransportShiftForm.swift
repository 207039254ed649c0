import Foundation
import Hummingbird
import SchedulingDomain
import SchedulingServices

/// "Add a vehicle shift" on the day board: a vehicle of the cluster's fleet, its crew by name,
/// the hours, the break and the overtime the crew may work (PT-02, PT-03) — a relief vehicle or a
/// crew put on for the day without leaving the board. Each error beside its field, what was
/// typed kept.
extension TransportRoutes {
    static let shiftSubmit = RouteSpec(
        method: .post, path: "/transport/day/shifts", access: office, kind: .page, operationID: "submitTransportShift",
        summary: "From the day board: add a vehicle shift (a vehicle of the fleet, its crew, hours, break and overtime allowed; audited).",
        operation: .init(requestSchema: "TransportShiftForm", requestMedia: .form,
                         responses: [("303", "Added: back to the board's shifts.", nil, .html), ("422", "The board again, each error beside its field.", nil, .html)]))
}

extension TransportPagesController {
    struct ShiftForm: Decodable {
        var csrf: String?
        var date, cluster, vehicleId, baseId, crewSize, crew1, crew2, start, end, breakEarliest, breakLatest, breakMinutes, overtimeMinutes: String?
        enum CodingKeys: String, CodingKey {
            case csrf = "_csrf", date, cluster, vehicleId, baseId, crewSize, crew1, crew2, start, end, breakEarliest, breakLatest, breakMinutes, overtimeMinutes
        }

        /// The form's values as typed, for the board to show again.
        var typed: [String: Any] {
            ["shiftVehicleId": vehicleId ?? "", "shiftBaseId": baseId ?? "", "shiftCrewSize": crewSize ?? "", "shiftCrew1": crew1 ?? "", "shiftCrew2": crew2 ?? "", "shiftStart": start ?? "",
             "shiftEnd": end ?? "", "shiftBreakEarliest": breakEarliest ?? "", "shiftBreakLatest": breakLatest ?? "", "shiftBreakMinutes": breakMinutes ?? "",
             "shiftOvertime": overtimeMinutes ?? "", "openShiftForm": true]
        }
    }

    /// The input paths → the form's fields.
    static let shiftFields: [String: PageRenderer.FormField] = [
        "vehicleID": .init("shiftVehicleId", "The vehicle", whenMissing: "Choose the vehicle."),
        "baseID": .init("shiftBaseId", "The base", whenMissing: "Choose the base: this vehicle has none on record."), "crewSize": .init("shiftCrewSize", "The crew", whenMissing: "Choose one or two crew."),
        "crewUserIDs": .init("shiftCrew1", "The crew"), "crewUserIDs[0]": .init("shiftCrew1", "The first crew member"), "crewUserIDs[1]": .init("shiftCrew2", "The second crew member"),
        "start": .init("shiftStart", "Start", whenMissing: "Give the time the shift starts."), "end": .init("shiftEnd", "End", whenMissing: "Give the time the shift ends."),
        "breakEarliest": .init("shiftBreakEarliest", "The break from"), "breakLatest": .init("shiftBreakLatest", "The break until"),
        "breakMinutes": .init("shiftBreakMinutes", "The break's minutes"), "overtimeMinutes": .init("shiftOvertime", "Overtime"), "date": .init("shiftStart", "The day"),
    ]

    /// The form's choices for the board: the cluster's vehicles and the crews by name.
    func shiftChoices(cluster: TransportCluster, extra: [String: Any], caller: Caller) async throws -> [String: Any] {
        let vehicles = try await transport.bookings.vehicles(by: caller).filter { $0.cluster == cluster.id }
        let crew = try await transport.bookings.crew(by: caller), bases = try await transport.bookings.bases(by: caller)
        let chosen = (vehicle: extra["shiftVehicleId"] as? String, base: extra["shiftBaseId"] as? String, one: extra["shiftCrew1"] as? String, two: extra["shiftCrew2"] as? String,
                      size: extra["shiftCrewSize"] as? String)
        return [
            "shiftVehicles": vehicles.map { ["id": $0.id, "name": "\($0.name) (\(VehicleShift.spaceDescription($0.capacity, folding: $0.convertibleWheelchairSpaces)))",
                                             "selected": chosen.vehicle == $0.id] },
            "shiftBases": bases.map { ["id": $0.id, "name": $0.name, "selected": chosen.base == $0.id] },
            "shiftCrew1Choices": crew.map { ["id": $0.user.id.rawValue, "name": $0.user.displayName, "selected": chosen.one == $0.user.id.rawValue] },
            "shiftCrew2Choices": crew.map { ["id": $0.user.id.rawValue, "name": $0.user.displayName, "selected": chosen.two == $0.user.id.rawValue] },
            "shiftCrewTwo": chosen.size != "1", "hasShiftVehicles": !vehicles.isEmpty,
        ]
    }

    /// Adds the shift and goes back to the board's shifts; the board again with the errors if it cannot.
    func submitShift(_ request: Request, context: KairosRequestContext) async throws -> Response {
        var request = request
        let form = try await request.decodeForm(ShiftForm.self, context: context)
        try CSRF.check(form.csrf, context: context)
        let date = form.date.flatMap(LocalDate.init(iso:)) ?? shared.environment.today.adding(days: 1)
        func text(_ value: String?) -> String? { value.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0.trimmingCharacters(in: .whitespaces) } }
        do {
            var c = ValidationCollector()
            func whole(_ value: String?, _ path: String, _ label: String) -> Int? {
                guard let value = text(value) else { return nil }
                guard let number = Int(value) else {
                    c.add(path, "field.integer", "\(label) must be a whole number of minutes.")
                    return nil
                }
                return number
            }
            let breakMinutes = whole(form.breakMinutes, "breakMinutes", "The break's minutes"), overtime = whole(form.overtimeMinutes, "overtimeMinutes", "Overtime")
            if text(form.vehicleId) == nil { c.add("vehicleID", "field.required", "Choose the vehicle.") }
            let crew = [form.crew1, form.crew2].compactMap(text)
            if crew.count == 2, crew[0] == crew[1] { c.add("crewUserIDs[1]", "shift.crewTwice", "The second crew member must be someone else.") }
            guard c.issues.isEmpty else { throw ServiceError.invalid(c.issues) }
            let input = ShiftInput(date: date.iso, crewSize: text(form.crewSize).flatMap { Int($0) }, start: text(form.start), end: text(form.end),
                                   breakEarliest: text(form.breakEarliest), breakLatest: text(form.breakLatest), breakMinutes: breakMinutes,
                                   crewUserIDs: crew.isEmpty ? nil : crew, baseID: text(form.baseId), vehicleID: text(form.vehicleId),
                                   overtimeMinutes: overtime)
            _ = try await transport.bookings.addShift(input, by: context.caller())
            return .redirect(to: "/transport/day?date=\(date.iso)\(Self.clusterQuery(form.cluster))#shifts-head", type: .normal)
        } catch let error as ServiceError {
            guard case .invalid = error else { throw error }
            let problem = PageRenderer.formProblem(error, fields: Self.shiftFields)
            return try await dayPage(date, cluster: form.cluster, extra: problem.data.merging(form.typed) { $1 }, context: context, status: problem.status)
        }
    }
}
