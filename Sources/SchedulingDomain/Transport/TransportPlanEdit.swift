/// A planner's hand edits to a journey plan (PT-03): journeys moved to another vehicle or to
/// another place in a vehicle's run, or left out. Kairos works out the new times and names every
/// rule the edited plan breaks before anything is saved.
public struct TransportPlanEdit: Hashable, Codable, Sendable {
    /// One journey moved.
    public struct Move: Hashable, Codable, Sendable {
        public var journeyID: TransportJourney.ID
        /// The vehicle shift to carry it; `nil` leaves the journey out of the plan.
        public var shiftID: VehicleShift.ID?
        /// The stop numbers the pickup and the drop-off take in that run, from 1 (the first stop),
        /// the run counted with the journey taken out of it; `nil`: in time order.
        public var pickupAt: Int?
        public var dropOffAt: Int?

        /// Creates a move.
        public init(journeyID: TransportJourney.ID, shiftID: VehicleShift.ID?, pickupAt: Int? = nil, dropOffAt: Int? = nil) {
            self.journeyID = journeyID
            self.shiftID = shiftID
            self.pickupAt = pickupAt
            self.dropOffAt = dropOffAt
        }
    }

    /// One rule the edited plan breaks, located by vehicle shift and journey, with how far it
    /// is broken where the rule is a limit.
    public struct Finding: Hashable, Codable, Sendable, CustomStringConvertible {
        /// The rule (`timeWindow`, `rideTime`, `capacity`, `shift`, `skills`, `break`, …).
        public var rule: String
        public var shiftID: VehicleShift.ID?
        public var journeyID: TransportJourney.ID?
        public var stop: TransportPlan.StopKind?
        /// Seconds late, early or over for time rules; places over for `capacity`.
        public var excess: Int?

        /// Creates a finding.
        public init(rule: String, shiftID: VehicleShift.ID?, journeyID: TransportJourney.ID?, stop: TransportPlan.StopKind?, excess: Int?) {
            self.rule = rule
            self.shiftID = shiftID
            self.journeyID = journeyID
            self.stop = stop
            self.excess = excess
        }

        public var description: String {
            var text = "[\(rule)]"
            if let shiftID { text += " shift \(shiftID)" }
            if let journeyID { text += " journey \(journeyID)" }
            if let stop { text += " \(stop.rawValue)" }
            if let excess { text += " by \(excess)" }
            return text
        }
    }

    public var moves: [Move]

    /// Creates an edit.
    public init(moves: [Move]) { self.moves = moves }
}
