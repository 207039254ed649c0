import Foundation
import Hummingbird
import SchedulingDomain
import SchedulingServices

/// The transport pages (PT-03 … PT-09): the day board for planners and managers (timeline, map,
/// journeys left out with their reasons, the journeys and shifts), plan jobs with their proposal
/// and commit, the booking form, and the crew's run sheet. One file per page.
struct TransportPagesController {
    let shared: SharedServices
    let transport: TransportServices
    let pages: PageRenderer

    func register(_ routes: RouteRegistrar) {
        routes.add(TransportRoutes.dayPage) { request, context in
            let (date, issues) = chosenDate(request)
            let query = QueryReader(request.uri.queryParameters)
            return try await dayPage(date, cluster: query.text("cluster"), issues: issues, extra: query.text("vehicle").map { ["mapVehicle": $0] } ?? [:], context: context)
        }
        routes.add(TransportRoutes.planSubmit) { request, context in try await submitPlan(request, context: context) }
        routes.add(TransportRoutes.planJobPage) { request, context in
            let vehicle = QueryReader(request.uri.queryParameters).text("vehicle")
            return try await planJobPage(.init(try context.parameters.require("id")), extra: vehicle.map { ["mapVehicle": $0] } ?? [:], context: context)
        }
        routes.add(TransportRoutes.commitSubmit) { request, context in try await submitCommit(request, context: context) }
        routes.add(TransportRoutes.bookingPage) { request, context in try await bookingPage(request, context: context) }
        routes.add(TransportRoutes.bookingSubmit) { request, context in try await submitBooking(request, context: context) }
        routes.add(TransportRoutes.runSheetPage) { request, context in try await runSheetPage(request, context: context) }
        routes.add(TransportRoutes.runSheetStamp) { request, context in
            var reader = QueryReader(request.uri.queryParameters)
            let date = reader.date("date") ?? shared.environment.today
            try reader.finish()
            let stamp = try await transport.runSheets.stamp(on: date, by: context.caller())
            return try JSONResponse(value: ["stamp": stamp]).response(from: request, context: context)
        }
        routes.add(TransportRoutes.runSheetEventSubmit) { request, context in try await submitEvent(request, context: context) }
        routes.add(TransportRoutes.clinicListPage) { request, context in try await clinicListPage(request, context: context) }
        routes.add(TransportRoutes.clinicListCSV) { request, context in try await clinicListCSV(request, context: context) }
        routes.add(TransportRoutes.clinicListSend) { request, context in try await sendClinicList(request, context: context) }
        routes.add(TransportRoutes.clinicListAddressSubmit) { request, context in try await saveClinicListAddress(request, context: context) }
        routes.add(TransportRoutes.settingsPage) { request, context in try await settingsPage(request, context: context) }
        routes.add(TransportRoutes.fleetPage) { request, context in try await fleetPage(request, context: context) }
        routes.add(TransportRoutes.fleetVehicleSubmit) { request, context in try await submitVehicle(request, context: context) }
        routes.add(TransportRoutes.fleetOffRoadSubmit) { request, context in try await submitOffRoad(request, context: context) }
        routes.add(TransportRoutes.fleetCrewSubmit) { request, context in try await submitCrewSkills(request, context: context) }
        routes.add(TransportRoutes.settingsContractSubmit) { request, context in try await submitContract(request, context: context) }
        routes.add(TransportRoutes.settingsTilesSubmit) { request, context in try await submitTiles(request, context: context) }
        routes.add(TransportRoutes.settingsProviderSubmit) { request, context in try await submitProvider(request, context: context) }
        routes.add(TransportRoutes.settingsBaseSubmit) { request, context in try await submitBase(request, context: context) }
        routes.add(TransportRoutes.settingsClusterSubmit) { request, context in try await submitCluster(request, context: context) }
        routes.add(TransportRoutes.shiftSplitSubmit) { request, context in try await submitShiftSplit(request, context: context) }
        routes.add(TransportRoutes.callListPage) { request, context in
            let (date, issues) = chosenDate(request)
            return try await callList(date, extra: issues.isEmpty ? [:] : PageRenderer.formProblem(.invalid(issues)).data, context: context)
        }
        routes.add(TransportRoutes.callSubmit) { request, context in try await submitCall(request, context: context) }
        routes.add(TransportRoutes.authorisationPage) { _, context in try await authorisationQueue(context: context) }
        routes.add(TransportRoutes.authoriseSubmit) { request, context in try await submitAuthorisation(request, context: context) }
        routes.add(TransportRoutes.editJobSubmit) { request, context in try await submitJobEdit(request, context: context) }
        routes.add(TransportRoutes.readySubmit) { request, context in try await submitReady(request, context: context) }
        routes.add(TransportRoutes.shiftSubmit) { request, context in try await submitShift(request, context: context) }
        routes.add(TransportRoutes.reportPage) { request, context in try await reportPage(request, context: context) }
        routes.add(TransportRoutes.editDaySubmit) { request, context in try await submitEdit(request, fromJob: nil, context: context) }
    }

