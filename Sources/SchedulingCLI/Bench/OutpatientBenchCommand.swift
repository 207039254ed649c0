import ArgumentParser
import Foundation
import SchedulingDomain
import SchedulingServices

/// `kairos bench outpatients allocation|strike|booking`: builds a seeded hospital in a scratch database
/// and times auto-allocation or strike rebooking through the services, as the API runs them
/// (database reads, the allocation engine and its independent checker).
struct OutpatientBenchCommand: EnvironmentCommand {
    static let configuration = CommandConfiguration(
        commandName: "outpatients",
        abstract: "Time auto-allocation (OP-05) or strike rebooking (BR-02) on a seeded hospital in a scratch database, or seed one for the booking load test.")

    @Argument(help: "allocation: waiting-list entries into free slots; strike: cancelled appointments rebooked into the following 8 weeks; booking: seed --database for the booking API load test (scripts/bench-booking.sh).")
    var scenario: String

    @Option(help: "booking: free slots to seed; one referral asks for each, and a second races for every fourth.")
    var bookings = 20_000

    @Option(help: "booking: where to write the contending pairs, one \"referralID slotID\" a line.")
    var pairs: String?

    @Option(help: "allocation: waiting-list entries.")
    var referrals = 100_000

    @Option(help: "allocation: free slots over the coming 12 weeks.")
    var slots = 60_000

    @Option(help: "Specialties.")
    var specialties = 40

    @Option(help: "strike: appointments the strike cancels.")
    var appointments = 4_000

    @Option(help: "Seed for the generated hospital.")
    var seed: UInt64 = 7

    @Option(help: "Scratch database path (default: a temporary file, removed afterwards).")
    var database: String?

    @Flag(help: "Also commit the plan and time that (bookings, letters and audit in one transaction).")
    var commit = false

    func validate() throws {
        guard ["allocation", "strike", "booking"].contains(scenario) else { throw ValidationError("SCENARIO must be allocation, strike or booking.") }
        if scenario == "booking" {
            guard database != nil, pairs != nil else { throw ValidationError("booking needs --database and --pairs (the server then serves that database).") }
            guard (1...500_000).contains(bookings) else { throw ValidationError("--bookings must be 1 to 500000.") }
        }
        guard (1...200).contains(specialties) else { throw ValidationError("--specialties must be 1 to 200.") }
        guard (1...1_000_000).contains(referrals), (1...1_000_000).contains(slots) else {
            throw ValidationError("--referrals and --slots must be 1 to 1000000.")
        }
        guard (1...20_000).contains(appointments) else { throw ValidationError("--appointments must be 1 to 20000.") }
    }

