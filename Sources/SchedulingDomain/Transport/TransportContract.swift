/// A transport contract's terms (PT-02): who commissions it and which hospitals it serves, its
/// service standards and its prices. The contracts an operations centre runs form its cluster and
/// share its fleet: one plan a day carries every contract's journeys, each journey under its own
/// contract's standards, charged at its own contract's prices. The first contract is the cluster's
/// lead: a journey that names no contract is under it, and its fleet cost per kilometre is the
/// fleet's.
public struct TransportContract: Codable, Sendable, Equatable, Hashable {
    /// A short code, as the office writes it on bookings (`acute`, `renal-dialysis`).
    public var id: String
    public var name: String
    /// Who pays for it (an integrated care board, a hospital trust); nil if not recorded.
    public var commissioner: String?
    /// The hospitals it serves: a journey made from an outpatient booking at one of these clinic
    /// locations is under this contract (OP-11).
    public var locationIDs: [ClinicLocation.ID]
    public var standards: ServiceStandards
    /// Price per journey in pence.
    public var pricePerJourneyPence: Int
    /// Price of an extra-contractual journey (ECJ) in pence.
    public var ecjPricePence: Int
    /// What the fleet's driving costs per kilometre in pence (fuel, wear, crew time on the road):
    /// the rate at which planning weighs driving against a third-party provider's price. Only the
    /// lead contract's counts. Stored contracts without it use ``defaultFleetPencePerKm``.
    public var fleetPencePerKm: Int?
    /// What an hour of one crew member's overtime costs in pence: the rate at which planning
    /// weighs a shift running on past its end (where the shift allows overtime). Only the lead
    /// contract's counts; without it ``defaultOvertimePencePerCrewHour``.
    public var overtimePencePerCrewHour: Int?
    /// The cluster whose fleet carries its journeys (a ``TransportCluster``'s code; nil: the first).
    public var clusterID: String?

    /// The fleet's cost per kilometre when a contract does not say: £1.
    public static let defaultFleetPencePerKm = 100
    /// What an hour of a crew member's overtime costs when a contract does not say: £25.
    public static let defaultOvertimePencePerCrewHour = 2_500
    /// The code of a contract stored before contracts had codes.
    public static let leadID = "main"
    /// The settings key the lead contract was stored under before there were several.
    public static let key = "transport.contract"
    /// The settings key the cluster's contracts are stored under, the lead first.
    public static let listKey = "transport.contracts"
    /// Most contracts a cluster runs.
    public static let maximumCount = 20

    /// A contract with the usual standards.
    public init(id: String = TransportContract.leadID, name: String = "Patient transport", commissioner: String? = nil, locationIDs: [ClinicLocation.ID] = [],
                standards: ServiceStandards = ServiceStandards(), pricePerJourneyPence: Int = 4_500, ecjPricePence: Int = 9_000, fleetPencePerKm: Int? = nil,
                clusterID: String? = nil, overtimePencePerCrewHour: Int? = nil)
    {
        self.overtimePencePerCrewHour = overtimePencePerCrewHour
        self.clusterID = clusterID
        self.id = id
        self.name = name
        self.commissioner = commissioner
        self.locationIDs = locationIDs
        self.standards = standards
        self.pricePerJourneyPence = pricePerJourneyPence
        self.ecjPricePence = ecjPricePence
        self.fleetPencePerKm = fleetPencePerKm
    }

    private enum CodingKeys: String, CodingKey {
        case id, name, commissioner, locationIDs, standards, pricePerJourneyPence, ecjPricePence, fleetPencePerKm, clusterID, overtimePencePerCrewHour
    }

    /// Reads a contract, stored before codes and hospitals were recorded too.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeIfPresent(String.self, forKey: .id) ?? Self.leadID
        name = try c.decode(String.self, forKey: .name)
        commissioner = try c.decodeIfPresent(String.self, forKey: .commissioner)
        locationIDs = try c.decodeIfPresent([ClinicLocation.ID].self, forKey: .locationIDs) ?? []
        standards = try c.decode(ServiceStandards.self, forKey: .standards)
        pricePerJourneyPence = try c.decode(Int.self, forKey: .pricePerJourneyPence)
        ecjPricePence = try c.decode(Int.self, forKey: .ecjPricePence)
        fleetPencePerKm = try c.decodeIfPresent(Int.self, forKey: .fleetPencePerKm)
        clusterID = try c.decodeIfPresent(String.self, forKey: .clusterID)
        overtimePencePerCrewHour = try c.decodeIfPresent(Int.self, forKey: .overtimePencePerCrewHour)
    }

    /// Whether `text` may be a contract's code: 1 to 40 lower-case letters, digits and hyphens,
    /// starting with a letter or digit.
    public static func isCode(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, text.unicodeScalars.count <= 40 else { return false }
        func allowed(_ u: Unicode.Scalar) -> Bool { ("a"..."z").contains(u) || ("0"..."9").contains(u) }
        return allowed(first) && text.unicodeScalars.allSatisfy { allowed($0) || $0 == "-" }
    }

    /// Every rule broken.
    public func validate() -> [ValidationIssue] {
        var c = ValidationCollector()
        if !Self.isCode(id) {
            c.add("id", "contract.code", "id must be 1 to 40 lower-case letters, digits and hyphens, starting with a letter or digit (such as renal-dialysis).")
        }
        c.requireText(name, at: "name", maxLength: 120)
        if let commissioner { _ = c.optionalText(commissioner, at: "commissioner", maxLength: 120) }
        if locationIDs.count > 50 { c.add("locationIDs", "contract.locations", "locationIDs: a contract serves at most 50 clinic locations.") }
        if Set(locationIDs).count != locationIDs.count { c.add("locationIDs", "contract.locations", "locationIDs names a clinic location more than once.") }
        c.add(contentsOf: standards.validate(), under: "standards")
        if !(0...1_000_000).contains(pricePerJourneyPence) { c.add("pricePerJourneyPence", "contract.price", "pricePerJourneyPence must be between 0 and 1000000.") }
        if !(0...1_000_000).contains(ecjPricePence) { c.add("ecjPricePence", "contract.price", "ecjPricePence must be between 0 and 1000000.") }
        if let perKm = fleetPencePerKm, !(1...10_000).contains(perKm) {
            c.add("fleetPencePerKm", "contract.fleetCost", "fleetPencePerKm must be between 1 and 10000 pence.")
        }
        if let rate = overtimePencePerCrewHour, !(1...100_000).contains(rate) {
            c.add("overtimePencePerCrewHour", "contract.overtimeCost", "overtimePencePerCrewHour must be between 1 and 100000 pence.")
        }
        if let clusterID, !Self.isCode(clusterID) { c.add("clusterID", "cluster.code", "clusterID must be a cluster's code (lower-case letters, digits and hyphens).") }
        return c.issues
    }
}
