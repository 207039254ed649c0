import Foundation
import Hummingbird
import SchedulingDomain
import SchedulingServices

/// The messages page: letters, texts and emails by status — the failed ones first of all, for a
/// coordinator to put right (a wrong mobile number, a bounced email) — each with its patient.
extension OutpatientPagesController {
    func messagesPage(_ request: Request, context: KairosRequestContext) async throws -> Response {
        let caller = try context.caller()
        let reader = QueryReader(request.uri.queryParameters)
        let statusText = reader.text("status")
        var issues: [ValidationIssue] = []
        do { try reader.finish() } catch ServiceError.invalid(let found) { issues += found }
        let status = statusText.map { OutboxMessage.Status(rawValue: $0) } ?? .failed
        if status == nil { issues.append(.init(path: "status", code: "field.enum", message: "Choose a status from the list.")) }
        var data: [String: Any] = [
            "statuses": OutboxMessage.Status.allCases.map { s -> [String: Any] in
                ["href": "?status=\(s.rawValue)", "title": Display.status(s), "current": s == status]
            },
        ]
        guard let status, issues.isEmpty else {
            let problem = PageRenderer.formProblem(.invalid(issues))
            data.merge(problem.data) { $1 }
            return try pages.page("outpatients/messages", title: "Letters and messages", data, context: context, status: problem.status)
        }
        let messages = try await shared.notifications.messages(.init(status: status), limit: 200, previewing: false, by: caller)
        let patients = try await outpatients.referrals.worklistPatients(messages.compactMap(\.patientID), by: caller)
        data["heading"] = "\(Display.status(status)): \(messages.count == 200 ? "the newest 200" : "\(messages.count)")"
        data["empty"] = messages.isEmpty
        data["messages"] = messages.map { m -> [String: Any] in
            let patient = m.patientID.flatMap { patients[$0] }
            // A message to a hospital site (a clinic list) names no patient: its subject says what it is.
            let about = m.patientID == nil ? m.subject : patient.map { "\($0.familyName), \($0.givenName)" } ?? "Unknown patient"
            // A message to a site links nowhere the office's roles may not go.
            let href: String? = m.referralID.map { "/outpatients/referrals/\($0.rawValue)#messages" } ?? m.patientID.map { "/patients/\($0.rawValue)" }
            return [
                "patient": about, "nhsNumber": patient?.nhsNumber.formatted ?? "",
                "href": href as Any,
                "kind": Display.kind(m.kind), "channel": Display.channel(m.channel), "recipient": Display.recipient(m.recipient),
                "due": Display.instant(m.dueAt), "attempts": m.attempts, "problem": m.lastError ?? "", "isLetter": m.channel == .letter,
                "id": m.id.rawValue,
            ]
        }
        return try pages.page("outpatients/messages", title: "Letters and messages", data, context: context)
    }
}
