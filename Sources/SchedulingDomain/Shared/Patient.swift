import Foundation

/// A person receiving care. Identified in logs, errors and audit entries only by ``id``.
public struct Patient: Hashable, Codable, Sendable, Identifiable {
    /// Kairos identifier.
    public typealias ID = Identifier<Patient>

    /// Administrative sex as recorded on the spine.
    public enum Sex: String, Codable, Sendable, CaseIterable {
        case female, male, other, unknown
    }

    /// Kairos identifier.
    public var id: ID
    /// NHS number (unique).
    public var nhsNumber: NHSNumber
    /// Given name(s).
    public var givenName: String
    /// Family name.
    public var familyName: String
    /// Date of birth.
    public var birthDate: LocalDate
    /// Administrative sex.
    public var sex: Sex
    /// Home address.
    public var address: Address
    /// Telephone for reminders and calls, if any.
    public var phone: String?
    /// Email for reminders, if any.
    public var email: String?
    /// The trust's own hospital number (medical record number), unique where recorded.
    public var hospitalNumber: String?
    /// The patient's GP practice, as it is to be shown ("Irwell Medical Practice (P84001)").
    public var gpPractice: String?
    /// The language of the interpreter the patient needs, if any.
    public var interpreterLanguage: String?
    /// Alerts staff must see before contacting or booking the patient.
    public var alerts: [String] = []
    /// Reasonable adjustments the patient needs ("step-free access", "longer appointment").
    public var reasonableAdjustments: [String] = []

    /// Creates a patient record.
    public init(
        id: ID, nhsNumber: NHSNumber, givenName: String, familyName: String, birthDate: LocalDate,
        sex: Sex, address: Address, phone: String? = nil, email: String? = nil
    ) {
        self.id = id
        self.nhsNumber = nhsNumber
        self.givenName = givenName
        self.familyName = familyName
        self.birthDate = birthDate
        self.sex = sex
        self.address = address
        self.phone = phone
        self.email = email
    }

    /// Age in whole years on `date` (a 29 February birthday counts from 1 March in other years).
    public func age(on date: LocalDate) -> Int {
        var years = date.year - birthDate.year
        if (date.month, date.day) < (birthDate.month, birthDate.day) { years -= 1 }
        return max(0, years)
    }

    /// Every rule the record breaks given today's date.
    public func validate(today: LocalDate) -> [ValidationIssue] {
        var c = ValidationCollector()
        c.requireText(givenName, at: "givenName", maxLength: 100)
        c.requireText(familyName, at: "familyName", maxLength: 100)
        if birthDate > today {
            c.add("birthDate", "birthDate.future", "birthDate must not be in the future.")
        } else if birthDate.year < today.year - 130 {
            c.add("birthDate", "birthDate.tooOld", "birthDate must be within the last 130 years.")
        }
        c.add(contentsOf: address.validate(), under: "address")
        if let phone, !Patient.isPlausiblePhone(phone) {
            c.add("phone", "phone.format", "phone must be 10 to 15 digits, optionally starting with +.")
        }
        if let email, !Patient.isPlausibleEmail(email) {
            c.add("email", "email.format", "email must look like name@domain.")
        }
        if let hospitalNumber, !Patient.isPlausibleHospitalNumber(hospitalNumber) {
            c.add("hospitalNumber", "hospitalNumber.format", "The hospital number is 5 to 20 letters and digits, with at least one digit.")
        }
        c.optionalText(gpPractice, at: "gpPractice", maxLength: 120)
        c.optionalText(interpreterLanguage, at: "interpreterLanguage", maxLength: 60)
        for (name, list) in [("alerts", alerts), ("reasonableAdjustments", reasonableAdjustments)] {
            if list.count > 10 { c.add(name, "list.length", "At most 10 \(name == "alerts" ? "alerts" : "reasonable adjustments").") }
            for (k, item) in list.enumerated() { c.requireText(item, at: "\(name)[\(k)]", maxLength: 200) }
        }
        return c.issues
    }

    /// Letters and digits, 5 to 20 of them, with at least one digit.
    public static func isPlausibleHospitalNumber(_ text: String) -> Bool {
        (5...20).contains(text.count) && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } && text.contains(where: \.isNumber)
    }

    /// Digits (10–15) with optional leading `+` and spaces.
    public static func isPlausiblePhone(_ text: String) -> Bool {
        var body = Substring(text.filter { $0 != " " })
        if body.hasPrefix("+") { body = body.dropFirst() }
        return (10...15).contains(body.count) && body.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// One `@`, something either side, a dot in the domain.
    public static func isPlausibleEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".") && !text.contains(" ")
    }
}
