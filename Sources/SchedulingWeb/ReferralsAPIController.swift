import Foundation
import Hummingbird
import SchedulingDomain
import SchedulingServices

/// `/api/v1/referrals` and `/api/v1/tracking-list`: waiting lists (OP-01, OP-02, OP-09, OP-12).
struct ReferralsAPIController {
    let services: KairosServices

    /// A referral as the API shows it: the stored facts plus the clock's derived dates.
    struct ReferralView: Codable, Sendable {
        var referral: Referral
        var breachDate: LocalDate
        var dueBy: LocalDate
        var weeksWaited: Int
        var cancerSeenBy: LocalDate?
        var fasterDiagnosisBy: LocalDate?

        init(_ referral: Referral, today: LocalDate) {
            self.referral = referral
            breachDate = referral.clock.breachDate
            dueBy = referral.dueBy
            weeksWaited = referral.clock.weeksWaited(asOf: today)
            cancerSeenBy = referral.cancerSeenBy
            fasterDiagnosisBy = referral.fasterDiagnosisBy
        }
    }

    struct RemovalInput: Codable, Sendable {
        var reason: String?
    }

    struct TrackingListView: Codable, Sendable {
        var asOf: LocalDate
        var count: Int
        var withinStandard: Double
        var entries: [PatientTrackingList.Entry]
    }

    func register(_ routes: RouteRegistrar) {
        routes.add(RouteCatalogue.apiReferralsCreate) { request, context in
            var request = request
            let input = try await request.decodeJSON(ReferralInput.self, context: context)
            let referral = try await services.referrals.create(input, by: context.caller())
            var response = try JSONResponse(value: ReferralView(referral, today: services.environment.today), status: .created)
                .response(from: request, context: context)
            response.headers[.location] = "/api/v1/referrals/\(referral.id.rawValue)"
            return response
        }
        routes.add(RouteCatalogue.apiReferralsRead) { request, context in
            let id = try context.parameters.require("id")
            let referral = try await services.referrals.referral(id: .init(id), by: context.caller(reason: request.headers[.init("X-Kairos-Reason")!]))
            return try JSONResponse(value: ReferralView(referral, today: services.environment.today)).response(from: request, context: context)
        }
        routes.add(RouteCatalogue.apiReferralsRemove) { request, context in
            var request = request
            let id = try context.parameters.require("id")
            let input = try await request.decodeJSON(RemovalInput.self, context: context)
            let referral = try await services.referrals.remove(id: .init(id), reason: input.reason, by: context.caller())
            return try JSONResponse(value: ReferralView(referral, today: services.environment.today)).response(from: request, context: context)
        }
        routes.add(RouteCatalogue.apiReferralAvailability) { request, context in
            var request = request
            let id = try context.parameters.require("id")
            let input = try await request.decodeJSON(AvailabilityInput.self, context: context)
            let referral = try await services.referrals.setAvailability(id: .init(id), input, by: context.caller())
            return try JSONResponse(value: ReferralView(referral, today: services.environment.today)).response(from: request, context: context)
        }
        routes.add(RouteCatalogue.apiReferralOffers) { request, context in
            let id = try context.parameters.require("id")
            let offer = try Self.offerRequest(request.uri.queryParameters)
            let slots = try await services.bookings.offers(referralID: .init(id), offer, by: context.caller())
            return try JSONResponse(value: slots).response(from: request, context: context)
        }
        routes.add(RouteCatalogue.apiTrackingList) { request, context in
            let filter = try Self.filter(request.uri.queryParameters)
            let list = try await services.referrals.trackingList(filter, by: context.caller())
            let view = TrackingListView(asOf: services.environment.today, count: list.entries.count, withinStandard: list.withinStandard,
                                        entries: list.entries)
            return try JSONResponse(value: view).response(from: request, context: context)
        }
    }

    /// The offer request from query parameters; every malformed one is named.
    static func offerRequest(_ query: Hummingbird.Parameters) throws -> BookingService.OfferRequest {
        var reader = QueryReader(query)
        var offer = BookingService.OfferRequest()
        if let count = reader.integer("count") { offer.count = count }
        offer.locationID = reader.text("locationId").map { .init($0) }
        if let weekdays = reader.integerList("weekdays") { offer.weekdays = Set(weekdays) }
        offer.notBefore = reader.date("notBefore")
        try reader.finish()
        return offer
    }

    /// The tracking-list filter from query parameters; every malformed one is named.
    static func filter(_ query: Hummingbird.Parameters) throws -> PatientTrackingList.Filter {
        var reader = QueryReader(query)
        let filter = PatientTrackingList.Filter(
            specialtyID: reader.text("specialtyId").map { .init($0) }, priority: reader.choice("priority", ClinicalPriority.self),
            minimumWeeks: reader.integer("minWeeks", minimum: 0), breachedOnly: reader.boolean("breached") ?? false)
        try reader.finish()
        return filter
    }
}
