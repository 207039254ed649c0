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

    /// The service's field paths as the strike form names and labels them.
    static let strikeFields: [String: PageRenderer.FormField] = [
        "clinicianIDs": .init("clinicianIds", "Clinicians"), "from": .init("from", "The first day"), "through": .init("through", "The last day"),
        "reason": .init("reason", "The reason"), "rebook.minimumNoticeDays": .init("minimumNoticeDays", "Minimum notice"),
        "rebook.through": .init("rebookThrough", "Rebook up to"), "rebook.moveBooked": .init("moveBooked", "Moving other bookings"),
    ]

    /// Previews or carries out the cancellation.
    func submitStrike(_ request: Request, context: KairosRequestContext) async throws -> Response {
        var request = request
        let form = try await request.decodeForm(StrikeForm.self, context: context)
        try CSRF.check(form.csrf, context: context)
        var issues: [ValidationIssue] = []
        let notice = Self.integer(form.minimumNoticeDays, at: "rebook.minimumNoticeDays", into: &issues)
        if !issues.isEmpty {
            let problem = PageRenderer.formProblem(.invalid(issues), fields: Self.strikeFields)
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
            let problem = PageRenderer.formProblem(error, fields: Self.strikeFields)
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
            "reasons": SessionCancellationService.reasons.map { ["id": $0.rawValue, "label": Display.reason($0), "selected": $0.rawValue == (form?.reason ?? "industrial-action")] },
            "moveBooked": MoveBookedPolicy.allCases.map { ["id": $0.rawValue, "selected": $0.rawValue == (form?.moveBooked ?? "not-notified")] },
            "reason": form?.reason ?? "", "moveBookedValue": form?.moveBooked ?? "",
        ]
        if let result {
            let byAppointment = Dictionary(result.affected.map { ($0.appointmentID, $0) }, uniquingKeysWith: { a, _ in a })
            func needs(_ a: AffectedBooking?) -> [[String: String]] {
                guard let a else { return [] }
                var out: [[String: String]] = []
                if a.needsTransport { out.append(["label": "Transport"]) }
                if let language = a.interpreterLanguage { out.append(["label": "\(language) interpreter"]) }
                return out
            }
            let patients = try await outpatients.referrals.worklistPatients(result.affected.map(\.patientID), by: caller)
            func who(_ id: Patient.ID) -> String { patients[id].map { "\($0.familyName), \($0.givenName)" } ?? "Unknown patient" }
            var summary: [String: Any] = [
                "committed": result.committed, "slotsCancelled": result.slotsCancelled, "affectedCount": result.affected.count, "shortfall": result.shortfall,
                "transportCount": result.affected.filter(\.needsTransport).count,
                "interpreterCount": result.affected.filter { $0.interpreterLanguage != nil }.count,
                "affected": result.affected.prefix(200).map { a -> [String: Any] in
                    ["referralId": a.referralID.rawValue, "patient": who(a.patientID), "priority": Display.priorityShort(a.priority),
                     "specialty": names.specialties[a.specialtyID] ?? "", "was": Display.dateTime(a.date, a.start), "dueBy": Display.day(a.dueBy),
                     "capacityBeforeDue": a.capacityBeforeDue, "needs": needs(a)]
                },
            ]
            if let plan = result.rebooking {
                let rebooked = plan.moves.filter { !$0.bumped && $0.toSlotID != nil }
                // The slots moved into, for their clinician and place.
                let targets = try await outpatients.clinics.slots(from: plan.from, through: plan.through, by: caller)
                let slotByID = Dictionary(targets.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
                summary["rebooking"] = [
                    "from": Display.day(plan.from), "through": Display.day(plan.through), "rebooked": rebooked.count,
                    "inTime": rebooked.filter { !$0.afterDue }.count, "afterDue": rebooked.filter(\.afterDue).count,
                    "notRebooked": max(0, result.affected.count - rebooked.count),
                    "bumped": plan.bumped, "moveBooked": plan.moveBooked.rawValue,
                    "moves": plan.moves.prefix(200).map { m -> [String: Any] in
                        let target = m.toSlotID.flatMap { slotByID[$0] }
                        return ["referralId": m.referralID.rawValue, "patient": who(m.patientID), "priority": Display.priorityShort(m.priority),
                                "from": Display.day(m.fromDate),
                                "to": target.map { Display.dateTime($0.date, $0.start) } ?? m.toDate.map(Display.day) ?? "Not rebooked: back on the list",
                                "toClinic": target.map(names.clinic) ?? "", "bumped": m.bumped, "afterDue": m.afterDue, "needs": needs(byAppointment[m.appointmentID])]
                    },
                ] as [String: Any]
            }
            data["result"] = summary
        }
        for (key, value) in extra { data[key] = value }
        return try pages.page("outpatients/strike", title: "Cancel sessions and rebook", data, context: context, status: status)
    }
}
