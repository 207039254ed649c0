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
        var issues: [ValidationIssue] = []
        var offer = BookingService.OfferRequest()
        if let text = query.get("count") {
            if let count = Int(text) { offer.count = count } else {
                issues.append(.init(path: "count", code: "field.integer", message: "count must be a whole number."))
            }
        }
        if let location = query.get("locationId") { offer.locationID = .init(location) }
        if let text = query.get("weekdays") {
            let days = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            if days.isEmpty || days.contains(nil) {
                issues.append(.init(path: "weekdays", code: "field.list", message: "weekdays must be ISO weekday numbers separated by commas, e.g. 1,3,5."))
            } else {
                offer.weekdays = Set(days.compactMap { $0 })
            }
        }
        if let text = query.get("notBefore") {
            offer.notBefore = LocalDate(iso: text)
            if offer.notBefore == nil { issues.append(.init(path: "notBefore", code: "date.format", message: "notBefore must be a date as YYYY-MM-DD.")) }
        }
        if !issues.isEmpty { throw ServiceError.invalid(issues) }
        return offer
    }

    /// The tracking-list filter from query parameters; every malformed one is named.
    static func filter(_ query: Hummingbird.Parameters) throws -> PatientTrackingList.Filter {
        var issues: [ValidationIssue] = []
        var filter = PatientTrackingList.Filter()
        if let specialty = query.get("specialtyId") { filter.specialtyID = .init(specialty) }
        if let text = query.get("priority") {
            filter.priority = ClinicalPriority(rawValue: text)
            if filter.priority == nil {
                issues.append(.init(path: "priority", code: "field.enum", message: "priority must be one of: \(ClinicalPriority.allowedValues)."))
            }
        }
        if let text = query.get("minWeeks") {
            filter.minimumWeeks = Int(text)
            if filter.minimumWeeks == nil || filter.minimumWeeks! < 0 {
                issues.append(.init(path: "minWeeks", code: "field.integer", message: "minWeeks must be a whole number of weeks, 0 or more."))
            }
        }
        if let text = query.get("breached") {
            switch text {
            case "true": filter.breachedOnly = true
            case "false": filter.breachedOnly = false
            default: issues.append(.init(path: "breached", code: "field.boolean", message: "breached must be true or false."))
            }
        }
        if !issues.isEmpty { throw ServiceError.invalid(issues) }
        return filter
    }
}
