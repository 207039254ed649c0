import Foundation
import Testing
import SchedulingDomain

@Suite("Address")
struct AddressTests {
    @Test("postcodes are normalised and checked for the UK shape")
    func postcodes() {
        #expect(Address.normalise(postcode: "m139wl") == "M13 9WL")
        #expect(Address.normalise(postcode: " sw1a  1aa ") == "SW1A 1AA")
        for valid in ["M13 9WL", "SW1A 1AA", "M1 1AE", "B33 8TH", "CR2 6XH", "W1A 0AX"] {
            #expect(Address.isValid(postcode: valid), "\(valid)")
        }
        for invalid in ["M13", "13 9WL", "M13 WL9", "MMMM 1AA", ""] {
            #expect(!Address.isValid(postcode: Address.normalise(postcode: invalid)), "\(invalid)")
        }
    }

    @Test("validation lists every broken rule with its path")
    func validation() {
        let address = Address(lines: [" "], town: "", postcode: "nope", coordinates: Coordinates(latitude: 91, longitude: -200))
        let paths = address.validate().map(\.path)
        #expect(paths == ["lines", "town", "postcode", "coordinates.latitude", "coordinates.longitude"])
        #expect(Address(lines: ["1 A St"], town: "Leeds", postcode: "LS1 4AP", coordinates: nil).validate(requireCoordinates: true).map(\.code) == ["field.required"])
    }
}

@Suite("HaversineTravelEstimator")
struct TravelEstimatorTests {
    let estimator = HaversineTravelEstimator()
    let infirmary = Coordinates(latitude: 53.4625, longitude: -2.2256)
    let northway = Coordinates(latitude: 53.5183, longitude: -2.2267)

    @Test("same place: no distance, no time")
    func samePlace() {
        for mode in TravelMode.allCases {
            #expect(estimator.estimate(from: infirmary, to: infirmary, mode: mode) == TravelEstimate(distance: .zero, duration: .zero))
        }
    }

    @Test("distance is great-circle times the road factor; time follows each mode's speed")
    func modes() {
        let straight = infirmary.greatCircleMeters(to: northway)
        #expect(abs(straight - 6_205) < 30)  // about 6.2 km due north
        let car = estimator.estimate(from: infirmary, to: northway, mode: .car)
        let walk = estimator.estimate(from: infirmary, to: northway, mode: .walking)
        let bus = estimator.estimate(from: infirmary, to: northway, mode: .publicTransport)
        #expect(car.distance.value == Int((straight * 1.3).rounded()))
        #expect(walk.duration > bus.duration && bus.duration > car.duration)
        // 8.07 km at 30 km/h is 968 s, plus 60 s to park.
        #expect(car.duration.value == Int((straight * 1.3 / (30_000.0 / 3600)).rounded(.up)) + 60)
        #expect((1_000...1_060).contains(car.duration.value))
    }

    @Test("symmetric and deterministic")
    func symmetric() {
        let there = estimator.estimate(from: infirmary, to: northway, mode: .car)
        let back = estimator.estimate(from: northway, to: infirmary, mode: .car)
        #expect(there == back)
    }
}

@Suite("SeededGenerator")
struct SeededGeneratorTests {
    @Test("the same seed gives the same sequence; different seeds differ")
    func deterministic() {
        var a = SeededGenerator(seed: 42), b = SeededGenerator(seed: 42), c = SeededGenerator(seed: 43)
        let first = (0..<100).map { _ in a.next() }
        #expect(first == (0..<100).map { _ in b.next() })
        #expect(first != (0..<100).map { _ in c.next() })
    }
}

@Suite("Patient")
struct PatientTests {
    @Test("validation names fields, never values")
    func validation() throws {
        let patient = Patient(
            id: "pat_1", nhsNumber: try NHSNumber("9990000018"), givenName: " ", familyName: "Okafor",
            birthDate: LocalDate(iso: "2030-01-01")!, sex: .female,
            address: Address(lines: ["1 A St"], town: "Manchester", postcode: "M13 9WL", coordinates: nil),
            phone: "12", email: "not-an-email")
        let issues = patient.validate(today: LocalDate(iso: "2026-11-22")!)
        #expect(issues.map(\.path) == ["givenName", "birthDate", "phone", "email"])
        #expect(!issues.contains { $0.message.contains("Okafor") || $0.message.contains("not-an-email") })
    }
}

@Suite("Role")
struct RoleTests {
    @Test("every role but the external booking system has a service, and only carers and crew are limited to their own work")
    func roles() {
        for role in Role.allCases where role != .externalBooking { #expect(!role.services.isEmpty) }
        #expect(Role.externalBooking.services.isEmpty)
        #expect(Role.allCases.filter(\.seesOwnWorkOnly) == [.crew, .carer])
        #expect(Role.allCases.count == 11)
        // The external booking system reads slots, and no patient.
        #expect(Role.slotReaders.contains(.externalBooking) && !Role.patientReaders.contains(.externalBooking))
    }
}

@Suite("Units and ISO text")
struct UnitsTests {
    @Test("quantities add within a unit and convert explicitly")
    func quantities() throws {
        #expect(Seconds(61).roundedUpMinutes == Minutes(2))
        #expect(Minutes(3).seconds == Seconds(180))
        #expect(Meters(5) + Meters(7) == Meters(12))
        #expect(Pence(-1205).pounds == "-£12.05")
        #expect(Seconds(5).description == "5 s")
        #expect(String(decoding: try JSONEncoder().encode(Minutes(15)), as: UTF8.self) == "15")
    }

