import Foundation
import Hummingbird
import SchedulingDomain
import SchedulingServices

/// The auto-allocation page: the form, the preview and the commit of the previewed plan.
extension OutpatientPagesController {
    struct AllocationForm: Decodable {
        var csrf: String?
        var action: String?
        var specialtyId: String?
        var through: String?
        var minimumNoticeDays: String?
        var planId: String?
        enum CodingKeys: String, CodingKey { case csrf = "_csrf", action, specialtyId, through, minimumNoticeDays, planId }
    }

    /// Previews, or commits the previewed plan.
    func submitAllocation(_ request: Request, context: KairosRequestContext) async throws -> Response {
        var request = request
        let form = try await request.decodeForm(AllocationForm.self, context: context)
        try CSRF.check(form.csrf, context: context)
        let commit = form.action == "commit"
        var issues: [ValidationIssue] = []
        let notice = Self.integer(form.minimumNoticeDays, at: "minimumNoticeDays", into: &issues)
        if !issues.isEmpty {
            let problem = PageRenderer.formProblem(.invalid(issues))
            return try await allocationPage(form: form, plan: nil, extra: problem.data, context: context, status: problem.status)
        }
        do {
            let plan = try await outpatients.allocation.allocate(
                .init(specialtyIDs: form.specialtyId.flatMap { $0.isEmpty ? nil : [$0] }, through: Self.blankless(form.through), minimumNoticeDays: notice,
                      commit: commit, planID: commit ? form.planId : nil), by: context.caller())
            return try await allocationPage(form: form, plan: plan, extra: [:], context: context)
        } catch let error as ServiceError {
            let problem = PageRenderer.formProblem(error)
            return try await allocationPage(form: form, plan: nil, extra: problem.data, context: context, status: problem.status)
        }
    }

    func allocationPage(form: AllocationForm?, plan: AllocationPlan?, extra: [String: Any], context: KairosRequestContext,
                        status: HTTPResponse.Status = .ok) async throws -> Response
    {
        let caller = try context.caller()
        let names = Names(try await shared.organisation.overview(by: caller))
        var data: [String: Any] = [
            "specialties": names.overview.specialties.map { ["id": $0.id.rawValue, "name": $0.name, "selected": $0.id.rawValue == form?.specialtyId] },
            "through": form?.through ?? "", "minimumNoticeDays": form?.minimumNoticeDays ?? "", "specialtyId": form?.specialtyId ?? "",
        ]
        if let plan {
            let reasons = Dictionary(grouping: plan.unplaced, by: \.reason).map { ["reason": $0.key.rawValue, "count": $0.value.count] }
            data["plan"] = [
                "planId": plan.planID, "committed": plan.committed, "from": plan.from.iso, "through": plan.through.iso, "waiting": plan.waiting,
                "freeSlots": plan.freeSlots, "proposed": plan.proposals.count, "afterDue": plan.placedAfterDue, "unplacedCount": plan.unplaced.count,
                "hasReasons": !reasons.isEmpty,
                "reasons": reasons.sorted { ($0["reason"] as! String) < ($1["reason"] as! String) },
                "proposals": plan.proposals.prefix(200).map { p -> [String: Any] in
                    ["referralId": p.referralID.rawValue, "priority": p.priority.rawValue, "specialty": names.specialties[p.specialtyID] ?? "",
                     "dueBy": p.dueBy.iso, "date": LetterText.short(p.date), "time": p.start.iso, "type": p.slotType.rawValue,
                     "clinician": names.clinicians[p.clinicianID] ?? "", "afterDue": p.afterDue]
                },
                "moreProposals": max(0, plan.proposals.count - 200),
                "unplaced": plan.unplaced.prefix(100).map { u -> [String: Any] in
                    ["referralId": u.referralID.rawValue, "priority": u.priority.rawValue, "specialty": names.specialties[u.specialtyID] ?? "",
                     "dueBy": u.dueBy.iso, "reason": u.reason.rawValue, "detail": u.detail]
                },
                "moreUnplaced": max(0, plan.unplaced.count - 100),
            ] as [String: Any]
        }
        for (key, value) in extra { data[key] = value }
        return try pages.page("outpatients/allocation", title: "Auto-allocation", data, context: context, status: status)
    }
}
