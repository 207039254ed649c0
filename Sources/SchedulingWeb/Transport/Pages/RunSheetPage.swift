import Foundation
import Hummingbird
import SchedulingDomain
import SchedulingServices

/// The run sheet (PT-07) on a phone: a crew member's own shifts for today, stop by stop (time,
/// pick up or drop off, the patient by name, mobility, escorts, the address), with buttons to
/// record arrived, picked up, delivered or aborted (with a note). It is live: a small script asks
/// every 20 seconds whether the sheets changed (``RunSheetService/stamp(on:by:)``) and reloads
/// them — or, while the crew is typing a note, says so instead of losing the text; without the
/// script the page refreshes itself every ten minutes. The transport office may choose a day and see every
/// vehicle's, printable one vehicle a page.
extension TransportPagesController {
    func runSheetPage(_ request: Request, context: KairosRequestContext) async throws -> Response {
        var reader = QueryReader(request.uri.queryParameters)
        let asked = reader.date("date")
        try reader.finish()
        return try await runSheet(asked ?? shared.environment.today, extra: [:], context: context)
    }

    func runSheet(_ date: LocalDate, extra: [String: Any], context: KairosRequestContext, status: HTTPResponse.Status = .ok) async throws -> Response {
        let caller = try context.caller()
        let sheets = try await transport.runSheets.mine(on: date, by: caller)
        let waiting: Set<TransportJourney.Status> = [.booked, .confirmed, .planned, .dispatched]
        var data: [String: Any] = [
            "date": date.iso, "day": Display.day(date), "office": caller.principal.role != .crew, "hasSheets": !sheets.isEmpty,
            "refreshSeconds": 600, "stamp": try RunSheetService.stamp(of: sheets), "updated": Display.time(shared.environment.calendar.localDateTime(at: shared.environment.clock.now()).time),
            "sheets": sheets.map { sheet -> [String: Any] in
                [
                    "vehicle": sheet.shift.vehicleName, "hours": "\(Display.time(sheet.shift.start))–\(Display.time(sheet.shift.end))"
                        + (Self.overtime(of: sheet.shift, back: sheet.planVersion == nil ? nil : sheet.back.map { $0.minuteOfDay * 60 }).map { ", \($0)" } ?? ""),
                    "planned": sheet.planVersion != nil && !sheet.stops.isEmpty,
                    "departure": sheet.departure.map(Display.time) ?? "", "back": sheet.back.map(Display.time) ?? "",
                    "base": sheet.shift.baseName ?? "base",
                    "break": sheet.breakStart.map { "Break from \(Display.time($0))" + (sheet.shift.restBreak.map { ", \($0.minutes) minutes" } ?? "") } as Any,
                    "stops": sheet.stops.enumerated().map { k, stop -> [String: Any] in
                        let p = stop.progress
                        let done = [p.arrived.map { "arrived \(Display.time($0))" }, p.pickedUp.map { "picked up \(Display.time($0))" },
                                    p.delivered.map { "delivered \(Display.time($0))" }].compactMap { $0 }.joined(separator: " · ")
                        let pickup = stop.kind == .pickup
                        return [
                            "journeyId": stop.journeyID.rawValue, "time": Display.time(stop.start), "action": pickup ? "Pick up" : "Drop off", "patient": stop.patientName,
                            "mobility": stop.mobility.label.capitalizedFirst, "escorts": stop.escorts == 0 ? "" : "+\(stop.escorts) escort\(stop.escorts == 1 ? "" : "s")",
                            "where": stop.address ?? "Map position \(stop.place)", "notes": stop.notes as Any, "urgent": stop.urgent, "bariatric": stop.bariatric,
                            "due": stop.direction == .toAppointment ? "appointment \(Display.time(stop.appointmentOrReady))" : "ready \(Display.time(stop.appointmentOrReady))",
                            "breakAfter": sheet.breakAfterStops == k + 1, "done": (done.isEmpty ? nil : done) as Any, "aborted": stop.status == .aborted,
                            "canArrive": pickup && waiting.contains(stop.status) && p.arrived == nil,
                            "canPickUp": pickup && waiting.contains(stop.status), "canAbort": pickup && waiting.contains(stop.status),
                            "canDeliver": !pickup && stop.status == .pickedUp,
                            "note": (extra["noteJourney"] as? String) == stop.journeyID.rawValue ? extra["note"] as? String ?? "" : "",
                            "openAbort": (extra["noteJourney"] as? String) == stop.journeyID.rawValue,
                        ]
                    },
                ]
            },
        ]
        if caller.principal.role == .crew { data["pushKey"] = try await transport.alerts.publicKey() }
        data.merge(extra) { $1 }
        return try pages.page("transport/run-sheet", title: "Run sheet", data, context: context, status: status)
    }

    struct EventForm: Decodable {
        var csrf: String?
        var event: String?
        var note: String?
        var date: String?
        enum CodingKeys: String, CodingKey { case csrf = "_csrf", event, note, date }
    }

    /// Records the crew's event now and goes back to the run sheet; the sheet again with the reason if it cannot.
    func submitEvent(_ request: Request, context: KairosRequestContext) async throws -> Response {
        var request = request
        let id = TransportJourney.ID(try context.parameters.require("id"))
        let form = try await request.decodeForm(EventForm.self, context: context)
        try CSRF.check(form.csrf, context: context)
        let date = form.date.flatMap(LocalDate.init(iso:)) ?? shared.environment.today
        do {
            _ = try await transport.runSheets.record(journeyID: id, JourneyEventInput(event: form.event, note: form.note), by: context.caller())
            return .redirect(to: "/transport/run-sheet?date=\(date.iso)#stop-\(id.rawValue)", type: .normal)
        } catch let error as ServiceError {
            if case .notFound = error { throw error }
            var extra = PageRenderer.formProblem(error, fields: ["note": .init("note-\(id.rawValue)", "The note")]).data
            extra["noteJourney"] = id.rawValue
            extra["note"] = form.note ?? ""
            return try await runSheet(date, extra: extra, context: context, status: PageRenderer.formProblem(error).status)
        }
    }
}