    func run(in environment: CLIEnvironment) async throws {
        let path = database ?? FileManager.default.temporaryDirectory.appendingPathComponent("kairos-bench-\(UUID().uuidString).sqlite").path
        defer {
            if database == nil { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        }
        let services = try await environment.openServices(path)
        let caller = Caller(principal: .system("bench"))
        let clock = ContinuousClock()
        if scenario == "booking", let pairs {
            let lines = try await BenchHospital.seedBooking(services, slots: bookings, specialties: specialties, seed: seed)
            try (lines.joined(separator: "\n") + "\n").write(toFile: pairs, atomically: true, encoding: .utf8)
            _ = try await services.shared.accounts.createUser(username: "bench-booker", displayName: "Bench Booker", role: .bookingCoordinator, by: caller)
            let token = try await services.shared.accounts.issueToken(for: "bench-booker", name: "booking load test", by: caller)
            environment.output("Seeded \(bookings) free slots and \(lines.count) referrals asking for them (two racing for every fourth slot); pairs in \(pairs).")
            environment.output(token.secret)
            return
        }
        if scenario == "allocation" {
            let seeding = try await clock.measure { try await BenchHospital.seedAllocation(services, referrals: referrals, slots: slots, specialties: specialties, seed: seed) }
            environment.output("Seeded \(referrals) waiting-list entries and \(slots) free slots across \(specialties) specialties in \(Self.seconds(seeding)).")
            var plan: AllocationPlan?
            let preview = try await clock.measure { plan = try await services.outpatients.allocation.allocate(.init(minimumNoticeDays: 7), by: caller) }
            guard let plan else { return }
            environment.output("Auto-allocation preview: \(Self.seconds(preview)) — \(plan.proposals.count) proposed, \(plan.placedAfterDue) after their due day, "
                + "\(plan.unplaced.count) unplaced (\(Self.reasons(plan.unplaced))), \(plan.freeSlots) free slots.")
            if commit {
                let done = try await clock.measure {
                    _ = try await services.outpatients.allocation.allocate(.init(minimumNoticeDays: 7, commit: true, planID: plan.planID), by: caller)
                }
                environment.output("Commit: \(Self.seconds(done)) for \(plan.proposals.count) bookings with their letters, texts and audit entries.")
            }
        } else {
            var input = SessionCancellationInput()
            let seeding = try await clock.measure {
                input = try await BenchHospital.seedStrike(services, appointments: appointments, specialties: specialties, seed: seed)
            }
            environment.output("Seeded a strike of \(appointments) booked appointments across \(specialties) specialties in \(Self.seconds(seeding)).")
            var result: SessionCancellation?
            let preview = try await clock.measure { result = try await services.outpatients.sessions.cancel(input, by: caller) }
            guard let result, let plan = result.rebooking else { return }
            let rebooked = plan.moves.filter { !$0.bumped && $0.toSlotID != nil }
            environment.output("Strike rebooking preview: \(Self.seconds(preview)) — \(result.affected.count) displaced, \(rebooked.count) rebooked "
                + "(\(rebooked.filter(\.afterDue).count) after their due day), \(plan.bumped) bumped, \(plan.unplaced.count) back on the list, shortfall \(result.shortfall).")
            let inversions = Self.priorityInversions(plan.moves.filter { !$0.bumped })
            environment.output("Urgent or cancer patients booked later than a routine one of the same specialty: \(inversions).")
            if inversions > 0 { throw CLIFailure(message: "priority order broken for \(inversions) patients.", exitCode: 1) }
            if commit {
                var committed = input
                committed.commit = true
                let done = try await clock.measure { _ = try await services.outpatients.sessions.cancel(committed, by: caller) }
                environment.output("Commit: \(Self.seconds(done)) to cancel the sessions, rebook everyone and queue every letter and text.")
            }
        }
    }

    /// Urgent or cancer moves later than (or missing while) a routine move of the same specialty has a slot.
    static func priorityInversions(_ moves: [RebookingMove]) -> Int {
        var earliestRoutine: [Specialty.ID: LocalDate] = [:]
        for m in moves where !m.priority.isUrgent {
            if let d = m.toDate { earliestRoutine[m.specialtyID] = min(earliestRoutine[m.specialtyID] ?? d, d) }
        }
        return moves.filter { m in
            guard m.priority.isUrgent, let routine = earliestRoutine[m.specialtyID] else { return false }
            return m.toDate.map { $0 > routine } ?? true
        }.count
    }

    static func reasons(_ unplaced: [UnplacedReferral]) -> String {
        let counts = Dictionary(grouping: unplaced, by: \.reason).mapValues(\.count)
        return UnplacedReferral.Reason.allCases.compactMap { r in counts[r].map { "\($0) \(r.rawValue)" } }.joined(separator: ", ")
    }

    static func seconds(_ d: Duration) -> String {
        let (s, atto) = d.components
        return String(format: "%.3f s", Double(s) + Double(atto) / 1e18)
    }
}

/// A generated hospital for the benchmarks, written straight through the repositories in one
/// transaction (seeding is not what is measured).
enum BenchHospital {
    static let location = ClinicLocation(id: "loc_bench", name: "Bench Outpatients", address: Address(lines: ["1 Bench Road"], town: "Leeds", postcode: "LS1 1AA", coordinates: nil))

    static func organisation(_ specialties: Int, cliniciansEach: Int, in session: any StoreSession) async throws -> [[Clinician]] {
        try await session.organisation.insert(location)
        var out: [[Clinician]] = []
        for s in 0..<specialties {
            let specialty = Specialty(id: .init(String(format: "spc_b%03d", s)), code: String(format: "%03d", 100 + s), name: "Specialty \(s)")
            try await session.organisation.insert(specialty)
            var team: [Clinician] = []
            for c in 0..<cliniciansEach {
                let clinician = Clinician(id: .init(String(format: "cln_b%03d_%02d", s, c)), name: "Clinician \(s)-\(c)", grade: "Consultant", specialtyID: specialty.id)
                try await session.organisation.insert(clinician)
                team.append(clinician)
            }
            out.append(team)
        }
        return out
    }

    /// Valid NHS numbers from 999 000 000x upwards (the test range).
    static func nhsNumbers(_ count: Int) -> [NHSNumber] {
        var out: [NHSNumber] = []
        var serial = 0
        while out.count < count {
            serial += 1
            let leading = "9" + String(format: "%08d", serial)
            guard let check = NHSNumber.checkDigit(for: leading.compactMap(\.wholeNumberValue)) else { continue }
            out.append(try! NHSNumber(leading + String(check)))
        }
        return out
    }