    /// A journey in a planner's words: "Mon 7 Dec 2026 10:30 to the appointment, Jane Smith (943 476 5919), wheelchair, 1 escort".
    static func journeyRow(_ j: TransportJourney, _ patients: [Patient.ID: Patient]) -> [String: Any] {
        let patient = patients[j.patientID]
        return [
            "id": j.id.rawValue, "time": Display.time(j.time), "direction": j.direction == .toAppointment ? "To the appointment" : "Home",
            "timeLabel": j.direction == .toAppointment ? "appointment" : "ready",
            "patient": patient.map(Display.name) ?? "Unknown patient", "nhsNumber": patient?.nhsNumber.formatted ?? "",
            "mobility": j.mobility.label.capitalizedFirst, "escorts": (j.escorts == 0 ? nil : j.escorts == 1 ? "1 escort" : "\(j.escorts) escorts") as Any,
            "status": Self.status(j.status), "ecj": j.ecj, "urgent": j.urgent, "bariatric": j.bariatric,
        ]
    }

    static func status(_ status: TransportJourney.Status) -> String {
        switch status {
        case .booked: "Booked"
        case .confirmed: "Confirmed"
        case .planned: "Planned"
        case .dispatched: "Dispatched"
        case .pickedUp: "Picked up"
        case .delivered: "Delivered"
        case .cancelled: "Cancelled"
        case .aborted: "Aborted"
        }
    }

