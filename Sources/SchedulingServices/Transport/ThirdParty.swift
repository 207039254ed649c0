import Foundation
import SchedulingDomain

/// A third-party transport provider (PT-05): a price per journey for each mobility category it
/// carries, and how many journeys a day it takes.
public struct ThirdPartyProvider: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    /// Price per journey in pence, by mobility category (a category not listed is not carried).
    public var prices: [String: Int]
    public var dailyLimit: Int

    /// Creates a provider.
    public init(id: String, name: String, prices: [MobilityCategory: Int], dailyLimit: Int) {
        self.id = id
        self.name = name
        self.prices = Dictionary(uniqueKeysWithValues: prices.map { ($0.key.rawValue, $0.value) })
        self.dailyLimit = dailyLimit
    }

    /// The price of carrying a patient of `category`, if the provider carries it.
    public func price(for category: MobilityCategory) -> Int? { prices[category.rawValue] }

    /// The settings key the providers are stored under.
    public static let key = "transport.providers"

    /// Every rule broken, paths relative to the provider.
    func validate() -> [ValidationIssue] {
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
        return c.issues
    }
}

/// A journey a plan gives to a third-party provider, at its price.
public struct ThirdPartyBooking: Codable, Sendable, Equatable {
    public var journeyID: TransportJourney.ID
    public var providerID: String
    public var providerName: String
    public var pricePence: Int

    /// Creates a booking.
    public init(journeyID: TransportJourney.ID, providerID: String, providerName: String, pricePence: Int) {
        self.journeyID = journeyID
        self.providerID = providerID
        self.providerName = providerName
        self.pricePence = pricePence
    }
}

/// A transport manager's authorisation of a third-party booking a plan job proposes.
public struct ThirdPartyAuthorisation: Codable, Sendable, Equatable {
    public var jobID: SolveJob.ID
    public var journeyID: TransportJourney.ID
    public var providerID: String
    public var pricePence: Int
    public var authorisedBy: String
    public var authorisedAt: Date

    /// Creates a record.
    public init(jobID: SolveJob.ID, journeyID: TransportJourney.ID, providerID: String, pricePence: Int, authorisedBy: String, authorisedAt: Date) {
        self.jobID = jobID
        self.journeyID = journeyID
        self.providerID = providerID
        self.pricePence = pricePence
        self.authorisedBy = authorisedBy
        self.authorisedAt = authorisedAt
    }
}

/// Which provider takes which journey the fleet leaves out: in-house vehicles first, then for each
/// journey left out (by time) the cheapest provider that carries its category and has room left
/// in its daily limit. Journeys no provider takes stay unplanned with their reasons.
public enum ThirdPartyAllocation {
    public static func allocate(_ plan: TransportPlan, day: TransportDay, providers: [ThirdPartyProvider]) -> [ThirdPartyBooking] {
        guard !providers.isEmpty else { return [] }
        let journeys = Dictionary(day.journeys.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var used: [String: Int] = [:]
        var bookings: [ThirdPartyBooking] = []
        let waiting = plan.unplanned.compactMap { journeys[$0.journeyID] }.sorted { ($0.time, $0.id.rawValue) < ($1.time, $1.id.rawValue) }
        for journey in waiting {
            let offers = providers.compactMap { p -> (ThirdPartyProvider, Int)? in
                guard let price = p.price(for: journey.mobility), used[p.id, default: 0] < p.dailyLimit else { return nil }
                return (p, price)
            }
            guard let (provider, price) = offers.min(by: { ($0.1, $0.0.id) < ($1.1, $1.0.id) }) else { continue }
            used[provider.id, default: 0] += 1
            bookings.append(ThirdPartyBooking(journeyID: journey.id, providerID: provider.id, providerName: provider.name, pricePence: price))
        }
        return bookings
    }
}
