import Foundation
import Hummingbird
import SchedulingDomain
import SchedulingServices

/// The run sheet (PT-07) on a phone: a crew member's own shifts for today, stop by stop (time,
/// pick up or drop off, the patient by name, mobility, escorts, the address); the transport office
/// may choose a day and see every vehicle's, printable one vehicle a page.
extension TransportPagesController {
    func runSheetPage(_ request: Request, context: KairosRequestContext) async throws -> Response {
        let caller = try context.caller()
        var reader = QueryReader(request.uri.queryParameters)
        let asked = reader.date("date")
        try reader.finish()
        let date = asked ?? shared.environment.today
        let sheets = try await transport.runSheets.mine(on: date, by: caller)
        let data: [String: Any] = [
            "date": date.iso, "day": Display.day(date), "office": caller.principal.role != .crew, "hasSheets": !sheets.isEmpty,
            "sheets": sheets.map { sheet -> [String: Any] in
                [
                    "vehicle": sheet.shift.vehicleName, "hours": "\(Display.time(sheet.shift.start))–\(Display.time(sheet.shift.end))",
                    "planned": sheet.planVersion != nil && !sheet.stops.isEmpty,
                    "departure": sheet.departure.map(Display.time) ?? "", "back": sheet.back.map(Display.time) ?? "",
                    "break": sheet.breakStart.map { "Break from \(Display.time($0))" + (sheet.shift.restBreak.map { ", \($0.minutes) minutes" } ?? "") } ?? "",
                    "stops": sheet.stops.enumerated().map { k, stop -> [String: Any] in
                        [
                            "time": Display.time(stop.start), "action": stop.kind == .pickup ? "Pick up" : "Drop off", "patient": stop.patientName,
                            "mobility": stop.mobility.label.capitalizedFirst, "escorts": stop.escorts == 0 ? "" : "+\(stop.escorts) escort\(stop.escorts == 1 ? "" : "s")",
                            "where": stop.address ?? "Map position \(stop.place)",
                            "due": stop.direction == .toAppointment ? "appointment \(Display.time(stop.appointmentOrReady))" : "ready \(Display.time(stop.appointmentOrReady))",
                            "breakAfter": sheet.breakAfterStops == k + 1,
                        ]
                    },
                ]
            },
        ]
        return try pages.page("transport/run-sheet", title: "Run sheet", data, context: context)
    }
}
