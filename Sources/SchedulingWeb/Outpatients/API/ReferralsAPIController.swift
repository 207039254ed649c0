import Foundation
import Hummingbird
import SchedulingDomain
import SchedulingServices

/// `/api/v1/referrals` and `/api/v1/tracking-list`: waiting lists (OP-01, OP-02, OP-09, OP-12).
struct ReferralsAPIController {
    let shared: SharedServices
    let outpatients: OutpatientServices

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
        /// Open pathways in all (every page).
        var count: Int
        var withinStandard: Double
        /// This page: `limit` entries from `offset`.
        var limit: Int
        var offset: Int
        var entries: [PatientTrackingList.Entry]
    }

    func register(_ routes: RouteRegistrar) {
        routes.add(OutpatientRoutes.apiReferralsCreate) { request, context in
            var request = request
            let input = try await request.decodeJSON(ReferralInput.self, context: context)
            let referral = try await outpatients.referrals.create(input, by: context.caller())
            var response = try JSONResponse(value: ReferralView(referral, today: shared.environment.today), status: .created)
                .response(from: request, context: context)
            response.headers[.location] = "/api/v1/referrals/\(referral.id.rawValue)"
            return response
        }
        routes.add(OutpatientRoutes.apiReferralsRead) { request, context in
            let id = try context.parameters.require("id")
            let referral = try await outpatients.referrals.referral(id: .init(id), by: context.caller(reason: request.headers[.kairosReason]))
            return try JSONResponse(value: ReferralView(referral, today: shared.environment.today)).response(from: request, context: context)
        }
        routes.add(OutpatientRoutes.apiReferralsRemove) { request, context in
            var request = request
            let id = try context.parameters.require("id")
            let input = try await request.decodeJSON(RemovalInput.self, context: context)
            let referral = try await outpatients.referrals.remove(id: .init(id), reason: input.reason, by: context.caller())
            return try JSONResponse(value: ReferralView(referral, today: shared.environment.today)).response(from: request, context: context)
        }
        routes.add(OutpatientRoutes.apiReferralAvailability) { request, context in
            var request = request
            let id = try context.parameters.require("id")
            let input = try await request.decodeJSON(AvailabilityInput.self, context: context)
            let referral = try await outpatients.referrals.setAvailability(id: .init(id), input, by: context.caller())
            return try JSONResponse(value: ReferralView(referral, today: shared.environment.today)).response(from: request, context: context)
        }
        routes.add(OutpatientRoutes.apiReferralOffers) { request, context in
            let id = try context.parameters.require("id")
            let offer = try Self.offerRequest(request.uri.queryParameters)
            let slots = try await outpatients.bookings.offers(referralID: .init(id), offer, by: context.caller())
            return try JSONResponse(value: slots).response(from: request, context: context)
        }
        routes.add(OutpatientRoutes.apiOfferRecordsList) { request, context in
            let id = try context.parameters.require("id")
            return try JSONResponse(value: try await outpatients.offerRecords.offers(referralID: .init(id), by: context.caller())).response(from: request, context: context)
        }
        routes.add(OutpatientRoutes.apiOfferRecordsCreate) { request, context in
            var request = request
            let id = try context.parameters.require("id")
            let input = try await request.decodeJSON(OfferRecordInput.self, context: context)
            let offer = try await outpatients.offerRecords.record(referralID: .init(id), input, by: context.caller())
            return try JSONResponse(value: offer, status: .created).response(from: request, context: context)
        }
        routes.add(OutpatientRoutes.apiOfferRecordOutcome) { request, context in
            struct Body: Decodable { var outcome: String? }
            var request = request
            let id = try context.parameters.require("id")
            let body = try await request.decodeJSON(Body.self, context: context)
            return try JSONResponse(value: try await outpatients.offerRecords.resolve(id: .init(id), outcome: body.outcome, by: context.caller()))
                .response(from: request, context: context)
        }
        routes.add(OutpatientRoutes.apiPathwayNotesList) { request, context in
            let id = try context.parameters.require("id")
            return try JSONResponse(value: try await outpatients.notes.notes(referralID: .init(id), by: context.caller())).response(from: request, context: context)
        }
        routes.add(OutpatientRoutes.apiPathwayNotesCreate) { request, context in
            struct Body: Decodable { var text: String? }
            var request = request
            let id = try context.parameters.require("id")
            let body = try await request.decodeJSON(Body.self, context: context)
            let note = try await outpatients.notes.add(referralID: .init(id), text: body.text, by: context.caller())
            return try JSONResponse(value: note, status: .created).response(from: request, context: context)
        }
        routes.add(OutpatientRoutes.apiReferralsImport) { request, context in
            let text = try await Self.text(request, context: context)
            let result = try await outpatients.referrals.importCSV(text, by: context.caller())
            return try JSONResponse(value: result, status: .created).response(from: request, context: context)
        }
        routes.add(OutpatientRoutes.apiTrackingListCSV) { request, context in
            try await Self.trackingListCSV(request, context: context, shared: shared, outpatients: outpatients)
        }
        routes.add(OutpatientRoutes.apiTrackingList) { request, context in
            var reader = QueryReader(request.uri.queryParameters)
            let page = ListPage.read(&reader)
            try reader.finish()
            let (filter, view) = try Self.filter(request.uri.queryParameters)
            let caller = try context.caller()
            let list = try await outpatients.referrals.trackingList(filter, view: view, by: caller)
            let body = TrackingListView(asOf: shared.environment.today, count: list.entries.count, withinStandard: list.withinStandard,
                                        limit: page.limit, offset: page.offset, entries: page.slice(list.entries))
            var response = try JSONResponse(value: body).response(from: request, context: context)
            response.headers.append(contentsOf: page.headers(total: list.entries.count, request: request))
            return response
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
    /// The tracking list as a CSV download (API and page).
    static func trackingListCSV(_ request: Request, context: KairosRequestContext, shared: SharedServices, outpatients: OutpatientServices) async throws -> Response {
        let (filter, view) = try Self.filter(request.uri.queryParameters)
        let csv = try await outpatients.referrals.trackingListCSV(filter, view: view, by: context.caller(reason: "tracking list export"))
        return Response(status: .ok, headers: [
            .contentType: "text/csv; charset=utf-8",
            .contentDisposition: "attachment; filename=\"tracking-list-\(shared.environment.today.iso).csv\"",
        ], body: .init(byteBuffer: .init(string: csv)))
    }

    /// A UTF-8 request body of up to 4 MB (a CSV file).
    static func text(_ request: Request, context: KairosRequestContext) async throws -> String {
        var request = request
        let buffer = try await request.collectBody(limit: 4 << 20)
        guard let text = buffer.getString(at: buffer.readerIndex, length: buffer.readableBytes), text.utf8.count == buffer.readableBytes else {
            throw MalformedRequest(path: "", message: "The request body is not UTF-8 text.")
        }
        return text
    }

    static func filter(_ query: Hummingbird.Parameters) throws -> (PatientTrackingList.Filter, ReferralService.WorklistView?) {
        var reader = QueryReader(query)
        let filter = PatientTrackingList.Filter(
            specialtyID: reader.text("specialtyId").map { .init($0) }, priority: reader.choice("priority", ClinicalPriority.self),
            minimumWeeks: reader.integer("minWeeks", minimum: 0), breachedOnly: reader.boolean("breached") ?? false)
        let view = reader.choice("view", ReferralService.WorklistView.self)
        try reader.finish()
        return (filter, view)
    }
}
