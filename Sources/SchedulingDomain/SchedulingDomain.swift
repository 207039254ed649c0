/// # SchedulingDomain
///
/// Value types and rules shared by the three Kairos services: outpatient booking, patient
/// transport and home care. Everything here is pure and deterministic: no I/O, no clock reads and
/// no randomness. Identifiers are typed (`Patient.ID`), units are types (`Seconds`, `Meters`),
/// and every local time is a Europe/London wall-clock time (`LocalDateTime`, `LondonCalendar`).
///
/// Validation collects every problem in one pass as ``ValidationIssue`` values naming the field
/// and the rule, never the patient's details.
public enum SchedulingDomainModule {
    /// Module version, bumped with the data model.
    public static let version = "0.1.0"
}
