/// A day's transport report for the contract (PT-08): what the committed plan promised, what
/// the crews recorded, and the money — income at the contract's prices (ECJs at theirs) and
/// third-party spend — with each journey's planned against actual pickup, time on the vehicle
/// and delivery (PT-07). Times in minutes; counts of journeys.
public struct TransportDayReport: Hashable, Codable, Sendable {
    /// What the crews recorded (only journeys with the times recorded count in each figure).
    public struct Actuals: Hashable, Codable, Sendable {
        public var delivered: Int
        /// The crew arrived and the patient did not travel.
        public var aborted: Int
        public var cancelled: Int
        /// Journeys to an appointment delivered; by the appointment; earlier than the contract allows.
        public var arrivals: Int
        public var arrivalsOnTime: Int
        public var arrivalsTooEarly: Int
        /// Journeys with pickup and delivery recorded; those on board at most the ride limit.
        public var rides: Int
        public var ridesWithinLimit: Int
        public var meanMinutesOnBoard: Double
        /// Journeys home picked up; mean and longest wait from ready to pickup.
        public var collections: Int
        public var meanCollectionWaitMinutes: Double
        public var longestCollectionWaitMinutes: Int
    }

    /// Income and spend in pence.
    public struct Money: Hashable, Codable, Sendable {
        /// Journeys charged at the contract's price and at the ECJ price: delivered, or planned
        /// (by a vehicle or a third party) while not yet over.
        public var contractJourneys: Int
        public var ecjJourneys: Int
        public var incomePence: Int
        public var ecjIncomePence: Int
        public var thirdPartyJourneys: Int
        public var thirdPartySpendPence: Int
    }

    /// One journey, planned against actual (seconds after midnight; nil where not planned or not recorded).
    public struct Line: Hashable, Codable, Sendable {
        public var journeyID: TransportJourney.ID
        public var plannedPickup: Int?
        public var actualPickup: Int?
        public var plannedDelivery: Int?
        public var actualDelivery: Int?
        /// Minutes on the vehicle as planned and as recorded.
        public var plannedMinutesOnBoard: Int?
        public var actualMinutesOnBoard: Int?
    }

    /// One contract's share of the day (PT-08 per contract): its journeys as the crews recorded
    /// them, and its income and third-party spend at its own prices. The fleet's indicators
    /// (vehicle hours, utilisation) belong to the cluster, not to one contract.
    public struct ContractPart: Hashable, Codable, Sendable {
        public var contractID: String
        /// Its journeys not cancelled.
        public var journeys: Int
        public var actuals: Actuals
        public var money: Money
    }

    public var date: LocalDate
    /// The committed plan's version and indicators (nil: no plan committed).
    public var planVersion: Int?
    public var planned: TransportKPIs?
    public var actuals: Actuals
    public var money: Money
    /// Each contract's share, in the order of the contracts given.
    public var contracts: [ContractPart]
    public var lines: [Line]

    /// The report of `day` with its committed `plan` (and version), the journeys given to third
    /// parties with their prices, at `price` and `ecjPrice` pence per journey (one contract).
    public static func of(_ day: TransportDay, plan: TransportPlan?, version: Int?, thirdParty: [(journeyID: TransportJourney.ID, pricePence: Int)],
                          price: Int, ecjPrice: Int) -> TransportDayReport
    {
        of(day, plan: plan, version: version, thirdParty: thirdParty, contracts: [TransportContract(pricePerJourneyPence: price, ecjPricePence: ecjPrice)])
    }

    /// The report of `day` under `contracts` (the lead first: a journey naming no contract, or one
    /// not given, is the lead's), each journey charged at its own contract's prices.
    public static func of(_ day: TransportDay, plan: TransportPlan?, version: Int?, thirdParty: [(journeyID: TransportJourney.ID, pricePence: Int)],
                          contracts: [TransportContract]) -> TransportDayReport
    {
        var planned: [TransportJourney.ID: (pickup: Int, delivery: Int?)] = [:]
        for run in plan?.runs ?? [] {
            for stop in run.stops {
                if stop.kind == .pickup { planned[stop.journeyID] = (stop.start, nil) } else { planned[stop.journeyID]?.delivery = stop.start }
            }
        }
        let contracts = contracts.isEmpty ? [TransportContract()] : contracts
        let lead = contracts[0]
        let known = Set(contracts.map(\.id))
        func contractID(of journey: TransportJourney) -> String { journey.contractID.flatMap { known.contains($0) ? $0 : nil } ?? lead.id }
        let spend = Dictionary(thirdParty.map { ($0.journeyID, $0.pricePence) }, uniquingKeysWith: +)
        let sorted = day.journeys.sorted(by: { ($0.time, $0.id.rawValue) < ($1.time, $1.id.rawValue) })
        let whole = tally(sorted, day: day, planned: planned, thirdParty: spend, contracts: contracts, contractID: contractID)
        let parts = contracts.map { contract in
            let own = sorted.filter { contractID(of: $0) == contract.id }
            let part = tally(own, day: day, planned: planned, thirdParty: spend, contracts: contracts, contractID: contractID)
            return ContractPart(contractID: contract.id, journeys: own.filter { $0.status != .cancelled }.count, actuals: part.actuals, money: part.money)
        }
        return TransportDayReport(date: day.date, planVersion: version, planned: plan.map { TransportKPIs.of($0, day: day) }, actuals: whole.actuals,
                                  money: whole.money, contracts: parts, lines: whole.lines)
    }

