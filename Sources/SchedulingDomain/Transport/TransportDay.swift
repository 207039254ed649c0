/// What a transport planner plans in one go (PT-03): a cluster's day — its contracts' standards,
/// the day's live journeys and the vehicle shifts that can carry them.
public struct TransportDay: Hashable, Codable, Sendable {
    public var date: LocalDate
    /// The standards of a journey that names no contract (the lead contract's).
    public var standards: ServiceStandards
    /// The cluster's other contracts a journey may name (``TransportJourney/contractID``).
    public var contracts: [TransportContract]
    public var journeys: [TransportJourney]
    public var shifts: [VehicleShift]

    /// Creates a day; call ``validate()`` on user input.
    public init(date: LocalDate, standards: ServiceStandards = ServiceStandards(), contracts: [TransportContract] = [], journeys: [TransportJourney],
                shifts: [VehicleShift])
    {
        self.date = date
        self.standards = standards
        self.contracts = contracts
        self.journeys = journeys
        self.shifts = shifts
    }

    /// A day under `contracts` (the lead first): a journey is held to its own contract's standards.
    public init(date: LocalDate, contracts: [TransportContract], journeys: [TransportJourney], shifts: [VehicleShift]) {
        self.init(date: date, standards: contracts.first?.standards ?? ServiceStandards(), contracts: contracts, journeys: journeys, shifts: shifts)
    }

    /// The standards `journey` is held to: its contract's, or ``standards`` when it names none
    /// (or one this day does not know, which ``validate()`` reports).
    public func standards(for journey: TransportJourney) -> ServiceStandards {
        guard let id = journey.contractID, let contract = contracts.first(where: { $0.id == id }) else { return standards }
        return contract.standards
    }

    /// The journeys still to be carried out (not cancelled, aborted or delivered), in order.
    public var liveJourneys: [TransportJourney] { journeys.filter(\.isLive) }

    /// Every rule broken, each path naming the journey or shift by position (`journeys[3].escorts`);
    /// messages name ids, never patient details.
    public func validate() -> [ValidationIssue] {
        var c = ValidationCollector()
        c.add(contentsOf: standards.validate(), under: "standards")
        var journeyIDs: Set<TransportJourney.ID> = []
        for (k, journey) in journeys.enumerated() {
            c.add(contentsOf: journey.validate(), under: "journeys[\(k)]")
            if !journeyIDs.insert(journey.id).inserted {
                c.add("journeys[\(k)].id", "day.duplicateJourney", "journeys[\(k)].id: journey \(journey.id) appears more than once.")
            }
            if let id = journey.contractID, !contracts.contains(where: { $0.id == id }) {
                c.add("journeys[\(k)].contract", "day.unknownContract", "journeys[\(k)].contract: journey \(journey.id) names contract \(id), which this day does not hold.")
            }
            if journey.date != date {
                c.add("journeys[\(k)].date", "day.otherDate", "journeys[\(k)].date: journey \(journey.id) is on \(journey.date), not \(date).")
            }
        }
        var shiftIDs: Set<VehicleShift.ID> = []
        for (k, shift) in shifts.enumerated() {
            c.add(contentsOf: shift.validate(), under: "shifts[\(k)]")
            if !shiftIDs.insert(shift.id).inserted {
                c.add("shifts[\(k)].id", "day.duplicateShift", "shifts[\(k)].id: shift \(shift.id) appears more than once.")
            }
            if shift.date != date {
                c.add("shifts[\(k)].date", "day.otherDate", "shifts[\(k)].date: shift \(shift.id) is on \(shift.date), not \(date).")
            }
        }
        return c.issues
    }
}
