import Foundation
import SchedulingDomain

/// How to rebook the patients a session cancellation displaces (BR-02), as it arrives from JSON.
public struct RebookingInput: Codable, Sendable, Equatable {
    /// Days of notice a rebooked patient gets at least (0–60; default 7).
    public var minimumNoticeDays: Int?
    /// Last day to rebook into (YYYY-MM-DD; default: eight weeks after the notice period).
    public var through: String?
    /// Short-notice clinics added for the purpose.
    public var extraSessions: [ExtraSessionInput]?
    /// Existing bookings a more urgent displaced patient may take: `none`, `not-notified` (the
    /// default: bookings whose confirmation has not been sent yet) or `all`.
    public var moveBooked: String?

    /// Creates input.
    public init(minimumNoticeDays: Int? = nil, through: String? = nil, extraSessions: [ExtraSessionInput]? = nil, moveBooked: String? = nil) {
        self.minimumNoticeDays = minimumNoticeDays
        self.through = through
        self.extraSessions = extraSessions
        self.moveBooked = moveBooked
    }
}

/// A one-off clinic session added at short notice.
public struct ExtraSessionInput: Codable, Sendable, Equatable {
    public var clinicianID: String?
    public var locationID: String?
    /// The day (YYYY-MM-DD).
    public var date: String?
    /// Start (HH:MM).
    public var start: String?
    /// The slots, back to back from the start.
    public var slots: [ClinicTemplateInput.SlotInput]?

    /// Creates input.
    public init(clinicianID: String? = nil, locationID: String? = nil, date: String? = nil, start: String? = nil, slots: [ClinicTemplateInput.SlotInput]? = nil) {
        self.clinicianID = clinicianID
        self.locationID = locationID
        self.date = date
        self.start = start
        self.slots = slots
    }
}
