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

    /// The service's field paths as the allocation form names and labels them.
    static let allocationFields: [String: PageRenderer.FormField] = [
        "minimumNoticeDays": .init("minimumNoticeDays", "Minimum notice"), "through": .init("through", "Fill slots up to"),
        "specialtyIDs": .init("specialtyId", "Specialty"),
    ]

    /// Previews, or commits the previewed plan.
    func submitAllocation(_ request: Request, context: KairosRequestContext) async throws -> Response {
        var request = request
        let form = try await request.decodeForm(AllocationForm.self, context: context)
        try CSRF.check(form.csrf, context: context)
        let commit = form.action == "commit"
        var issues: [ValidationIssue] = []
        let notice = Self.integer(form.minimumNoticeDays, at: "minimumNoticeDays", into: &issues)
        if !issues.isEmpty {
            let problem = PageRenderer.formProblem(.invalid(issues), fields: Self.allocationFields)
            return try await allocationPage(form: form, plan: nil, extra: problem.data, context: context, status: problem.status)
        }
        do {
            let plan = try await outpatients.allocation.allocate(
                .init(specialtyIDs: form.specialtyId.flatMap { $0.isEmpty ? nil : [$0] }, through: Self.blankless(form.through), minimumNoticeDays: notice,
                      commit: commit, planID: commit ? form.planId : nil), by: context.caller())
            return try await allocationPage(form: form, plan: plan, extra: [:], context: context)
        } catch let error as ServiceError {
            let problem = PageRenderer.formProblem(error, fields: Self.allocationFields)
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
            let shown = Array(plan.proposals.prefix(200)), left = Array(plan.unplaced.prefix(100))
            let patients = try await outpatients.referrals.worklistPatients(shown.map(\.patientID) + left.map(\.patientID), by: caller)
            let patientName = { (id: Patient.ID) in patients[id].map { "\($0.familyName), \($0.givenName)" } ?? "Unknown patient" }
            let reasons = Dictionary(grouping: plan.unplaced, by: \.reason).map { ["reason": Self.unplacedReason($0.key), "count": $0.value.count] }
            data["plan"] = [
                "planId": plan.planID, "committed": plan.committed, "fromText": Display.day(plan.from), "throughText": Display.day(plan.through),
                "waiting": plan.waiting, "freeSlots": plan.freeSlots, "proposed": plan.proposals.count, "afterDue": plan.placedAfterDue,
                "unplacedCount": plan.unplaced.count, "hasReasons": !reasons.isEmpty,
                "reasons": reasons.sorted { ($0["reason"] as! String) < ($1["reason"] as! String) },
                "proposals": shown.map { p -> [String: Any] in
                    ["referralId": p.referralID.rawValue, "patient": patientName(p.patientID), "nhsNumber": patients[p.patientID]?.nhsNumber.formatted ?? "",
                     "priority": Display.priority(p.priority), "specialty": names.specialties[p.specialtyID] ?? "Unknown specialty",
                     "dueBy": Display.day(p.dueBy), "when": Display.dateTime(p.date, p.start), "type": Display.slotType(p.slotType),
                     "clinic": "\(names.clinicians[p.clinicianID] ?? "Unknown clinician"), \(names.locations[p.locationID] ?? "Unknown location")",
                     "afterDue": p.afterDue]
                },
                "moreProposals": max(0, plan.proposals.count - 200),
                "hasUnplaced": !left.isEmpty,
                "unplaced": left.map { u -> [String: Any] in
                    ["referralId": u.referralID.rawValue, "patient": patientName(u.patientID), "priority": Display.priority(u.priority),
                     "specialty": names.specialties[u.specialtyID] ?? "Unknown specialty", "dueBy": Display.day(u.dueBy), "detail": u.detail]
                },
                "moreUnplaced": max(0, plan.unplaced.count - 100),
            ] as [String: Any]
        }
        for (key, value) in extra { data[key] = value }
        return try pages.page("outpatients/allocation", title: "Auto-allocation", data, context: context, status: status)
    }

    /// Why patients were left waiting, in words.
    static func unplacedReason(_ reason: UnplacedReferral.Reason) -> String {
        switch reason {
        case .noSlotOfType: "No free slot of a type they may use"
        case .notAvailable: "No free slot on a day they can attend"
        case .capacity: "More urgent patients took the suitable slots"
        }
    }
}
