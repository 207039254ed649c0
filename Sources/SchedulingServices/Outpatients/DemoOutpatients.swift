import Foundation
import SchedulingDomain

/// The outpatient side of the demo trust, generated deterministically from a seed and today's
/// date: weekly clinic templates for every clinician, their slots from four weeks ago to twelve
/// weeks ahead, a waiting list across priorities with realistic waits (some past 18 weeks),
/// appointments already held (attended or DNA) and bookings to come, with free slots left for
/// booking and auto-allocation.
public struct DemoOutpatients: Sendable, Equatable {
    /// A past appointment's recorded outcome.
    public struct Past: Sendable, Equatable {
        /// The appointment (status attended or dna).
        public var appointment: Appointment
        /// Whether the pathway was completed at the appointment (treated or discharged).
        public var completesPathway: Bool
    }

    /// Clinic templates for each clinician: a weekly morning session and a fortnightly afternoon one.
    public var templates: [ClinicTemplate]
    /// Every slot of those templates from four weeks ago to twelve weeks ahead; booked slots are marked so.
    public var slots: [Slot]
    /// Referrals, open when generated (completion is applied from `past`).
    public var referrals: [Referral]
    /// Appointments already held, with their outcome.
    public var past: [Past]
    /// Bookings from today on.
    public var booked: [Appointment]

    /// Weeks of slots before today.
    public static let weeksBack = 4
    /// Days of slots from today.
    public static let daysAhead = 84

    /// Specialties whose clinics keep slots for suspected cancer (two-week wait).
    static let cancerSpecialtyCodes: Set<String> = ["100", "101", "120", "301", "330", "502"]

