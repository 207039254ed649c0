/// A named schema change. Names never change once merged.
public struct Migration: Sendable {
    /// Stable name, recorded in `grdb_migrations`.
    public let name: String
    /// The SQL to run, once.
    public let sql: String
}

/// The append-only timeline of schema changes. Add new migrations at the end; never edit or
/// reorder one that has been merged.
public enum Migrations {
    /// Every migration, oldest first.
    public static let all: [Migration] = [
        .accounts,
        .audit,
        .organisation,
        .patients,
        .referrals,
        .clinics,
        .appointments,
        .appointmentLifecycle,
        .outbox,
        .referralAvailability,
        .solveJobs,
        .storeVersion,
        .patientSearch,
        .clinicClosures,
        .appointmentReference,
        .shortNotice,
        .offerRecords,
        .pathwayNotes,
        .externalBookingRole,
        .referralUBRN,
        .patientDetails,
        .lighterWrites,
        .checkLists,
        .unusedIndexes,
        .transport,
        .transportPlans,
        .journeyProgress,
        .confirmationCalls,
        .thirdParty,
        .transportMessages,
        .convertibleSeats,
        .transportBases,
        .siteMessages,
        .journeyContracts,
        .shiftVehicles,
        .clusterPlans,
        .siteAddresses,
        .pushSubscriptions,
        .shiftOvertime,
    ]
}