    static func patient(_ k: Int, _ nhs: NHSNumber) -> Patient {
        Patient(id: .init(String(format: "pat_b%07d", k)), nhsNumber: nhs, givenName: "Bench", familyName: "Patient", birthDate: LocalDate(year: 1970, month: 1, day: 1)!,
                sex: .female, address: location.address)
    }

    static func priority(_ rng: inout SeededGenerator) -> ClinicalPriority {
        let roll = Int.random(in: 0..<100, using: &rng)
        return roll < 8 ? .cancerTwoWeekWait : roll < 20 ? .urgent : .routine
    }

    static func slotType(_ rng: inout SeededGenerator) -> SlotType {
        let roll = Int.random(in: 0..<100, using: &rng)
        return roll < 10 ? .cancerTwoWeekWait : roll < 25 ? .urgent : .new
    }

    /// Weekdays that are not bank holidays, from `first` for `count` days.
    static func weekdays(from first: LocalDate, days: Int) -> [LocalDate] {
        (0..<days).map { first.adding(days: $0) }.filter { $0.isoWeekday <= 5 && BankHolidays.name(on: $0) == nil }
    }

    static func seedAllocation(_ services: KairosServices, referrals: Int, slots: Int, specialties: Int, seed: UInt64) async throws {
        let today = services.shared.environment.today
        try await services.shared.environment.store.write { session in
            var rng = SeededGenerator(seed: seed)
            let teams = try await organisation(specialties, cliniciansEach: 5, in: session)
            let days = weekdays(from: today.adding(days: 7), days: 84)
            var made: [Slot] = []
            let perSpecialty = (slots + specialties - 1) / specialties
            let perClinicianDay = (perSpecialty + days.count * 5 - 1) / (days.count * 5)
            outer: for (s, team) in teams.enumerated() {
                var count = 0
                for position in 0..<perClinicianDay {
                    for day in days {
                        for clinician in team {
                            guard count < perSpecialty, made.count < slots else { continue outer }
                            made.append(Slot(id: .init("slt_\(clinician.id.rawValue)_\(day.iso)_\(position)"), templateID: nil, clinicianID: clinician.id,
                                             specialtyID: teams[s][0].specialtyID, locationID: location.id, date: day,
                                             start: LocalTime(minuteOfDay: 9 * 60 + 20 * position)!, minutes: 20, type: slotType(&rng)))
                            count += 1
                        }
                    }
                }
            }
            _ = try await session.clinics.insertNew(made)
            for (k, nhs) in nhsNumbers(referrals).enumerated() {
                let p = patient(k, nhs)
                try await session.patients.insert(p)
                let priority = priority(&rng)
                let waited = priority == .routine ? Int.random(in: 0...400, using: &rng) : Int.random(in: 0...13, using: &rng)
                var availability = Referral.Availability()
                if Int.random(in: 0..<10, using: &rng) == 0 { availability.weekdays = Set((0..<3).map { _ in Int.random(in: 1...5, using: &rng) }) }
                try await session.referrals.insert(
                    Referral(id: .init(String(format: "ref_b%07d", k)), patientID: p.id, specialtyID: teams[Int.random(in: 0..<specialties, using: &rng)][0].specialtyID,
                             referrer: "A81001", priority: priority, received: today.adding(days: -waited), availability: availability))
            }
        }
    }

