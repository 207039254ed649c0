extension Migration {
    /// `2026-12-03.13.patient-search`: a patient's journey requests found by patient (the
    /// transport office sees a patient only through them), and patients found by date of birth.
    static let patientSearch = Migration(name: "2026-12-03.13.patient-search", sql: """
        CREATE INDEX journey_requests_patient ON journey_requests(patient_id, status);
        CREATE INDEX patients_birth_date ON patients(birth_date);
        """)
}
