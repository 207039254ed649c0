import Foundation
import Hummingbird
import SchedulingDomain
import SchedulingServices

/// The transport office's terms on one page (PT-02, PT-05): the contract's standards and prices
/// and the fleet's cost per km, the third-party providers, the bases and the map's tile layer.
/// Planners read it; managers change the contract and the tile layer here (each error beside its
/// field, the form keeping what was typed).
extension TransportPagesController {
    struct ContractForm: Decodable {
        var csrf: String?
        var name, price, ecjPrice, fleetCost, earliestArrival, collectWithin, maxOnVehicle: String?
        enum CodingKeys: String, CodingKey { case csrf = "_csrf", name, price, ecjPrice, fleetCost, earliestArrival, collectWithin, maxOnVehicle }
    }

    struct TilesForm: Decodable {
        var csrf: String?
        var url, attribution, remove: String?
        enum CodingKeys: String, CodingKey { case csrf = "_csrf", url, attribution, remove }
    }

    func settingsPage(_ request: Request, context: KairosRequestContext) async throws -> Response {
        let saved = request.uri.queryParameters["saved"].map(String.init)
        return try await settings(context: context, extra: saved.map { ["saved": $0 == "contract" ? "The contract is saved." : "The map layer is saved."] } ?? [:])
    }

    func settings(context: KairosRequestContext, extra: [String: Any] = [:], status: HTTPResponse.Status = .ok) async throws -> Response {
        let caller = try context.caller()
        let bookings = transport.bookings
        let contract = try await bookings.contract(by: caller), providers = try await transport.plans.providers(by: caller)
        let bases = try await bookings.bases(by: caller), tiles = try await bookings.mapTiles(by: caller)
        let s = contract.standards
        var data: [String: Any] = [
            "canEdit": caller.principal.holds(anyOf: TransportBookingService.contractRoles),
            "name": contract.name, "price": Self.poundsField(contract.pricePerJourneyPence), "ecjPrice": Self.poundsField(contract.ecjPricePence),
            "fleetCost": Self.poundsField(contract.fleetPencePerKm ?? TransportContract.defaultFleetPencePerKm),
            "earliestArrival": String(s.earliestArrivalMinutes), "collectWithin": String(s.collectWithinMinutes), "maxOnVehicle": String(s.maxOnVehicleMinutes),
            "overrides": s.overrides.map { o in
                ["category": o.category.label.capitalizedFirst,
                 "rules": [o.earliestArrivalMinutes.map { "arrive at most \($0) min early" }, o.collectWithinMinutes.map { "collected within \($0) min" },
                           o.maxOnVehicleMinutes.map { "at most \($0) min on board" }].compactMap { $0 }.joined(separator: "; ")]
            },
            "hasOverrides": !s.overrides.isEmpty,
            "providers": providers.map { p in
                ["name": p.name,
                 "prices": MobilityCategory.allCases.compactMap { c in p.price(for: c).map { "\(c.label.capitalizedFirst) \(Self.pounds($0))" } }.joined(separator: ", "),
                 "limit": "\(p.dailyLimit) a day", "escorts": "\(p.maxEscorts ?? 3)", "bariatric": p.bariatric == true ? "Yes" : "No"]
            },
            "hasProviders": !providers.isEmpty,
            "bases": bases.map { ["name": $0.name, "place": String(format: "%.4f, %.4f", $0.location.latitude, $0.location.longitude)] },
            "hasBases": !bases.isEmpty,
            "tilesUrl": tiles?.url ?? "", "tilesAttribution": tiles?.attribution ?? "", "hasTiles": tiles != nil,
        ]
        data.merge(extra) { $1 }
        return try pages.page("transport/settings", title: "Transport contract and providers", data, context: context, status: status)
    }

