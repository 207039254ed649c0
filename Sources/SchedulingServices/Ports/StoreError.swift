import SchedulingDomain

/// Errors a store reports in store-independent terms.
public enum StoreError: Error, Sendable, Equatable {
    /// A uniqueness rule was broken; `constraint` names it (`users.username`).
    case uniqueViolation(constraint: String)
    /// A referenced row does not exist.
    case foreignKeyViolation
    /// The store failed for another reason; `detail` carries no patient data.
    case failure(String)
}
