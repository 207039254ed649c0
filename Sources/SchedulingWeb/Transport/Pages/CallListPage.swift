import Foundation
import Hummingbird
import SchedulingDomain
import SchedulingServices

/// The day-before confirmation call list (PT-06): each journey still to confirm with the
/// patient's phone, and a button per outcome.
extension TransportPagesController {
    func callList(_ date: LocalDate, extra: [String: Any], context: KairosRequestContext, status: HTTPResponse.Status = .ok) async throws -> Response {
        let entries = try await transport.calls.list(on: date, by: context.caller())
        var data: [String: Any] = [
            "date": date.iso, "day": Display.day(date), "hasEntries": !entries.isEmpty,
            "toCall": entries.filter { $0.journey.calls.last != .confirmed }.count,
            "entries": entries.map { e -> [String: Any] in
                var row = Self.journeyRow(e.journey, e.patient.map { [$0.id: $0] } ?? [:])
                row["phone"] = e.patient?.phone ?? "No phone number"
                row["calls"] = e.journey.calls.attempts == 0 ? "Not called" : "\(e.journey.calls.attempts) call\(e.journey.calls.attempts == 1 ? "" : "s")"
                    + (e.journey.calls.last.map { ", last: " + Self.outcome($0) } ?? "")
                row["confirmed"] = e.journey.calls.last == .confirmed
                return row
            },
        ]
        data.merge(extra) { $1 }
        return try pages.page("transport/calls", title: "Confirmation calls", data, context: context, status: status)
    }

    static func outcome(_ outcome: TransportJourney.CallOutcome) -> String {
        switch outcome {
        case .confirmed: "confirmed"
        case .declined: "declined"
        case .noAnswer: "no answer"
        }
    }

    struct CallForm: Decodable {
        var csrf: String?
        var outcome: String?
        var date: String?
        enum CodingKeys: String, CodingKey { case csrf = "_csrf", outcome, date }
    }

    func submitCall(_ request: Request, context: KairosRequestContext) async throws -> Response {
        var request = request
        let id = TransportJourney.ID(try context.parameters.require("id"))
        let form = try await request.decodeForm(CallForm.self, context: context)
        try CSRF.check(form.csrf, context: context)
        let date = form.date.flatMap(LocalDate.init(iso:)) ?? shared.environment.today.adding(days: 1)
        do {
            _ = try await transport.calls.record(journeyID: id, outcome: form.outcome, by: context.caller())
            return .redirect(to: "/transport/calls?date=\(date.iso)", type: .normal)
        } catch let error as ServiceError {
            if case .notFound = error { throw error }
            let problem = PageRenderer.formProblem(error)
            return try await callList(date, extra: problem.data, context: context, status: problem.status)
        }
    }
}
