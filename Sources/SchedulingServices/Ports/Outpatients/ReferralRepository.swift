import Foundation
import SchedulingDomain

/// Stores referrals with their RTT clocks.
public protocol ReferralRepository: Sendable {
    /// Adds a referral; throws ``StoreError/foreignKeyViolation`` for an unknown patient or specialty.
    func insert(_ referral: Referral) async throws
    /// Stores the referral's current priority, clock, status and removal.
    func update(_ referral: Referral) async throws
    /// The referral with this id.
    func find(id: Referral.ID) async throws -> Referral?
    /// The referral with this e-Referral booking reference.
    func find(ubrn: UBRN) async throws -> Referral?
    /// Open referrals, optionally of one specialty, in id order.
    func open(specialtyID: Specialty.ID?) async throws -> [Referral]
    /// A patient's referrals, oldest received first.
    func referrals(patientID: Patient.ID) async throws -> [Referral]
    /// The referrals with these ids (unknown ids are skipped), in no particular order.
    func find(ids: [Referral.ID]) async throws -> [Referral]
    /// Referrals received from `first` through `last` (any status), counted by priority.
    func receivedCounts(from first: LocalDate, through last: LocalDate, specialtyID: Specialty.ID?) async throws -> [ClinicalPriority: Int]
    /// How many pathways' RTT clocks stopped (treatment started, a decision not to treat, a
    /// discharge or removal) from `first` through `last`, optionally in one specialty.
    func stoppedCount(from first: LocalDate, through last: LocalDate, specialtyID: Specialty.ID?) async throws -> Int
    /// Number of referrals.
    func count() async throws -> Int
    /// How many referrals are open (one specialty's, or every one).
    func openCount(specialtyID: Specialty.ID?) async throws -> Int
}