    @Test("local dates and times are coded as ISO text and bad text names the expected form")
    func isoCoding() throws {
        struct Box: Codable, Equatable { var date: LocalDate; var time: LocalTime; var at: LocalDateTime }
        let box = Box(date: LocalDate(iso: "2026-03-29")!, time: LocalTime(iso: "09:00")!, at: LocalDateTime(iso: "2026-10-25T01:30")!)
        let json = String(decoding: try JSONEncoder().encode(box), as: UTF8.self)
        #expect(json.contains(#""date":"2026-03-29""#) && json.contains(#""at":"2026-10-25T01:30""#))
        #expect(try JSONDecoder().decode(Box.self, from: Data(json.utf8)) == box)
        do {
            _ = try JSONDecoder().decode(Box.self, from: Data(#"{"date":"29/03/2026","time":"09:00","at":"2026-10-25T01:30"}"#.utf8))
            Issue.record("expected a decoding error")
        } catch DecodingError.dataCorrupted(let context) {
            #expect(context.debugDescription == "Expected a date as YYYY-MM-DD.")
            #expect(context.codingPath.map(\.stringValue) == ["date"])
        }
    }

    @Test("ISO dates and times: exact widths and digits only; written zero-padded; every day of 1900–2100 round-trips")
    func isoText() {
        for bad in ["2026-3-29", "2026-03-9", "+026-03-29", "2026-03-29 ", " 2026-03-29", "2026/03/29", "2026-02-30", "2026-13-01",
                    "2026-00-10", "20260329", "2026-03-2a", "٢٠٢٦-03-29", ""] {
            #expect(LocalDate(iso: bad) == nil, "\(bad)")
        }
        for bad in ["9:00", "09:0", "24:00", "09:60", "+9:00", "09-00", "09:00:00", "0٩:00", ""] {
            #expect(LocalTime(iso: bad) == nil, "\(bad)")
        }
        #expect(LocalDate(year: 7, month: 1, day: 2)!.iso == "0007-01-02")
        #expect(LocalTime(iso: "00:00")!.iso == "00:00" && LocalTime(iso: "23:59")!.minuteOfDay == 1439)
        var day = LocalDate(iso: "1900-01-01")!
        while day.year <= 2100 {
            #expect(LocalDate(iso: day.iso) == day)
            day = day.adding(days: 1)
        }
        for minute in 0..<1440 { #expect(LocalTime(iso: LocalTime(minuteOfDay: minute)!.iso)?.minuteOfDay == minute) }
    }

    @Test("plain text passes as it is; text with spaces at the ends, control characters or beyond the limit is still checked")
    func plainText() {
        var c = ValidationCollector()
        #expect(c.requireText("ref_001", at: "referralID") == "ref_001")
        #expect(c.requireText("  ref_001\t", at: "referralID") == "ref_001")
        #expect(c.requireText("Zoë", at: "name") == "Zoë")
        #expect(c.issues.isEmpty)
        #expect(c.requireText("abcdef", at: "code", maxLength: 5) == nil)
        #expect(c.requireText("a\u{7F}b", at: "code") == nil)
        #expect(c.optionalText("a\tb", at: "note", maxLength: 10) == nil)
        #expect(c.issues.map(\.code) == ["field.tooLong", "field.control", "field.control"])
    }
}

@Suite("Appointment references")
struct AppointmentReferenceTests {
    @Test("eight characters without look-alikes in two groups, stable for an id, different across ids; typed forms normalise")
    func reference() {
        let a = Appointment.reference(for: "apt_000013")
        #expect(a.range(of: #"^[A-HJKMNP-TV-Z2-9]{4}-[A-HJKMNP-TV-Z2-9]{4}$"#, options: .regularExpression) != nil, "\(a)")
        #expect(a == Appointment.reference(for: "apt_000013"))
        let many = Set((0..<10_000).map { Appointment.reference(for: .init("apt_\($0)")) })
        #expect(many.count == 10_000)
        #expect(Appointment.normalisedReference(a.lowercased().replacingOccurrences(of: "-", with: " ")) == a)
        #expect(Appointment.normalisedReference(a.replacingOccurrences(of: "-", with: "")) == a)
        #expect(Appointment.normalisedReference("KX4Q-7Q2") == nil)
        #expect(Appointment.normalisedReference("KX0Q-7Q2M") == nil, "0 is not in the alphabet")
    }
}
