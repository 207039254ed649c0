extension Migration {
    /// `2026-12-03.21.patient-details`: what the patient banner shows besides the demographics:
    /// the hospital number (unique where recorded), GP practice, interpreter language, alerts and
    /// reasonable adjustments (JSON arrays of text).
    static let patientDetails = Migration(name: "2026-12-03.21.patient-details", sql: """
        ALTER TABLE patients ADD COLUMN hospital_number TEXT CHECK (hospital_number IS NULL OR length(hospital_number) BETWEEN 5 AND 20);
        ALTER TABLE patients ADD COLUMN gp_practice TEXT;
        ALTER TABLE patients ADD COLUMN interpreter_language TEXT;
        ALTER TABLE patients ADD COLUMN alerts TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(alerts) AND json_type(alerts) = 'array');
        ALTER TABLE patients ADD COLUMN reasonable_adjustments TEXT NOT NULL DEFAULT '[]'
            CHECK (json_valid(reasonable_adjustments) AND json_type(reasonable_adjustments) = 'array');
        CREATE UNIQUE INDEX patients_hospital_number ON patients(upper(hospital_number)) WHERE hospital_number IS NOT NULL;
        """)
}
