import Foundation
import Hummingbird
import SchedulingDomain
import SchedulingServices

/// The strike rescheduling wizard: choose clinicians and days, preview the cancellation with
/// rebooking of the displaced, carry it out.
extension OutpatientPagesController {
    struct StrikeForm: Decodable {
        var csrf: String?
        var action: String?
        var clinicianIds: [String]?
        var from: String?
        var through: String?
        var reason: String?
        var rebook: String?
        var minimumNoticeDays: String?
        var rebookThrough: String?
        var moveBooked: String?
        enum CodingKeys: String, CodingKey {
            case csrf = "_csrf", action, clinicianIds, from, through, reason, rebook, minimumNoticeDays, rebookThrough, moveBooked
        }
    }

    /// Previews or carries out the cancellation.
    func submitStrike(_ request: Request, context: KairosRequestContext) async throws -> Response {
        var request = request
        let form = try await request.decodeForm(StrikeForm.self, context: context)
        try CSRF.check(form.csrf, context: context)
        var issues: [ValidationIssue] = []
        let notice = Self.integer(form.minimumNoticeDays, at: "rebook.minimumNoticeDays", into: &issues)
        if !issues.isEmpty {
            let problem = PageRenderer.formProblem(.invalid(issues))
            return try await strikePage(form: form, result: nil, extra: problem.data, context: context, status: problem.status)
        }
        let rebook = form.rebook == nil ? nil
            : RebookingInput(minimumNoticeDays: notice, through: Self.blankless(form.rebookThrough), moveBooked: Self.blankless(form.moveBooked))
        do {
            let result = try await outpatients.sessions.cancel(
                .init(clinicianIDs: form.clinicianIds ?? [], from: Self.blankless(form.from), through: Self.blankless(form.through), reason: form.reason,
                      commit: form.action == "commit", rebook: rebook), by: context.caller())
            return try await strikePage(form: form, result: result, extra: [:], context: context)
        } catch let error as ServiceError {
            let problem = PageRenderer.formProblem(error)
            return try await strikePage(form: form, result: nil, extra: problem.data, context: context, status: problem.status)
        }
    }

    func strikePage(form: StrikeForm?, result: SessionCancellation?, extra: [String: Any], context: KairosRequestContext,
                    status: HTTPResponse.Status = .ok) async throws -> Response
    {
        let caller = try context.caller()
        let names = Names(try await shared.organisation.overview(by: caller))
        let chosen = Set(form?.clinicianIds ?? [])
        var data: [String: Any] = [
            "groups": names.overview.specialties.map { s -> [String: Any] in
                ["specialty": s.name, "clinicians": names.overview.clinicians.filter { $0.specialtyID == s.id }.map {
                    ["id": $0.id.rawValue, "name": $0.name, "checked": chosen.contains($0.id.rawValue)]
                }]
            },
            "chosen": chosen.sorted().map { ["id": $0] },
            "from": form?.from ?? "", "through": form?.through ?? "", "rebook": form == nil || form?.rebook != nil,
            "minimumNoticeDays": form?.minimumNoticeDays ?? "", "rebookThrough": form?.rebookThrough ?? "",
            "reasons": SessionCancellationService.reasons.map { ["id": $0.rawValue, "selected": $0.rawValue == (form?.reason ?? "industrial-action")] },
            "moveBooked": MoveBookedPolicy.allCases.map { ["id": $0.rawValue, "selected": $0.rawValue == (form?.moveBooked ?? "not-notified")] },
            "reason": form?.reason ?? "", "moveBookedValue": form?.moveBooked ?? "",
        ]
        if let result {
            var summary: [String: Any] = [
                "committed": result.committed, "slotsCancelled": result.slotsCancelled, "affectedCount": result.affected.count, "shortfall": result.shortfall,
                "affected": result.affected.prefix(200).map { a -> [String: Any] in
                    ["referralId": a.referralID.rawValue, "priority": a.priority.rawValue, "specialty": names.specialties[a.specialtyID] ?? "",
                     "date": LetterText.short(a.date), "time": a.start.iso, "dueBy": a.dueBy.iso, "capacityBeforeDue": a.capacityBeforeDue]
                },
            ]
            if let plan = result.rebooking {
                let rebooked = plan.moves.filter { !$0.bumped && $0.toSlotID != nil }
                summary["rebooking"] = [
                    "from": plan.from.iso, "through": plan.through.iso, "rebooked": rebooked.count, "afterDue": rebooked.filter(\.afterDue).count,
                    "bumped": plan.bumped, "unplacedCount": plan.unplaced.count, "moveBooked": plan.moveBooked.rawValue,
                    "moves": plan.moves.prefix(200).map { m -> [String: Any] in
                        ["referralId": m.referralID.rawValue, "priority": m.priority.rawValue, "fromDate": LetterText.short(m.fromDate),
                         "toDate": m.toDate.map(LetterText.short) ?? "—", "toTime": m.toStart?.iso ?? "", "bumped": m.bumped, "afterDue": m.afterDue]
                    },
                ] as [String: Any]
            }
            data["result"] = summary
        }
        for (key, value) in extra { data[key] = value }
        return try pages.page("outpatients/strike", title: "Cancel sessions and rebook", data, context: context, status: status)
    }
}