    func submitContract(_ request: Request, context: KairosRequestContext) async throws -> Response {
        var request = request
        let form = try await request.decodeForm(ContractForm.self, context: context)
        try CSRF.check(form.csrf, context: context)
        let caller = try context.caller()
        var contract = try await transport.bookings.contract(by: caller)
        var c = ValidationCollector()
        func pence(_ text: String?, _ field: String, _ label: String) -> Int? {
            let trimmed = (text ?? "").trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "£", with: "")
            guard let value = Decimal(string: trimmed), value >= 0, trimmed.range(of: #"^\d+(\.\d{1,2})?$"#, options: .regularExpression) != nil else {
                c.add(field, "field.amount", "\(label) must be an amount in pounds, like 45.00.")
                return nil
            }
            return NSDecimalNumber(decimal: value * 100).intValue
        }
        func minutes(_ text: String?, _ field: String, _ label: String) -> Int? {
            guard let value = Int((text ?? "").trimmingCharacters(in: .whitespaces)) else {
                c.add(field, "field.integer", "\(label) must be a whole number of minutes.")
                return nil
            }
            return value
        }
        contract.name = (form.name ?? "").trimmingCharacters(in: .whitespaces)
        contract.pricePerJourneyPence = pence(form.price, "price", "Price per journey") ?? contract.pricePerJourneyPence
        contract.ecjPricePence = pence(form.ecjPrice, "ecjPrice", "ECJ price") ?? contract.ecjPricePence
        contract.fleetPencePerKm = pence(form.fleetCost, "fleetCost", "The fleet's cost per km") ?? contract.fleetPencePerKm
        contract.standards.earliestArrivalMinutes = minutes(form.earliestArrival, "earliestArrival", "Arrive at most") ?? contract.standards.earliestArrivalMinutes
        contract.standards.collectWithinMinutes = minutes(form.collectWithin, "collectWithin", "Collect within") ?? contract.standards.collectWithinMinutes
        contract.standards.maxOnVehicleMinutes = minutes(form.maxOnVehicle, "maxOnVehicle", "On board at most") ?? contract.standards.maxOnVehicleMinutes
        let typed: [String: Any] = ["name": form.name ?? "", "price": form.price ?? "", "ecjPrice": form.ecjPrice ?? "", "fleetCost": form.fleetCost ?? "",
                                    "earliestArrival": form.earliestArrival ?? "", "collectWithin": form.collectWithin ?? "", "maxOnVehicle": form.maxOnVehicle ?? ""]
        do {
            if !c.issues.isEmpty { throw ServiceError.invalid(c.issues) }
            _ = try await transport.bookings.setContract(contract, by: caller)
            return .redirect(to: "/transport/settings?saved=contract", type: .normal)
        } catch let error as ServiceError {
            guard case .invalid = error else { throw error }
            let problem = PageRenderer.formProblem(error, fields: Self.contractFields)
            return try await settings(context: context, extra: typed.merging(problem.data) { $1 }, status: problem.status)
        }
    }

    /// The contract's paths → the form's fields.
    static let contractFields: [String: PageRenderer.FormField] = [
        "name": .init("name", "Name"), "pricePerJourneyPence": .init("price", "Price per journey"), "ecjPricePence": .init("ecjPrice", "ECJ price"),
        "fleetPencePerKm": .init("fleetCost", "The fleet's cost per km"),
        "standards.earliestArrivalMinutes": .init("earliestArrival", "Arrive at most"), "standards.collectWithinMinutes": .init("collectWithin", "Collect within"),
        "standards.maxOnVehicleMinutes": .init("maxOnVehicle", "On board at most"),
        "price": .init("price", "Price per journey"), "ecjPrice": .init("ecjPrice", "ECJ price"), "fleetCost": .init("fleetCost", "The fleet's cost per km"),
        "earliestArrival": .init("earliestArrival", "Arrive at most"), "collectWithin": .init("collectWithin", "Collect within"),
        "maxOnVehicle": .init("maxOnVehicle", "On board at most"),
    ]

    func submitTiles(_ request: Request, context: KairosRequestContext) async throws -> Response {
        var request = request
        let form = try await request.decodeForm(TilesForm.self, context: context)
        try CSRF.check(form.csrf, context: context)
        let tiles = form.remove != nil ? nil : MapTiles(url: (form.url ?? "").trimmingCharacters(in: .whitespaces),
                                                        attribution: (form.attribution ?? "").trimmingCharacters(in: .whitespaces))
        do {
            _ = try await transport.bookings.setMapTiles(tiles, by: context.caller())
            return .redirect(to: "/transport/settings?saved=tiles", type: .normal)
        } catch let error as ServiceError {
            guard case .invalid = error else { throw error }
            let problem = PageRenderer.formProblem(error, fields: ["url": .init("tilesUrl", "Tile address"), "attribution": .init("tilesAttribution", "Attribution")])
            return try await settings(context: context, extra: ["tilesUrl": form.url ?? "", "tilesAttribution": form.attribution ?? ""].merging(problem.data) { $1 },
                                      status: problem.status)
        }
    }

    /// Pence as "45.00", for a field in pounds.
    static func poundsField(_ pence: Int) -> String { String(format: "%d.%02d", pence / 100, pence % 100) }
}
