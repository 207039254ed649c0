import Foundation
import SchedulingDomain

/// Stores the offers made to patients.
public protocol OfferRecordRepository: Sendable {
    /// Adds an offer.
    func insert(_ offer: OfferRecord) async throws
    /// The offer with this id.
    func find(id: OfferRecord.ID) async throws -> OfferRecord?
    /// Stores an offer's outcome.
    func update(_ offer: OfferRecord) async throws
    /// A pathway's offers, newest first.
    func offers(referralID: Referral.ID) async throws -> [OfferRecord]
}

/// Stores the notes written on pathways.
public protocol PathwayNoteRepository: Sendable {
    /// Adds a note.
    func insert(_ note: PathwayNote) async throws
    /// A pathway's notes, newest first.
    func notes(referralID: Referral.ID) async throws -> [PathwayNote]
}
