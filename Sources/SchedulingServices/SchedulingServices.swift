/// # SchedulingServices
///
/// The use cases of Kairos (register a user, log in, record a patient, verify the audit chain…)
/// and the ports they need, declared here and implemented at the edge:
///
/// - ``Store`` / ``StoreSession`` and the repositories: persistence, always inside a transaction
///   so a failed use case changes nothing. SQLite implements them today; PostgreSQL can be added
///   as another implementation without touching services or web code.
/// - ``Clock``, ``IDGenerator``, ``SecretGenerator``, ``PasswordHasher``: the outside world.
///
/// Errors leave this layer as ``ServiceError``; adapters map them to HTTP statuses and exit codes.
/// Messages name ids and fields, never patient details.
public enum SchedulingServicesModule {}