    /// The board's pictures and lists for `plan` of `day`; the map shows every route, or with
    /// `mapVehicle` (a shift's id) only that vehicle's, its stops numbered as the hand-edit form counts them.
    static func board(_ day: TransportDay, plan: TransportPlan?, patients: [Patient.ID: Patient], title: String, thirdParty: [ThirdPartyBooking] = [],
                      mapVehicle: String? = nil, tiles: MapTiles? = nil) -> [String: Any]
    {
        let given = Dictionary(thirdParty.map { ($0.journeyID, $0) }, uniquingKeysWith: { a, _ in a })
        let journeys = Dictionary(day.journeys.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let runs = Dictionary((plan?.runs ?? []).map { ($0.shiftID, $0) }, uniquingKeysWith: { a, _ in a })
        let rows = day.shifts.map { s in
            TransportCharts.Row(label: s.vehicleName, shift: s.start.minuteOfDay * 60...s.end.minuteOfDay * 60, run: runs[s.id], overtime: s.overtimeMinutes * 60)
        }
        let describe: TransportCharts.Describe = { stop in
            let name = journeys[stop.journeyID].flatMap { patients[$0.patientID] }.map(Display.name) ?? "Patient"
            return "\(TransportCharts.clock(stop.start)) \(stop.kind == .pickup ? "pick up" : "drop off") \(name)"
        }
        let shown = mapVehicle.flatMap { id in day.shifts.first { $0.id.rawValue == id && runs[$0.id] != nil } }
        let mapRuns = day.shifts.compactMap { s -> (label: String, base: Coordinates, places: [Coordinates])? in
            guard let run = runs[s.id], shown == nil || shown?.id == s.id else { return nil }
            let places = run.stops.compactMap { stop in journeys[stop.journeyID].map { stop.kind == .pickup ? $0.pickup : $0.destination } }
            return (s.vehicleName, s.base, places)
        }
        let unplanned = (plan?.unplanned ?? []).compactMap { u -> [String: Any]? in
            guard let j = journeys[u.journeyID] else { return nil }
            var row = journeyRow(j, patients)
            row["reason"] = u.explanation
            row["alone"] = (u.plannableAlone ? nil : "No vehicle could take it even on an empty day") as Any
            if let booking = given[u.journeyID] {
                row["thirdParty"] = "\(booking.providerName)\(booking.pickup.map { " collects at \(TransportCharts.clock($0))" } ?? ""), \(pounds(booking.pricePence))"
            }
            return row
        }
        return [
            "timeline": TransportCharts.timeline(rows, describe: describe, title: title),
            "map": TransportCharts.map(mapRuns, title: shown.map { "\($0.vehicleName)'s route, \(title)" } ?? "Routes, \(title)", numbered: shown != nil,
                                       baseNames: Dictionary(day.shifts.compactMap { s in s.baseName.map { (s.base, $0) } }, uniquingKeysWith: { a, _ in a }),
                                       tiles: tiles),
            "mapVehicles": day.shifts.filter { runs[$0.id] != nil }.map { ["id": $0.id.rawValue, "vehicle": $0.vehicleName, "selected": $0.id == shown?.id] },
            "unplanned": unplanned, "hasUnplanned": !unplanned.isEmpty,
        ]
    }

    /// `response` allowed to show `tiles`' images (the site's own policy, with their origin).
    static func allowingTiles(_ response: Response, _ tiles: MapTiles?) -> Response {
        guard let origin = tiles?.origin else { return response }
        var response = response
        response.headers[.contentSecurityPolicy] =
            "default-src 'self'; img-src 'self' data: \(origin); style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'"
        return response
    }

    /// "12 planned, 2 left out; 18 vehicles out of 20; 412.5 km; 92% in time".
    static func kpiFacts(_ k: TransportKPIs, thirdParty: [ThirdPartyBooking] = []) -> [[String: String]] {
        let bought = thirdParty.isEmpty ? [] : [[
            "label": "By third parties",
            "value": "\(thirdParty.count) journey\(thirdParty.count == 1 ? "" : "s"), \(pounds(thirdParty.reduce(0) { $0 + $1.pricePence }))",
        ]]
        return [
            ["label": "Journeys planned", "value": "\(k.planned) of \(k.journeys)"],
            ["label": "Arrive in time for the appointment", "value": "\(k.arrivalsOnTime) of \(k.arrivals) (\(k.arrivalsTooEarly) too early)"],
            ["label": "On board at most an hour", "value": "\(k.onBoardWithinHour) of \(k.planned); mean \(k.meanMinutesOnBoard) min, longest \(k.longestMinutesOnBoard) min"],
            ["label": "Collection waits", "value": "mean \(k.meanCollectionWaitMinutes) min, longest \(k.longestCollectionWaitMinutes) min"],
            ["label": "Vehicles out", "value": "\(k.vehiclesUsed); \(k.vehicleHours) of \(k.shiftHours) shift hours (\(Int((k.utilisation * 100).rounded()))%)"],
            ["label": "Journeys per vehicle-hour", "value": String(format: "%.2f", k.journeysPerVehicleHour)],
            ["label": "Distance", "value": String(format: "%.1f km", k.kilometres)],
        ] + overtime(k) + bought
    }

    /// "Overtime: 45 crew-minutes", where crews work on past their shifts' ends.
    private static func overtime(_ k: TransportKPIs) -> [[String: String]] {
        guard let minutes = k.overtimeCrewMinutes, minutes > 0 else { return [] }
        return [["label": "Overtime", "value": "\(minutes) crew-minute\(minutes == 1 ? "" : "s") past shifts' ends"]]
    }

    /// The day the page is about: `date` if given and valid, else tomorrow (the next day to plan).
    func chosenDate(_ request: Request) -> (LocalDate, [ValidationIssue]) {
        var reader = QueryReader(request.uri.queryParameters)
        let date = reader.date("date")
        var issues: [ValidationIssue] = []
        do { try reader.finish() } catch ServiceError.invalid(let found) { issues = found } catch {}
        return (date ?? shared.environment.today.adding(days: 1), issues)
    }
}

extension String {
    /// The text with its first letter in capitals ("seated, with help" → "Seated, with help").
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
