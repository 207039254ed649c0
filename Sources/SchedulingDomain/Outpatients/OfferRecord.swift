import Foundation

/// Dates offered to a patient for a pathway's appointment, and what the patient said (OP-04, the
/// reasonable-offer rule). An offer is reasonable when it gives at least two different dates,
/// each at least three weeks after the day it was made; a patient who declines a reasonable
/// offer can have their clock adjusted under the access policy, one who declines an unreasonable
/// one cannot.
public struct OfferRecord: Hashable, Codable, Sendable, Identifiable {
    /// Kairos identifier.
    public typealias ID = Identifier<OfferRecord>

    /// What the patient said.
    public enum Outcome: String, Codable, Sendable, CaseIterable {
        /// Not answered yet.
        case pending
        /// The patient took one of the dates.
        case accepted
        /// The patient declined every date.
        case declined
    }

    /// How the offer was made.
    public enum Channel: String, Codable, Sendable, CaseIterable {
        case phone, letter, online
        case inPerson = "in-person"
    }

    public var id: ID
    public var referralID: Referral.ID
    /// The slots offered, two or more.
    public var slotIDs: [Slot.ID]
    /// Their days, in the order of `slotIDs`.
    public var dates: [LocalDate]
    public var channel: Channel
    /// The day the offer was made.
    public var offeredOn: LocalDate
    public var offeredBy: String
    public var offeredAt: Date
    public var outcome: Outcome
    public var outcomeAt: Date?

    /// Creates a pending offer.
    public init(id: ID, referralID: Referral.ID, slotIDs: [Slot.ID], dates: [LocalDate], channel: Channel, offeredOn: LocalDate, offeredBy: String,
                offeredAt: Date, outcome: Outcome = .pending, outcomeAt: Date? = nil)
    {
        self.id = id
        self.referralID = referralID
        self.slotIDs = slotIDs
        self.dates = dates
        self.channel = channel
        self.offeredOn = offeredOn
        self.offeredBy = offeredBy
        self.offeredAt = offeredAt
        self.outcome = outcome
        self.outcomeAt = outcomeAt
    }

    /// Whether the offer meets the NHS rule: two or more different dates, each at least three
    /// weeks (``Appointment/reasonableNoticeDays``) after the day of the offer.
    public var isReasonable: Bool {
        Set(dates).count >= 2 && dates.allSatisfy { offeredOn.days(until: $0) >= Appointment.reasonableNoticeDays }
    }

    private enum ExtraKeys: String, CodingKey { case reasonable }

    /// The stored fields and whether the offer is reasonable (derived, never decoded).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(referralID, forKey: .referralID)
        try c.encode(slotIDs, forKey: .slotIDs)
        try c.encode(dates, forKey: .dates)
        try c.encode(channel, forKey: .channel)
        try c.encode(offeredOn, forKey: .offeredOn)
        try c.encode(offeredBy, forKey: .offeredBy)
        try c.encode(offeredAt, forKey: .offeredAt)
        try c.encode(outcome, forKey: .outcome)
        try c.encodeIfPresent(outcomeAt, forKey: .outcomeAt)
        var extra = encoder.container(keyedBy: ExtraKeys.self)
        try extra.encode(isReasonable, forKey: .reasonable)
    }
}
