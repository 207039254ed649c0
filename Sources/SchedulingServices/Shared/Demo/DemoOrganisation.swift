import Foundation
import SchedulingDomain

/// A complete demo organisation generated deterministically from a seed: the same seed gives
/// byte-for-byte the same data. Names are invented; NHS numbers are in the 999 test range.
public struct DemoOrganisation: Sendable, Equatable {
    /// A demo login.
    public struct Login: Sendable, Equatable {
        /// Login name.
        public var username: String
        /// Display name.
        public var displayName: String
        /// Role.
        public var role: Role
        /// Password (demo only: derived from the seed and printed at start-up).
        public var password: String
        /// Stable id.
        public var id: UserAccount.ID
    }

    /// The trust.
    public var organisation: Organisation
    /// Specialties.
    public var specialties: [Specialty]
    /// Clinic locations with coordinates in Manchester.
    public var locations: [ClinicLocation]
    /// Clinicians.
    public var clinicians: [Clinician]
    /// One login per role.
    public var logins: [Login]
    /// Patients with test-range NHS numbers.
    public var patients: [Patient]

    /// Generates the demo organisation for `seed` with `patientCount` patients.
    public init(seed: UInt64, patientCount: Int = 250) {
        var rng = SeededGenerator(seed: seed)
        organisation = Organisation(code: "RKX", name: "Irwell Valley University Hospitals NHS Foundation Trust")

        let specialtyRows: [(String, String)] = [
            ("100", "General Surgery"), ("101", "Urology"), ("110", "Trauma and Orthopaedics"),
            ("120", "Ear, Nose and Throat"), ("130", "Ophthalmology"), ("300", "General Internal Medicine"),
            ("301", "Gastroenterology"), ("320", "Cardiology"), ("330", "Dermatology"), ("400", "Neurology"),
            ("410", "Rheumatology"), ("502", "Gynaecology"),
        ]
        specialties = specialtyRows.map { Specialty(id: .init("spc_\($0.0)"), code: $0.0, name: $0.1) }

        let sites: [(String, String, String, String, Double, Double)] = [
            ("loc_iri_a", "Irwell Royal Infirmary — Outpatients A", "Oxford Road", "M13 9WL", 53.4625, -2.2256),
            ("loc_iri_b", "Irwell Royal Infirmary — Outpatients B", "Oxford Road", "M13 9WL", 53.4631, -2.2271),
            ("loc_ngh", "Northway General Hospital — Clinic Suite", "Delaunays Road", "M8 5RB", 53.5183, -2.2267),
            ("loc_smh", "Southmoor Hospital — Outpatients", "Southmoor Road", "M23 9LT", 53.3910, -2.2920),
            ("loc_tcd", "Trafford Community Diagnostic Centre", "Moorside Road", "M41 5SL", 53.4520, -2.3650),
            ("loc_eye", "Irwell Eye Hospital", "Nelson Street", "M13 9WH", 53.4608, -2.2291),
        ]
        locations = sites.map {
            ClinicLocation(id: .init($0.0), name: $0.1, address: Address(
                lines: [$0.2], town: "Manchester", postcode: $0.3,
                coordinates: Coordinates(latitude: $0.4, longitude: $0.5)))
        }

        let given = ["Amara", "Ben", "Chloe", "Daniel", "Efua", "Fatima", "George", "Hannah", "Imran", "Jasmine",
                     "Kwame", "Laura", "Mohammed", "Niamh", "Oliver", "Priya", "Rhys", "Sofia", "Tomasz", "Uche",
                     "Victoria", "William", "Yusuf", "Zara", "Aled", "Bethany", "Callum", "Deepa", "Ewan", "Freya"]
        let family = ["Adebayo", "Brennan", "Chowdhury", "Davies", "Evans", "Fitzgerald", "Gallagher", "Hussain",
                      "Iqbal", "Jones", "Kowalski", "Lloyd", "Mensah", "Nowak", "O'Connor", "Patel", "Quinn",
                      "Rahman", "Shah", "Thompson", "Usman", "Vaughan", "Walsh", "Xu", "Yates", "Zielinski",
                      "Ashworth", "Butterworth", "Crompton", "Dewhurst"]

        var clinicians: [Clinician] = []
        for specialty in specialties {
            let count = 2 + Int.random(in: 0...2, using: &rng)
            for index in 0..<count {
                let grade = index == 0 ? "Consultant" : rng.pick(["Consultant", "Consultant", "Specialty Doctor", "Clinical Nurse Specialist"])
                let title = grade == "Clinical Nurse Specialist" ? rng.pick(["Ms", "Mr"]) : rng.pick(["Dr", "Mr", "Ms", "Miss", "Dr"])
                let name = "\(title) \(rng.pick(given).prefix(1)). \(rng.pick(family))"
                clinicians.append(Clinician(
                    id: .init("cln_\(specialty.code)_\(index + 1)"), name: name, grade: grade, specialtyID: specialty.id))
            }
        }
        self.clinicians = clinicians

        let logins: [(String, String, Role)] = [
            ("admin", "Alex Admin", .admin), ("booking", "Bola Booker", .bookingCoordinator),
            ("teamlead", "Tess Leader", .teamLeader), ("clinician", "Dr Cal Clinician", .clinician),
            ("planner", "Pat Planner", .transportPlanner), ("transport-manager", "Max Manager", .transportManager),
            ("crew", "Cris Crew", .crew), ("scheduler", "Sam Scheduler", .scheduler),
            ("care-manager", "Dee Organiser", .careManager), ("carer", "Kit Carer", .carer),
            ("e-rs", "e-Referral Service (API client)", .externalBooking),
        ]
        let alphabet = Array(PasswordPolicy.alphabet)
        self.logins = logins.map { row in
            let password = String((0..<14).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] })
            return Login(username: row.0, displayName: row.1, role: row.2, password: password, id: .init("usr_demo_\(row.0)"))
        }

        let streets = ["Wilmslow Road", "Stockport Road", "Cheetham Hill Road", "Ashton Old Road", "Princess Road",
                       "Barlow Moor Road", "Great Western Street", "Moss Lane East", "Hyde Road", "Oldham Road",
                       "Bury New Road", "Chorlton Road", "Palatine Road", "Kingsway", "Burton Road"]
        let districts = [13, 14, 15, 16, 19, 20, 21, 22, 8, 9, 11, 12, 18, 40, 4, 40, 30]
        var patients: [Patient] = []
        var serial = 0
        while patients.count < patientCount {
            serial += 1
            // 999 + six digits from the serial, then the check digit; skip prefixes with no valid check digit.
            let leading = "999" + String(format: "%06d", serial)
            guard let check = NHSNumber.checkDigit(for: leading.compactMap(\.wholeNumberValue)) else { continue }
            let nhs = try! NHSNumber(leading + String(check))
            let birthYear = 1935 + Int.random(in: 0...85, using: &rng)
            let month = 1 + Int.random(in: 0...11, using: &rng)
            let day = 1 + Int.random(in: 0..<LocalDate.daysIn(month: month, year: birthYear), using: &rng)
            let district = rng.pick(districts)
            let letters = Array("ABDEFGHJLNPQRSTUWXYZ")
            let postcode = "M\(district) \(Int.random(in: 1...9, using: &rng))\(rng.pick(letters))\(rng.pick(letters))"
            let sex: Patient.Sex = Bool.random(using: &rng) ? .female : .male
            let number = 1 + Int.random(in: 0...240, using: &rng)
            let phone = "07700 900" + String(format: "%03d", Int.random(in: 0...999, using: &rng))  // Ofcom drama range
            patients.append(Patient(
                id: .init(String(format: "pat_demo_%05d", patients.count + 1)), nhsNumber: nhs,
                givenName: rng.pick(given), familyName: rng.pick(family),
                birthDate: LocalDate(year: birthYear, month: month, day: day)!, sex: sex,
                address: Address(
                    lines: ["\(number) \(rng.pick(streets))"], town: "Manchester", postcode: postcode,
                    coordinates: Coordinates(
                        latitude: 53.40 + Double(Int.random(in: 0...1500, using: &rng)) / 10_000,
                        longitude: -2.34 + Double(Int.random(in: 0...2200, using: &rng)) / 10_000)),
                phone: phone, email: nil))
            // The banner's details, from the index alone (the random sequence above stays as it was).
            let k = patients.count
            patients[k - 1].hospitalNumber = String(format: "IV%07d", 4_000_000 + k * 37)
            patients[k - 1].gpPractice = Self.practices[k % Self.practices.count]
            if k % 9 == 0 { patients[k - 1].interpreterLanguage = Self.languages[(k / 9) % Self.languages.count] }
            if k % 13 == 0 { patients[k - 1].alerts = ["Lives alone: call before any change"] }
            if k % 11 == 0 { patients[k - 1].reasonableAdjustments = [Self.adjustments[(k / 11) % Self.adjustments.count]] }
        }
        self.patients = patients
    }

    /// Invented GP practices (codes in no real range) for the demo's patients.
    static let practices = ["Irwell Medical Practice (Y90001)", "Salford Quays Health Centre (Y90002)", "Didsbury Village Surgery (Y90003)",
                            "Cheetham Hill Family Practice (Y90004)", "Levenshulme Health Centre (Y90005)"]
    /// Interpreter languages some demo patients need.
    static let languages = ["Polish", "Urdu", "Arabic", "Romanian", "Bengali", "British Sign Language"]
    /// Reasonable adjustments some demo patients need.
    static let adjustments = ["Step-free access: wheelchair user", "A longer appointment: learning disability", "Large print letters",
                              "A quiet waiting area: autism"]
}
