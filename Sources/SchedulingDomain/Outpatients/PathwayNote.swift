import Foundation

/// A note on a pathway ("patient asked for mornings", "called twice, no answer"): who wrote it and
/// when. Notes are never changed or deleted; a correction is a new note.
public struct PathwayNote: Hashable, Codable, Sendable, Identifiable {
    /// Kairos identifier.
    public typealias ID = Identifier<PathwayNote>

    public var id: ID
    public var referralID: Referral.ID
    /// The text, 1–2,000 characters, line breaks allowed.
    public var text: String
    /// The author's user id.
    public var authorID: String
    /// The author's name as shown when the note was written.
    public var authorName: String
    public var writtenAt: Date

    /// Creates a note.
    public init(id: ID, referralID: Referral.ID, text: String, authorID: String, authorName: String, writtenAt: Date) {
        self.id = id
        self.referralID = referralID
        self.text = text
        self.authorID = authorID
        self.authorName = authorName
        self.writtenAt = writtenAt
    }
}
