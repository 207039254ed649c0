import Foundation
import Hummingbird
import SchedulingDomain
import SchedulingServices

/// Offers of dates on the pathway page: recording the dates offered, and the patient's answer.
extension OutpatientPagesController {
    struct OfferForm: Decodable {
        var csrf: String?
        var slotIds: [String]?
        var channel: String?
        enum CodingKeys: String, CodingKey { case csrf = "_csrf", slotIds, channel }
    }

    struct OfferOutcomeForm: Decodable {
        var csrf: String?
        var outcome: String?
        enum CodingKeys: String, CodingKey { case csrf = "_csrf", outcome }
    }

    /// The offer service's fields as the pathway page names them.
    static let offerFields: [String: PageRenderer.FormField] = [
        "slotIDs": .init("slotIds", "The dates offered"), "channel": .init("offerChannel", "How the dates were offered"),
    ]

    /// Records the dates offered; the pathway again, with the choice kept and the error beside the dates, if it cannot.
    func submitOffer(_ request: Request, context: KairosRequestContext) async throws -> Response {
        var request = request
        let id = Referral.ID(try context.parameters.require("id"))
        let form = try await request.decodeForm(OfferForm.self, context: context)
        try CSRF.check(form.csrf, context: context)
        do {
            _ = try await outpatients.offerRecords.record(referralID: id, .init(slotIDs: form.slotIds ?? [], channel: form.channel), by: context.caller())
            return .redirect(to: "/outpatients/referrals/\(id.rawValue)?offered=1#offers-made", type: .normal)
        } catch let error as ServiceError {
            let problem = PageRenderer.formProblem(error, fields: Self.offerFields)
            var extra = problem.data
            extra["offerForm"] = ["slotIds": form.slotIds ?? [], "channel": form.channel ?? "phone"]
            return try await pathway(id, extra: extra, context: context, status: problem.status)
        }
    }

    /// Records the patient's answer to an offer; back to the pathway.
    func submitOfferOutcome(_ request: Request, context: KairosRequestContext) async throws -> Response {
        var request = request
        let id = OfferRecord.ID(try context.parameters.require("id"))
        let form = try await request.decodeForm(OfferOutcomeForm.self, context: context)
        try CSRF.check(form.csrf, context: context)
        let caller = try context.caller()
        do {
            let offer = try await outpatients.offerRecords.resolve(id: id, outcome: form.outcome, by: caller)
            return .redirect(to: "/outpatients/referrals/\(offer.referralID.rawValue)?answered=\(offer.outcome.rawValue)#offers-made", type: .normal)
        } catch let error as ServiceError {
            // No such offer: the error page. Otherwise its pathway again, with the problem.
            if case .notFound = error { throw error }
            guard let referralID = try await outpatients.offerRecords.referral(ofOffer: id, by: caller) else { throw error }
            let problem = PageRenderer.formProblem(error)
            return try await pathway(referralID, extra: problem.data, context: context, status: problem.status)
        }
    }
}