    /// The crews' record, the money and the lines of `journeys` (sorted).
    private static func tally(_ journeys: [TransportJourney], day: TransportDay, planned: [TransportJourney.ID: (pickup: Int, delivery: Int?)],
                              thirdParty: [TransportJourney.ID: Int], contracts: [TransportContract],
                              contractID: (TransportJourney) -> String) -> (actuals: Actuals, money: Money, lines: [Line])
    {
        var lines: [Line] = []
        let prices = Dictionary(contracts.map { ($0.id, ($0.pricePerJourneyPence, $0.ecjPricePence)) }, uniquingKeysWith: { a, _ in a })
        let own = journeys.compactMap { j in thirdParty[j.id] }
        var a = Actuals(delivered: 0, aborted: 0, cancelled: 0, arrivals: 0, arrivalsOnTime: 0, arrivalsTooEarly: 0, rides: 0, ridesWithinLimit: 0,
                        meanMinutesOnBoard: 0, collections: 0, meanCollectionWaitMinutes: 0, longestCollectionWaitMinutes: 0)
        var m = Money(contractJourneys: 0, ecjJourneys: 0, incomePence: 0, ecjIncomePence: 0, thirdPartyJourneys: own.count, thirdPartySpendPence: own.reduce(0, +))
        var rideMinutes = 0, waits: [Int] = []
        for journey in journeys {
            let (price, ecjPrice) = prices[contractID(journey)] ?? (0, 0)
            let standards = day.standards(for: journey).resolved(for: journey.mobility)
            let boarding = journey.mobility.boardingMinutes * 60
            switch journey.status {
            case .cancelled: a.cancelled += 1
            case .aborted: a.aborted += 1
            case .delivered: a.delivered += 1
            default: break
            }
            let charged = journey.status == .delivered || (journey.isLive && (planned[journey.id] != nil || thirdParty[journey.id] != nil))
            if charged {
                if journey.ecj { m.ecjJourneys += 1; m.ecjIncomePence += ecjPrice } else { m.contractJourneys += 1; m.incomePence += price }
            }
            let pickedUp = journey.progress.pickedUp.map { $0.minuteOfDay * 60 }, delivered = journey.progress.delivered.map { $0.minuteOfDay * 60 }
            if let delivered, journey.direction == .toAppointment {
                a.arrivals += 1
                if delivered + boarding <= journey.time.minuteOfDay * 60 { a.arrivalsOnTime += 1 }
                if delivered < (journey.time.minuteOfDay - standards.earliestArrivalMinutes) * 60 { a.arrivalsTooEarly += 1 }
            }
            var actualRide: Int?
            if let pickedUp, let delivered {
                let ride = max(0, delivered - pickedUp - boarding)
                actualRide = ride / 60
                a.rides += 1
                rideMinutes += ride
                if ride <= standards.maxOnVehicleMinutes * 60 { a.ridesWithinLimit += 1 }
            }
            if let pickedUp, journey.direction == .home {
                a.collections += 1
                waits.append(max(0, pickedUp - journey.time.minuteOfDay * 60))
            }
            let p = planned[journey.id]
            lines.append(Line(journeyID: journey.id, plannedPickup: p?.pickup, actualPickup: pickedUp, plannedDelivery: p?.delivery, actualDelivery: delivered,
                              plannedMinutesOnBoard: p.flatMap { p in p.delivery.map { max(0, $0 - p.pickup - boarding) / 60 } }, actualMinutesOnBoard: actualRide))
        }
        func mean(_ total: Int, _ count: Int) -> Double { count == 0 ? 0 : (Double(total) / Double(count) / 60 * 10).rounded() / 10 }
        a.meanMinutesOnBoard = mean(rideMinutes, a.rides)
        a.meanCollectionWaitMinutes = mean(waits.reduce(0, +), waits.count)
        a.longestCollectionWaitMinutes = (waits.max() ?? 0) / 60
        return (a, m, lines)
    }
}