    /// Four clinicians a specialty, eight 30-minute slots each weekday for ten weeks; a week's
    /// strike by enough clinicians to cancel `appointments` bookings, every one of their slots
    /// that week booked; 60% of every other slot booked too. Returns the cancellation to preview.
    static func seedStrike(_ services: KairosServices, appointments: Int, specialties: Int, seed: UInt64) async throws -> SessionCancellationInput {
        let today = services.shared.environment.today
        let monday = today.adding(days: 3 + (8 - today.adding(days: 3).isoWeekday) % 7)
        let strikeDays = Set((0..<5).map { monday.adding(days: $0) })
        let perClinician = 8 * 5
        let strikers = (appointments + perClinician - 1) / perClinician
        let cliniciansEach = max(4, (strikers + specialties - 1) / specialties)
        let (ids, start) = try await services.shared.environment.store.write { session in
            var rng = SeededGenerator(seed: seed)
            let teams = try await organisation(specialties, cliniciansEach: cliniciansEach, in: session)
            // Strikers spread over the specialties: the first clinician of each, then the second, …
            let order = (0..<cliniciansEach).flatMap { c in teams.map { $0[c] } }
            let striking = Set(order.prefix(strikers).map(\.id))
            var slots: [Slot] = []
            var toBook: [Slot] = []
            var strikeLeft = appointments
            for day in weekdays(from: today.adding(days: 1), days: 70) {
                for clinician in order {
                    for position in 0..<8 {
                        var slot = Slot(id: .init("slt_\(clinician.id.rawValue)_\(day.iso)_\(position)"), templateID: nil, clinicianID: clinician.id,
                                        specialtyID: clinician.specialtyID, locationID: location.id, date: day,
                                        start: LocalTime(minuteOfDay: 9 * 60 + 30 * position)!, minutes: 30, type: slotType(&rng))
                        let onStrike = striking.contains(clinician.id) && strikeDays.contains(day)
                        if onStrike ? strikeLeft > 0 : Int.random(in: 0..<10, using: &rng) < 6 {
                            if onStrike { strikeLeft -= 1 }
                            slot.status = .booked
                            toBook.append(slot)
                        }
                        slots.append(slot)
                    }
                }
            }
            _ = try await session.clinics.insertNew(slots)
            let now = services.shared.environment.clock.now()
            for (k, nhs) in nhsNumbers(toBook.count).enumerated() {
                let slot = toBook[k], p = patient(k, nhs)
                try await session.patients.insert(p)
                // A priority the slot's type accepts.
                var priority = priority(&rng)
                while !slot.type.acceptsFirstAppointment(priority) { priority = priority == .routine ? .urgent : .cancerTwoWeekWait }
                let waited = priority == .routine ? Int.random(in: 0...300, using: &rng) : Int.random(in: 0...10, using: &rng)
                let referral = Referral(id: .init(String(format: "ref_b%07d", k)), patientID: p.id, specialtyID: slot.specialtyID, referrer: "A81001",
                                        priority: priority, received: today.adding(days: -waited))
                try await session.referrals.insert(referral)
                try await session.appointments.insert(Appointment(id: .init(String(format: "apt_b%07d", k)), referralID: referral.id, patientID: p.id,
                                                                  slotID: slot.id, channel: .phone, bookedBy: "system:bench", bookedAt: now))
            }
            return (order.prefix(strikers).map(\.id.rawValue), monday)
        }
        return SessionCancellationInput(clinicianIDs: ids, from: start.iso, through: start.adding(days: 4).iso, reason: "industrial-action",
                                        rebook: RebookingInput(minimumNoticeDays: 7))
    }

    /// `slots` free new-patient slots from a week ahead and an open routine referral in the slot's
    /// specialty for each, with a second racing for every fourth slot: the "referral slot" pairs
    /// in request order, racing referrals adjacent so that two load-test threads send them together.
    static func seedBooking(_ services: KairosServices, slots: Int, specialties: Int, seed: UInt64) async throws -> [String] {
        let today = services.shared.environment.today
        return try await services.shared.environment.store.write { session in
            let teams = try await organisation(specialties, cliniciansEach: 5, in: session)
            let days = weekdays(from: today.adding(days: 7), days: 364)
            var made: [Slot] = []
            var position = 0
            while made.count < slots {
                for day in days {
                    for team in teams {
                        for clinician in team where made.count < slots {
                            made.append(Slot(id: .init("slt_\(clinician.id.rawValue)_\(day.iso)_\(position)"), templateID: nil, clinicianID: clinician.id,
                                             specialtyID: clinician.specialtyID, locationID: location.id, date: day,
                                             start: LocalTime(minuteOfDay: 8 * 60 + 15 * position)!, minutes: 15, type: .new))
                        }
                    }
                }
                position += 1
            }
            _ = try await session.clinics.insertNew(made)
            var lines: [String] = []
            let asking = (0..<slots).flatMap { k in k % 4 == 0 ? [k, k] : [k] }
            for (k, nhs) in nhsNumbers(asking.count).enumerated() {
                let p = patient(k, nhs), slot = made[asking[k]]
                try await session.patients.insert(p)
                let referral = Referral(id: .init(String(format: "ref_b%07d", k)), patientID: p.id, specialtyID: slot.specialtyID, referrer: "A81001",
                                        priority: .routine, received: today.adding(days: -(k % 100)))
                try await session.referrals.insert(referral)
                lines.append("\(referral.id.rawValue) \(slot.id.rawValue)")
            }
            return lines
        }
    }
}