    /// Generates the outpatient data for `organisation` with `referralCount` referrals, relative to `today`.
    public init(seed: UInt64, today: LocalDate, organisation: DemoOrganisation, referralCount: Int, bookedAt now: Date) {
        var rng = SeededGenerator(seed: seed &+ 0x0A7)
        let specialties = organisation.specialties
        let cancerCapable = Set(specialties.filter { Self.cancerSpecialtyCodes.contains($0.code) }.map(\.id))
        let effectiveFrom = today.adding(days: -7 * Self.weeksBack)

        // Templates: a weekly morning session and a fortnightly afternoon one per clinician, on different days.
        var templates: [ClinicTemplate] = []
        for (index, clinician) in organisation.clinicians.enumerated() {
            let eye = clinician.specialtyID.rawValue == "spc_130"
            let sites = eye ? ["loc_eye"] : ["loc_iri_a", "loc_iri_b", "loc_ngh", "loc_smh", "loc_tcd"]
            for session in 0..<2 {
                let start = session == 0 ? LocalTime(minuteOfDay: 9 * 60)! : LocalTime(minuteOfDay: 13 * 60 + 30)!
                let minutes = clinician.grade == "Consultant" ? 20 : 30
                var specs: [ClinicTemplate.SlotSpec] = []
                let count = minutes == 20 ? 9 : 6
                for k in 0..<count {
                    let type: SlotType
                    switch k {
                    case 0 where cancerCapable.contains(clinician.specialtyID): type = .cancerTwoWeekWait
                    case 1, 4: type = .urgent
                    case count - 1, count - 2: type = .followUp
                    default: type = .new
                    }
                    specs.append(.init(minutes: minutes, type: type, published: type == .new))
                }
                templates.append(ClinicTemplate(
                    id: .init("tpl_demo_\(clinician.id.rawValue)_\(session + 1)"), clinicianID: clinician.id, specialtyID: clinician.specialtyID,
                    locationID: .init(rng.pick(sites)), weekday: 1 + (index + 2 * session) % 5, start: start, slots: specs,
                    everyWeeks: session + 1, effectiveFrom: effectiveFrom))
            }
        }
        self.templates = templates
        var slots = templates.flatMap { template in
            template.sessionDates(from: effectiveFrom, through: today.adding(days: Self.daysAhead - 1), closed: .bankHolidaysOnly).flatMap { template.slots(on: $0) }
        }.sorted { ($0.date, $0.start, $0.id) < ($1.date, $1.start, $1.id) }

        // Referrals: priorities and waits as a hospital sees them; some routine ones past 18 weeks.
        let referrers = ["P84001", "P84005", "P84012", "P84017", "P84024", "P84033", "Y02849", "P84040"]
        var referrals: [Referral] = []
        for k in 0..<referralCount {
            let patient = organisation.patients[k % organisation.patients.count]
            let specialty = specialties[(k / organisation.patients.count + Int.random(in: 0..<specialties.count, using: &rng)) % specialties.count]
            let roll = Int.random(in: 0..<100, using: &rng)
            let priority: ClinicalPriority = roll < 6 && cancerCapable.contains(specialty.id) ? .cancerTwoWeekWait : roll < 20 ? .urgent : .routine
            let waited = switch priority {
            case .cancerTwoWeekWait: Int.random(in: 0...16, using: &rng)
            case .urgent: Int.random(in: 0...45, using: &rng)
            default: Int.random(in: 0..<100, using: &rng) < 78 ? Int.random(in: 0...125, using: &rng) : Int.random(in: 126...300, using: &rng)
            }
            var availability = Referral.Availability()
            if Int.random(in: 0..<12, using: &rng) == 0 {
                availability.weekdays = Set((0..<3).map { _ in Int.random(in: 1...5, using: &rng) })
            }
            referrals.append(Referral(
                id: .init(String(format: "ref_demo_%05d", k + 1)), patientID: patient.id, specialtyID: specialty.id, referrer: rng.pick(referrers),
                priority: priority, received: today.adding(days: -waited), availability: availability,
                // Four referrals in five came through the e-Referral Service with a booking reference.
                ubrn: k % 5 == 4 ? nil : UBRN(String(format: "0001%08d", k + 1))))
        }
        self.referrals = referrals

        // Whom each specialty books next: urgent and cancer by due day; routine patients in no
        // strict order (as lists grow in practice, not everyone is booked in turn).
        var queues: [Specialty.ID: [Int]] = [:]
        for (k, r) in referrals.enumerated() { queues[r.specialtyID, default: []].append(k) }
        for key in queues.keys.sorted(by: { $0.rawValue < $1.rawValue }) {  // a fixed order: the seed alone decides
            var queue = queues[key]!
            queue.shuffle(using: &rng)
            queue.sort { a, b in
                let (ra, rb) = (referrals[a], referrals[b])
                if ra.priority.isUrgent != rb.priority.isUrgent { return ra.priority.isUrgent }
                return ra.priority.isUrgent && (ra.dueBy, ra.id) < (rb.dueBy, rb.id)
            }
            queues[key] = queue
        }
        var taken = Set<Int>()
        var past: [Past] = [], booked: [Appointment] = []
        let channels: [Appointment.Channel] = [.phone, .phone, .letter, .online]
        for index in slots.indices {
            let slot = slots[index]
            let daysAhead = today.days(until: slot.date)
            let chance = daysAhead < 0 ? 80 : daysAhead < 21 ? 70 : daysAhead < 42 ? 40 : 15
            guard Int.random(in: 0..<100, using: &rng) < chance, slot.type != .followUp else { continue }
            // Bookings are made some days after a referral arrives: the newest referrals still wait.
            let latestReceived = min(slot.date.adding(days: -5), today.adding(days: -3))
            guard let position = queues[slot.specialtyID]?.firstIndex(where: { k in
                let r = referrals[k]
                return !taken.contains(k) && r.received <= latestReceived && slot.type.acceptsFirstAppointment(r.priority)
                    && r.availability.allows(slot.date)
            }) else { continue }
            let k = queues[slot.specialtyID]!.remove(at: position)
            taken.insert(k)
            slots[index].status = .booked
            let referral = referrals[k]
            let leadDays = min(max(1, referral.received.days(until: slot.date) - 1), 28)
            var appointment = Appointment(
                id: .init(String(format: "apt_demo_%05d", past.count + booked.count + 1)), referralID: referral.id, patientID: referral.patientID,
                slotID: slot.id, channel: rng.pick(channels), bookedBy: "usr_demo_booking",
                bookedAt: now.addingTimeInterval(TimeInterval(-86_400 * (leadDays - daysAhead))),
                interpreterLanguage: Int.random(in: 0..<30, using: &rng) == 0 ? rng.pick(["Urdu", "Polish", "Arabic", "Bengali", "Somali"]) : nil,
                needsTransport: daysAhead >= 0 && Int.random(in: 0..<20, using: &rng) == 0)
            if daysAhead < 0 {
                let dna = Int.random(in: 0..<100, using: &rng) < 8
                try! appointment.record(dna ? .dna : .attended, appointmentDay: slot.date, today: today,
                                        at: now.addingTimeInterval(TimeInterval(86_400 * daysAhead + 6 * 3600)))
                past.append(Past(appointment: appointment, completesPathway: !dna && Bool.random(using: &rng)))
            } else {
                booked.append(appointment)
            }
        }
        self.slots = slots
        self.past = past
        self.booked = booked
    }
}
