import Foundation

/// A third-party transport provider (PT-05): a price per journey for each mobility category it
/// carries, and how many journeys a day it takes.
public struct ThirdPartyProvider: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    /// Price per journey in pence, by mobility category (a category not listed is not carried).
    public var prices: [String: Int]
    public var dailyLimit: Int
    /// How many escorts it seats beside the patient (`nil`: as many as a booking may bring, 3).
    public var maxEscorts: Int?
    /// Whether it carries bariatric patients (`nil`: no).
    public var bariatric: Bool?

    /// Creates a provider.
    public init(id: String, name: String, prices: [MobilityCategory: Int], dailyLimit: Int, maxEscorts: Int? = nil, bariatric: Bool? = nil) {
        self.id = id
        self.name = name
        self.prices = Dictionary(uniqueKeysWithValues: prices.map { ($0.key.rawValue, $0.value) })
        self.dailyLimit = dailyLimit
        self.maxEscorts = maxEscorts
        self.bariatric = bariatric
    }

    /// Its price for `journey`, if it can carry the patient: their mobility category, their
    /// escorts, and a bariatric patient only if it says it can.
    public func price(for journey: TransportJourney) -> Int? {
        guard journey.escorts <= (maxEscorts ?? 3), !journey.bariatric || bariatric == true else { return nil }
        return price(for: journey.mobility)
    }

    /// The price of carrying a patient of `category`, if the provider carries it.
    public func price(for category: MobilityCategory) -> Int? { prices[category.rawValue] }

    /// The settings key the providers are stored under.
    public static let key = "transport.providers"

    /// Every rule broken, paths relative to the provider.
    public func validate() -> [ValidationIssue] {
        var c = ValidationCollector()
        c.requireText(id, at: "id", maxLength: 40)
        c.requireText(name, at: "name", maxLength: 120)
        for (category, price) in prices.sorted(by: { $0.key < $1.key }) {
            if MobilityCategory(rawValue: category) == nil {
                c.add("prices.\(category)", "provider.category", "prices: \(category) is not a mobility category (walking, seated, wheelchair, stretcher).")
            }
            if !(0...1_000_000).contains(price) { c.add("prices.\(category)", "provider.price", "prices.\(category) must be between 0 and 1000000 pence.") }
        }
        if prices.isEmpty { c.add("prices", "provider.noPrices", "prices must name at least one mobility category.") }
        if !(1...1_000).contains(dailyLimit) { c.add("dailyLimit", "provider.limit", "dailyLimit must be between 1 and 1000 journeys.") }
        if let maxEscorts, !(0...3).contains(maxEscorts) { c.add("maxEscorts", "provider.escorts", "maxEscorts must be between 0 and 3.") }
        return c.issues
    }
}

/// A journey a plan gives to a third-party provider, at its price.
public struct ThirdPartyBooking: Codable, Sendable, Equatable {
    public var journeyID: TransportJourney.ID
    public var providerID: String
    public var providerName: String
    public var pricePence: Int
    /// When the provider collects the patient (seconds after midnight): as late as the direct
    /// trip allows within the collection window (plans made before this was recorded have none).
    public var pickup: Int?

    /// Creates a booking.
    public init(journeyID: TransportJourney.ID, providerID: String, providerName: String, pricePence: Int, pickup: Int? = nil) {
        self.journeyID = journeyID
        self.providerID = providerID
        self.providerName = providerName
        self.pricePence = pricePence
        self.pickup = pickup
    }
}

/// Which provider takes which journey: each journey offered (cheapest offers first, then by
/// time) goes to the cheapest provider among its offers with room left in its daily limit.
/// Journeys whose providers are full are answered separately, so a planner can plan them again
/// knowing no provider will take them.
public enum ThirdPartyAllocation {
    /// A journey a provider could take, at its price, with the pickup time its direct trip keeps.
    public struct Offer: Sendable, Equatable {
        public var provider: ThirdPartyProvider
        public var pricePence: Int
        public var pickup: Int?

        /// Creates an offer.
        public init(provider: ThirdPartyProvider, pricePence: Int, pickup: Int? = nil) {
            self.provider = provider
            self.pricePence = pricePence
            self.pickup = pickup
        }
    }

    /// The bookings for `journeys` (each with its offers), and the journeys left without one
    /// because every provider that could take them is full.
    public static func allocate(_ journeys: [(journey: TransportJourney, offers: [Offer])]) -> (bookings: [ThirdPartyBooking], full: [TransportJourney.ID]) {
        var used: [String: Int] = [:]
        var bookings: [ThirdPartyBooking] = [], full: [TransportJourney.ID] = []
        let order = journeys.filter { !$0.offers.isEmpty }.sorted {
            ($0.offers.map(\.pricePence).min() ?? 0, $0.journey.time, $0.journey.id.rawValue) < ($1.offers.map(\.pricePence).min() ?? 0, $1.journey.time, $1.journey.id.rawValue)
        }
        for (journey, offers) in order {
            let open = offers.filter { used[$0.provider.id, default: 0] < $0.provider.dailyLimit }
            guard let offer = open.min(by: { ($0.pricePence, $0.provider.id) < ($1.pricePence, $1.provider.id) }) else {
                full.append(journey.id)
                continue
            }
            used[offer.provider.id, default: 0] += 1
            bookings.append(ThirdPartyBooking(journeyID: journey.id, providerID: offer.provider.id, providerName: offer.provider.name,
                                              pricePence: offer.pricePence, pickup: offer.pickup))
        }
        bookings.sort { ($0.pickup ?? 0, $0.journeyID.rawValue) < ($1.pickup ?? 0, $1.journeyID.rawValue) }
        return (bookings, full)
    }
}
