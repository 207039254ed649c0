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
        var contractId, new, code, commissioner, remove, clusterId: String?
        var name, price, ecjPrice, fleetCost, overtimeCost, earliestArrival, collectWithin, maxOnVehicle: String?
        var locations: [String]?
        enum CodingKeys: String, CodingKey {
            case csrf = "_csrf", contractId, new, code, commissioner, remove, clusterId, name, price, ecjPrice, fleetCost, overtimeCost, earliestArrival, collectWithin, maxOnVehicle, locations
        }
    }

    struct TilesForm: Decodable {
        var csrf: String?
        var url, attribution, remove: String?
        enum CodingKeys: String, CodingKey { case csrf = "_csrf", url, attribution, remove }
    }

    struct BaseForm: Decodable {
        var csrf: String?
        var baseId, name, latitude, longitude, remove: String?
        enum CodingKeys: String, CodingKey { case csrf = "_csrf", baseId, name, latitude, longitude, remove }
    }

    /// Adds or changes a base, or removes one.
    func submitBase(_ request: Request, context: KairosRequestContext) async throws -> Response {
        var request = request
        let form = try await request.decodeForm(BaseForm.self, context: context)
        try CSRF.check(form.csrf, context: context)
        let caller = try context.caller()
        if let id = form.remove {
            _ = try await transport.bookings.removeBase(id: id, by: caller)
            return .redirect(to: "/transport/settings?saved=baseRemoved#bases-head", type: .normal)
        }
        var c = ValidationCollector()
        let name = (form.name ?? "").trimmingCharacters(in: .whitespaces)
        let latitude = Double((form.latitude ?? "").trimmingCharacters(in: .whitespaces)), longitude = Double((form.longitude ?? "").trimmingCharacters(in: .whitespaces))
        if !(latitude.map { (-90...90).contains($0) } ?? false) {
            c.add("location.latitude", "field.number", "Latitude must be a number of degrees between -90 and 90, like 53.4713.")
        }
        if !(longitude.map { (-180...180).contains($0) } ?? false) {
            c.add("location.longitude", "field.number", "Longitude must be a number of degrees between -180 and 180, like -2.2130.")
        }
        let existing = try await transport.bookings.bases(by: caller)
        let id = form.baseId.flatMap { id in existing.contains { $0.id == id } ? id : nil } ?? Self.newID(name, taken: Set(existing.map(\.id)))
        let base = TransportBase(id: id, name: name, location: Coordinates(latitude: latitude ?? 0, longitude: longitude ?? 0))
        do {
            var issues = c.issues
            issues += base.validate().filter { rule in !issues.contains { $0.path == rule.path } }
            if !issues.isEmpty { throw ServiceError.invalid(issues) }
            _ = try await transport.bookings.saveBase(base, by: caller)
            return .redirect(to: "/transport/settings?saved=base#bases-head", type: .normal)
        } catch let error as ServiceError {
            guard case .invalid = error else { throw error }
            let problem = PageRenderer.formProblem(error, fields: ["name": .init("baseName", "Name"), "location.latitude": .init("baseLatitude", "Latitude"),
                                                                   "location.longitude": .init("baseLongitude", "Longitude")])
            let again: [String: Any] = ["baseId": form.baseId ?? "", "baseName": form.name ?? "", "baseLatitude": form.latitude ?? "",
                                        "baseLongitude": form.longitude ?? "", "editingBase": form.baseId?.isEmpty == false]
            return try await settings(context: context, extra: again.merging(problem.data) { $1 }, status: problem.status)
        }
    }

    struct ProviderForm: Decodable {
        var csrf: String?
        var providerId, name, walking, seated, wheelchair, stretcher, dailyLimit, maxEscorts, bariatric, remove: String?
        enum CodingKeys: String, CodingKey {
            case csrf = "_csrf", providerId, name, walking, seated, wheelchair, stretcher, dailyLimit, maxEscorts, bariatric, remove
        }
    }

    func settingsPage(_ request: Request, context: KairosRequestContext) async throws -> Response {
        let saved = request.uri.queryParameters["saved"].map(String.init)
        let notices = ["contract": "The contract is saved.", "contractRemoved": "The contract is removed.", "tiles": "The map layer is saved.", "provider": "The provider is saved.", "removed": "The provider is removed.",
                       "base": "The base is saved.", "baseRemoved": "The base is removed.", "cluster": "The cluster is saved.", "clusterRemoved": "The cluster is removed."]
        var extra: [String: Any] = saved.flatMap { notices[$0] }.map { ["saved": $0] } ?? [:]
        // "Change" on a provider's row fills the provider form with it.
        if let id = request.uri.queryParameters["provider"].map(String.init),
           let p = try await transport.plans.providers(by: context.caller()).first(where: { $0.id == id })
        {
            extra.merge(Self.providerFields(p)) { $1 }
        }
        if let code = request.uri.queryParameters["contract"].map(String.init) {
            if code == "new" {
                extra.merge(Self.contractValues(TransportContract(id: "", name: ""), lead: false)) { $1 }
                extra.merge(["addingContract": true, "price": "", "ecjPrice": ""]) { $1 }
            } else if let found = try await transport.bookings.contracts(by: context.caller()).enumerated().first(where: { $0.element.id == code }) {
                extra.merge(Self.contractValues(found.element, lead: found.offset == 0)) { $1 }
            }
        }
        if let code = request.uri.queryParameters["cluster"].map(String.init) { extra["chooseCluster"] = code }
        if let id = request.uri.queryParameters["base"].map(String.init), let b = try await transport.bookings.bases(by: context.caller()).first(where: { $0.id == id }) {
            extra.merge(["baseId": b.id, "baseName": b.name, "baseLatitude": String(format: "%.5f", b.location.latitude),
                         "baseLongitude": String(format: "%.5f", b.location.longitude), "editingBase": true]) { $1 }
        }
        return try await settings(context: context, extra: extra)
    }

    /// A provider as the provider form's values (prices in pounds, blank where not carried).
    static func providerFields(_ p: ThirdPartyProvider) -> [String: Any] {
        var fields: [String: Any] = ["providerId": p.id, "providerName": p.name, "dailyLimit": String(p.dailyLimit),
                                     "maxEscorts": p.maxEscorts.map(String.init) ?? "", "bariatricChecked": p.bariatric == true, "editing": true]
        for c in MobilityCategory.allCases { fields["price_" + c.rawValue] = p.price(for: c).map(poundsField) ?? "" }
        return fields
    }

    /// Adds or changes a provider, or removes one.
    func submitProvider(_ request: Request, context: KairosRequestContext) async throws -> Response {
        var request = request
        let form = try await request.decodeForm(ProviderForm.self, context: context)
        try CSRF.check(form.csrf, context: context)
        let caller = try context.caller()
        if let id = form.remove {
            _ = try await transport.plans.removeProvider(id: id, by: caller)
            return .redirect(to: "/transport/settings?saved=removed#providers-head", type: .normal)
        }
        var c = ValidationCollector()
        var prices: [MobilityCategory: Int] = [:]
        let typed = ["walking": form.walking, "seated": form.seated, "wheelchair": form.wheelchair, "stretcher": form.stretcher]
        for category in MobilityCategory.allCases {
            let text = (typed[category.rawValue] ?? nil)?.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "£", with: "") ?? ""
            guard !text.isEmpty else { continue }
            if let pence = Self.pence(text) { prices[category] = pence } else {
                c.add("prices." + category.rawValue, "field.amount", "\(category.label.capitalizedFirst) must be an amount in pounds, like 38.00, or blank if not carried.")
            }
        }
        let name = (form.name ?? "").trimmingCharacters(in: .whitespaces)
        let limit = Int((form.dailyLimit ?? "").trimmingCharacters(in: .whitespaces))
        if limit == nil { c.add("dailyLimit", "field.integer", "Daily limit must be a whole number of journeys.") }
        let escortsText = (form.maxEscorts ?? "").trimmingCharacters(in: .whitespaces)
        let escorts = escortsText.isEmpty ? nil : Int(escortsText)
        if !escortsText.isEmpty && escorts == nil { c.add("maxEscorts", "field.integer", "Escorts must be a whole number, or blank for up to 3.") }
        let existing = try await transport.plans.providers(by: caller)
        let id = form.providerId.flatMap { id in existing.contains { $0.id == id } ? id : nil } ?? Self.newID(name, taken: Set(existing.map(\.id)))
        let provider = ThirdPartyProvider(id: id, name: name, prices: prices, dailyLimit: limit ?? 0, maxEscorts: escorts, bariatric: form.bariatric != nil)
        do {
            var issues = c.issues
            // The provider's own rules, where the form has not already named the field.
            issues += provider.validate().filter { rule in !issues.contains { $0.path == rule.path } && !(rule.path == "prices" && !c.issues.isEmpty) }
            if !issues.isEmpty { throw ServiceError.invalid(issues) }
            _ = try await transport.plans.saveProvider(provider, by: caller)
            return .redirect(to: "/transport/settings?saved=provider#providers-head", type: .normal)
        } catch let error as ServiceError {
            guard case .invalid = error else { throw error }
            var fields: [String: PageRenderer.FormField] = ["name": .init("providerName", "Name"), "dailyLimit": .init("dailyLimit", "Daily limit"),
                                                            "maxEscorts": .init("maxEscorts", "Escorts"), "prices": .init("prices", "Prices")]
            for c in MobilityCategory.allCases { fields["prices." + c.rawValue] = .init("price_" + c.rawValue, c.label.capitalizedFirst) }
            let problem = PageRenderer.formProblem(error, fields: fields)
            var again: [String: Any] = ["providerId": form.providerId ?? "", "providerName": form.name ?? "", "dailyLimit": form.dailyLimit ?? "",
                                        "maxEscorts": form.maxEscorts ?? "", "bariatricChecked": form.bariatric != nil, "editing": form.providerId?.isEmpty == false]
            for (k, v) in typed { again["price_" + k] = v ?? "" }
            return try await settings(context: context, extra: again.merging(problem.data) { $1 }, status: problem.status)
        }
    }

    /// "Northway Taxis" → "northway-taxis", made unique among `taken` (a provider's or a base's id).
    static func newID(_ name: String, taken: Set<String>) -> String {
        let slug = String(name.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }).split(separator: "-").joined(separator: "-").prefix(32)
        let stem = slug.isEmpty ? "item" : String(slug)
        var id = stem, n = 2
        while taken.contains(id) { id = "\(stem)-\(n)"; n += 1 }
        return id
    }

    /// "45.00" → 4500; nil unless an amount in pounds with at most two decimals.
    static func pence(_ text: String) -> Int? {
        guard text.range(of: #"^\d{1,6}(\.\d{1,2})?$"#, options: .regularExpression) != nil, let value = Decimal(string: text) else { return nil }
        return NSDecimalNumber(decimal: value * 100).intValue
    }

    func settings(context: KairosRequestContext, extra: [String: Any] = [:], status: HTTPResponse.Status = .ok) async throws -> Response {
        let caller = try context.caller()
        let bookings = transport.bookings
        let contracts = try await bookings.contracts(by: caller), providers = try await transport.plans.providers(by: caller)
        let bases = try await bookings.bases(by: caller), tiles = try await bookings.mapTiles(by: caller)
        let locations = try await shared.organisation.overview(by: caller).locations
        let placeName = Dictionary(locations.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let clusters = try await bookings.clusters(by: caller)
        let clusterName = Dictionary(clusters.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        var data: [String: Any] = [
            "canEdit": caller.principal.holds(anyOf: TransportBookingService.contractRoles),
            "contracts": contracts.enumerated().map { k, c in
                ["code": c.id, "name": c.name, "lead": k == 0,
                 "about": (["Code \(c.id)"] + [c.commissioner, clusters.count > 1 ? clusterName[c.cluster] : nil].compactMap { $0 }).joined(separator: "; "),
                 "serves": ([c.locationIDs.compactMap { placeName[$0] }.joined(separator: ", ")].filter { !$0.isEmpty }
                    + (k == 0 ? ["every hospital no other contract serves"] : [])).joined(separator: "; and ").capitalizedFirst
                    .replacingOccurrences(of: "^$", with: "Journeys booked under it by name", options: .regularExpression),
                 "prices": "\(Self.pounds(c.pricePerJourneyPence)) a journey, ECJ \(Self.pounds(c.ecjPricePence))",
                 "standards": Self.standardsText(c.standards)]
            },
            "hasSeveralContracts": contracts.count > 1,
            "providers": providers.map { p in
                ["name": p.name, "id": p.id,
                 "prices": MobilityCategory.allCases.compactMap { c in p.price(for: c).map { "\(c.label.capitalizedFirst) \(Self.pounds($0))" } }.joined(separator: ", "),
                 "limit": "\(p.dailyLimit) a day", "escorts": "\(p.maxEscorts ?? 3)", "bariatric": p.bariatric == true ? "Yes" : "No"]
            },
            "hasProviders": !providers.isEmpty,
            "bases": bases.map { ["id": $0.id, "name": $0.name, "place": String(format: "%.4f, %.4f", $0.location.latitude, $0.location.longitude)] },
            "hasBases": !bases.isEmpty,
            "tilesUrl": tiles?.url ?? "", "tilesAttribution": tiles?.attribution ?? "", "hasTiles": tiles != nil,
        ]
        // The contract form shows the lead unless another was chosen or typed.
        if extra["contractId"] == nil && extra["addingContract"] == nil { data.merge(Self.contractValues(contracts[0], lead: true)) { $1 } }
        data.merge(Self.clusterData(clusters, contracts: contracts, fleet: try await bookings.vehicles(by: caller), chosen: extra["chooseCluster"] as? String)) { $1 }
        data.merge(extra) { $1 }
        let contractCluster = data["contractCluster"] as? String ?? TransportCluster.mainID
        data["contractClusterChoices"] = clusters.map { ["id": $0.id, "name": $0.name, "selected": $0.id == contractCluster] as [String: Any] }
        data["locationChoices"] = locations.map { l in
            ["id": l.id.rawValue, "name": l.name, "checked": ((data["chosenLocations"] as? [String]) ?? []).contains(l.id.rawValue)] as [String: Any]
        }
        return try pages.page("transport/settings", title: "Transport clusters, contracts and providers", data, context: context, status: status)
    }

    /// A contract as the contract form's values (amounts in pounds).
    static func contractValues(_ c: TransportContract, lead: Bool) -> [String: Any] {
        let s = c.standards
        return [
            "contractId": c.id, "code": c.id, "isLead": lead, "name": c.name, "commissioner": c.commissioner ?? "", "contractCluster": c.cluster,
            "price": poundsField(c.pricePerJourneyPence), "ecjPrice": poundsField(c.ecjPricePence),
            "fleetCost": poundsField(c.fleetPencePerKm ?? TransportContract.defaultFleetPencePerKm),
            "overtimeCost": poundsField(c.overtimePencePerCrewHour ?? TransportContract.defaultOvertimePencePerCrewHour),
            "earliestArrival": String(s.earliestArrivalMinutes), "collectWithin": String(s.collectWithinMinutes), "maxOnVehicle": String(s.maxOnVehicleMinutes),
            "overrides": s.overrides.map { o in
                ["category": o.category.label.capitalizedFirst,
                 "rules": [o.earliestArrivalMinutes.map { "arrive at most \($0) min early" }, o.collectWithinMinutes.map { "collected within \($0) min" },
                           o.maxOnVehicleMinutes.map { "at most \($0) min on board" }].compactMap { $0 }.joined(separator: "; ")]
            },
            "hasOverrides": !s.overrides.isEmpty, "chosenLocations": c.locationIDs.map(\.rawValue),
        ]
    }

    /// "Arrive at most 60 min early; collected within 60 min; at most 60 min on board" (and where a category differs).
    static func standardsText(_ s: ServiceStandards) -> String {
        var text = "Arrive at most \(s.earliestArrivalMinutes) min early; collected within \(s.collectWithinMinutes) min; at most \(s.maxOnVehicleMinutes) min on board"
        for o in s.overrides {
            let rules = [o.earliestArrivalMinutes.map { "\($0) min early" }, o.collectWithinMinutes.map { "collected within \($0) min" },
                         o.maxOnVehicleMinutes.map { "\($0) min on board" }].compactMap { $0 }
            if !rules.isEmpty { text += " (\(o.category.label): " + rules.joined(separator: ", ") + ")" }
        }
        return text
    }

    /// Changes a contract (the lead when none is named), adds one, or removes one.
    func submitContract(_ request: Request, context: KairosRequestContext) async throws -> Response {
        var request = request
        let form = try await request.decodeForm(ContractForm.self, context: context)
        try CSRF.check(form.csrf, context: context)
        let caller = try context.caller()
        let contracts = try await transport.bookings.contracts(by: caller)
        if let code = form.remove {
            do {
                _ = try await transport.bookings.removeContract(id: code, by: caller)
                return .redirect(to: "/transport/settings?saved=contractRemoved#contract-head", type: .normal)
            } catch let error as ServiceError {
                guard case .conflict = error else { throw error }
                let problem = PageRenderer.formProblem(error)
                return try await settings(context: context, extra: problem.data, status: problem.status)
            }
        }
        let adding = form.new != nil
        var c = ValidationCollector()
        let name = (form.name ?? "").trimmingCharacters(in: .whitespaces)
        var contract: TransportContract
        if adding {
            let typedCode = (form.code ?? "").trimmingCharacters(in: .whitespaces)
            contract = TransportContract(id: typedCode.isEmpty ? Self.newID(name, taken: Set(contracts.map(\.id))) : typedCode, name: name)
            if contracts.contains(where: { $0.id == contract.id }) {
                c.add("id", "contract.duplicate", "Code \(contract.id) is another contract's; choose another.")
            }
        } else {
            contract = contracts.first { $0.id == form.contractId } ?? contracts[0]
        }
        let isLead = !adding && contract.id == contracts[0].id
        func pence(_ text: String?, _ field: String, _ label: String) -> Int? {
            guard let pence = Self.pence((text ?? "").trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "£", with: "")) else {
                c.add(field, "field.amount", "\(label) must be an amount in pounds, like 45.00.")
                return nil
            }
            return pence
        }
        func minutes(_ text: String?, _ field: String, _ label: String) -> Int? {
            guard let value = Int((text ?? "").trimmingCharacters(in: .whitespaces)) else {
                c.add(field, "field.integer", "\(label) must be a whole number of minutes.")
                return nil
            }
            return value
        }
        contract.name = name
        let commissioner = (form.commissioner ?? "").trimmingCharacters(in: .whitespaces)
        contract.commissioner = commissioner.isEmpty ? nil : commissioner
        contract.locationIDs = (form.locations ?? []).map { ClinicLocation.ID($0) }
        if !isLead, let cluster = form.clusterId, !cluster.isEmpty { contract.clusterID = cluster == TransportCluster.mainID ? nil : cluster }
        contract.pricePerJourneyPence = pence(form.price, "price", "Price per journey") ?? contract.pricePerJourneyPence
        contract.ecjPricePence = pence(form.ecjPrice, "ecjPrice", "ECJ price") ?? contract.ecjPricePence
        if isLead {
            contract.fleetPencePerKm = pence(form.fleetCost, "fleetCost", "The fleet's cost per km") ?? contract.fleetPencePerKm
            if let text = form.overtimeCost { contract.overtimePencePerCrewHour = pence(text, "overtimeCost", "An hour of overtime") ?? contract.overtimePencePerCrewHour }
        }
        contract.standards.earliestArrivalMinutes = minutes(form.earliestArrival, "earliestArrival", "Arrive at most") ?? contract.standards.earliestArrivalMinutes
        contract.standards.collectWithinMinutes = minutes(form.collectWithin, "collectWithin", "Collect within") ?? contract.standards.collectWithinMinutes
        contract.standards.maxOnVehicleMinutes = minutes(form.maxOnVehicle, "maxOnVehicle", "On board at most") ?? contract.standards.maxOnVehicleMinutes
        var typed: [String: Any] = ["name": form.name ?? "", "price": form.price ?? "", "ecjPrice": form.ecjPrice ?? "", "fleetCost": form.fleetCost ?? "",
                                    "overtimeCost": form.overtimeCost ?? "",
                                    "earliestArrival": form.earliestArrival ?? "", "collectWithin": form.collectWithin ?? "", "maxOnVehicle": form.maxOnVehicle ?? "",
                                    "code": form.code ?? contract.id, "commissioner": form.commissioner ?? "", "chosenLocations": form.locations ?? [], "isLead": isLead,
                                    "contractCluster": form.clusterId ?? contract.cluster]
        if adding { typed["addingContract"] = true } else { typed["contractId"] = contract.id }
        do {
            if !c.issues.isEmpty {
                // The contract's own rules too, where the form has not already named the field.
                let named = Set(c.issues.compactMap { Self.contractFields[$0.path]?.name })
                throw ServiceError.invalid(c.issues + contract.validate().filter { !named.contains(Self.contractFields[$0.path]?.name ?? $0.path) })
            }
            if isLead { _ = try await transport.bookings.setContract(contract, by: caller) } else { _ = try await transport.bookings.saveContract(contract, by: caller) }
            return .redirect(to: "/transport/settings?saved=contract#contract-head", type: .normal)
        } catch let error as ServiceError {
            if case .notFound = error { throw error }
            let problem = PageRenderer.formProblem(error, fields: Self.contractFields)
            return try await settings(context: context, extra: typed.merging(problem.data) { $1 }, status: problem.status)
        }
    }

    /// The contract's paths → the form's fields.
    static let contractFields: [String: PageRenderer.FormField] = [
        "name": .init("name", "Name"), "id": .init("code", "Code"), "commissioner": .init("commissioner", "Commissioner"),
        "locationIDs": .init("locations", "Hospitals served"), "pricePerJourneyPence": .init("price", "Price per journey"), "ecjPricePence": .init("ecjPrice", "ECJ price"),
        "fleetPencePerKm": .init("fleetCost", "The fleet's cost per km"), "clusterID": .init("clusterId", "Cluster"),
        "overtimePencePerCrewHour": .init("overtimeCost", "An hour of overtime"), "overtimeCost": .init("overtimeCost", "An hour of overtime"),
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
