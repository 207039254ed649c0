import Foundation
import Testing
@testable import SchedulingDomain

@Suite("Clinical priority")
struct ClinicalPriorityTests {
    @Test("the most urgent ranks first; targets follow the NHS rules")
    func order() {
        #expect(ClinicalPriority.allCases.sorted() == [.p1a, .p1b, .cancerTwoWeekWait, .urgent, .p2, .p3, .routine, .p4])
        #expect(ClinicalPriority.p1a.targetDays == 1 && ClinicalPriority.p1b.targetDays == 3)
        #expect(ClinicalPriority.cancerTwoWeekWait.targetDays == 14)
        #expect(ClinicalPriority.p2.targetDays == 28 && ClinicalPriority.p3.targetDays == 84)
        #expect(ClinicalPriority.routine.targetDays == nil && ClinicalPriority.p4.targetDays == nil)
        #expect(ClinicalPriority.cancerTwoWeekWait.isUrgent && ClinicalPriority.urgent.isUrgent && !ClinicalPriority.routine.isUrgent)
        #expect(ClinicalPriority(rawValue: "cancer-2ww") == .cancerTwoWeekWait)
    }
}

@Suite("RTT clock")
struct RTTClockTests {
    let day = LocalDate(year: 2026, month: 1, day: 5)!

    @Test("weeks waited count every day since the start; the breach date is 18 weeks on")
    func waiting() {
        let clock = RTTClock(start: day)
        #expect(clock.breachDate == day.adding(days: 126))
        #expect(clock.weeksWaited(asOf: day) == 0)
        #expect(clock.weeksWaited(asOf: day.adding(days: 6)) == 0)
        #expect(clock.weeksWaited(asOf: day.adding(days: 7)) == 1)
        #expect(clock.daysWaited(asOf: day.adding(days: -3)) == 0)
        #expect(!clock.isBreached(asOf: clock.breachDate))
        #expect(clock.isBreached(asOf: clock.breachDate.adding(days: 1)))
    }

    @Test("a stopped clock keeps its wait; it cannot stop twice or before it started")
    func stopping() throws {
        var clock = RTTClock(start: day)
        #expect(throws: RTTClock.RuleBroken.self) { try clock.stop(on: day.adding(days: -1), reason: .firstDefinitiveTreatment) }
        try clock.stop(on: day.adding(days: 130), reason: .firstDefinitiveTreatment)
        #expect(clock.status == .stopped && clock.stopReason == .firstDefinitiveTreatment)
        #expect(clock.weeksWaited(asOf: day.adding(days: 400)) == 18)
        #expect(clock.isBreached(asOf: day))
        do {
            try clock.stop(on: day.adding(days: 131), reason: .decisionNotToTreat)
            Issue.record("expected a rule to break")
        } catch {
            #expect(error.code == "rtt.notRunning")
        }
    }

    @Test("a first-appointment DNA nullifies the clock; rebooking starts a new one")
    func nullification() throws {
        var clock = RTTClock(start: day)
        try clock.nullify(on: day.adding(days: 40))
        #expect(clock.status == .nullified && clock.weeksWaited(asOf: day.adding(days: 60)) == 0 && !clock.isBreached(asOf: day.adding(days: 400)))
        #expect(throws: RTTClock.RuleBroken.self) { try clock.restart(on: day.adding(days: 39)) }
        try clock.restart(on: day.adding(days: 45))
        #expect(clock.status == .running && clock.start == day.adding(days: 45) && clock.restarts == 1)
        #expect(clock.breachDate == day.adding(days: 45 + 126))
        #expect(throws: RTTClock.RuleBroken.self) { try clock.restart(on: day.adding(days: 50)) }
    }
}

@Suite("Referral")
struct ReferralTests {
    let today = LocalDate(year: 2026, month: 3, day: 2)!

    func referral(_ id: String, _ priority: ClinicalPriority, daysAgo: Int, specialty: Specialty.ID = "spc_cardio") -> Referral {
        Referral(id: .init(id), patientID: .init("pat_\(id)"), specialtyID: specialty, referrer: "A81001", priority: priority,
                 received: today.adding(days: -daysAgo))
    }

    @Test("a first appointment: the referral's specialty, a type its priority may use, today only when urgent, not before the patient is available")
    func firstAppointment() {
        func slot(_ type: SlotType, _ day: LocalDate, specialty: Specialty.ID = "spc_cardio") -> Slot {
            Slot(id: "s", templateID: nil, clinicianID: "cln", specialtyID: specialty, locationID: "loc", date: day, start: LocalTime(hour: 9, minute: 0)!,
                 minutes: 20, type: type)
        }
        let tomorrow = today.adding(days: 1)
        var routine = referral("r", .routine, daysAgo: 10)
        let urgent = referral("u", .urgent, daysAgo: 1)
        #expect(routine.earliestFirstAppointment(asOf: today) == tomorrow && urgent.earliestFirstAppointment(asOf: today) == today)
        #expect(!routine.mayTakeFirstAppointment(in: slot(.new, today), asOf: today) && routine.mayTakeFirstAppointment(in: slot(.new, tomorrow), asOf: today))
        #expect(urgent.mayTakeFirstAppointment(in: slot(.urgent, today), asOf: today))
        #expect(!routine.mayTakeFirstAppointment(in: slot(.urgent, tomorrow), asOf: today), "an urgent slot is not for a routine referral")
        #expect(!routine.mayTakeFirstAppointment(in: slot(.followUp, tomorrow), asOf: today))
        #expect(!routine.mayTakeFirstAppointment(in: slot(.new, tomorrow, specialty: "spc_derm"), asOf: today))
        routine.availability.from = today.adding(days: 10)
        #expect(routine.earliestFirstAppointment(asOf: today) == today.adding(days: 10))
        #expect(!routine.mayTakeFirstAppointment(in: slot(.new, tomorrow), asOf: today))
    }

    @Test("cancer two-week wait and faster diagnosis dates; due dates by priority")
    func targets() {
        let cancer = referral("a", .cancerTwoWeekWait, daysAgo: 3)
        #expect(cancer.cancerSeenBy == cancer.received.adding(days: 14))
        #expect(cancer.fasterDiagnosisBy == cancer.received.adding(days: 28))
        #expect(cancer.dueBy == cancer.received.adding(days: 14))
        let routine = referral("b", .routine, daysAgo: 3)
        #expect(routine.cancerSeenBy == nil && routine.dueBy == routine.clock.breachDate)
    }

    @Test("validation names the field and the rule")
    func validation() {
        var r = referral("a", .routine, daysAgo: -2)
        r.referrer = " "
        let codes = Set(r.validate(today: today).map(\.code))
        #expect(codes == ["field.blank", "received.future"])
        #expect(referral("b", .routine, daysAgo: 2_000).validate(today: today).map(\.path) == ["received"])
    }

    @Test("removal stops the clock with a reason; a removed referral cannot be removed or completed again")
    func removal() throws {
        var r = referral("a", .routine, daysAgo: 30)
        try r.remove(reason: .treatedElsewhere, on: today)
        #expect(r.status == .removed && r.removal == .init(reason: .treatedElsewhere, date: today))
        #expect(r.clock.status == .stopped && r.clock.stopReason == .removedFromList)
        #expect(throws: RTTClock.RuleBroken.self) { try r.remove(reason: .duplicate, on: today) }
        #expect(throws: RTTClock.RuleBroken.self) { try r.complete(on: today, reason: .firstDefinitiveTreatment) }
        var early = referral("b", .routine, daysAgo: 30)
        #expect(throws: RTTClock.RuleBroken.self) { try early.remove(reason: .validation, on: today.adding(days: -31)) }
    }
}

@Suite("Patient tracking list")
struct PatientTrackingListTests {
    let today = LocalDate(year: 2026, month: 3, day: 2)!

    @Test("open pathways only, by priority, then due date, then longest wait; filters combine")
    func ordering() throws {
        func make(_ id: String, _ priority: ClinicalPriority, _ daysAgo: Int, _ specialty: Specialty.ID = "spc_a") -> Referral {
            Referral(id: .init(id), patientID: .init("pat_\(id)"), specialtyID: specialty, referrer: "A81001", priority: priority,
                     received: today.adding(days: -daysAgo))
        }
        var removed = make("r0", .cancerTwoWeekWait, 5)
        try removed.remove(reason: .validation, on: today)
        let referrals = [make("r1", .routine, 10), make("r2", .routine, 140), make("r3", .cancerTwoWeekWait, 2),
                         make("r4", .urgent, 20, "spc_b"), make("r5", .routine, 140, "spc_b"), removed]
        let list = PatientTrackingList(referrals, asOf: today)
        #expect(list.entries.map(\.referralID.rawValue) == ["r3", "r4", "r2", "r5", "r1"])
        let r2 = try #require(list.entries.first { $0.referralID == "r2" })
        #expect(r2.weeksWaited == 20 && r2.breached && r2.breachDate == today.adding(days: -140 + 126))
        #expect(list.withinStandard == 3.0 / 5.0)
        let filtered = PatientTrackingList(referrals, asOf: today, filter: .init(specialtyID: "spc_b", breachedOnly: true))
        #expect(filtered.entries.map(\.referralID.rawValue) == ["r5"])
        #expect(PatientTrackingList(referrals, asOf: today, filter: .init(minimumWeeks: 3)).entries.map(\.referralID.rawValue) == ["r2", "r5"])
        #expect(PatientTrackingList(referrals, asOf: today, filter: .init(priority: .urgent)).entries.count == 1)
        #expect(PatientTrackingList([], asOf: today).withinStandard == 1)
    }
}

@Suite("Appointment lifecycle and access policy")
struct AppointmentLifecycleTests {
    let at = Date(timeIntervalSince1970: 1_795_341_600)
    let day = LocalDate(iso: "2026-11-24")!

    func booked() -> Appointment {
        Appointment(id: "apt_1", referralID: "ref_1", patientID: "pat_1", slotID: "slot_1", channel: .phone, bookedBy: "usr_1", bookedAt: at)
    }

    @Test("a booked appointment is cancelled or given an outcome once; the outcome waits for the day")
    func transitions() throws {
        var a = booked()
        #expect(throws: DomainRuleBroken(code: "appointment.future", message: "appointment apt_1 is on 2026-11-24; its outcome cannot be recorded before then.")) {
            try a.record(.dna, appointmentDay: day, today: day.adding(days: -1), at: at)
        }
        try a.record(.dna, appointmentDay: day, today: day, at: at)
        #expect(a.status == .dna && a.outcomeRecordedAt == at)
        #expect(throws: DomainRuleBroken.self) { try a.cancel(by: .patient, reason: .patientRequest, at: at, recordedBy: "usr_1") }
        var b = booked()
        try b.cancel(by: .hospital, reason: .industrialAction, at: at, recordedBy: "usr_2")
        #expect(b.status == .cancelledByHospital && b.cancellation == .init(reason: .industrialAction, at: at, by: "usr_2"))
        #expect(!b.status.holdsSlot)
        #expect(throws: DomainRuleBroken.self) { try b.record(.attended, appointmentDay: day, today: day, at: at) }
    }

    @Test("the standard policy: first DNA nullifies and rebooks, second discharges, children and urgent pathways go to review")
    func policy() {
        let p = AccessPolicy.standard
        #expect(p.decide(dnaCount: 1, firstAppointment: true, clockRunning: true, patientAge: 40, priority: .routine) == (.rebook, true))
        #expect(p.decide(dnaCount: 1, firstAppointment: false, clockRunning: true, patientAge: 40, priority: .routine) == (.rebook, false))
        #expect(p.decide(dnaCount: 1, firstAppointment: true, clockRunning: false, patientAge: 40, priority: .routine) == (.rebook, false))
        #expect(p.decide(dnaCount: 2, firstAppointment: false, clockRunning: true, patientAge: 40, priority: .routine) == (.discharge, false))
        #expect(p.decide(dnaCount: 2, firstAppointment: false, clockRunning: true, patientAge: 17, priority: .routine) == (.clinicalReview, false))
        #expect(p.decide(dnaCount: 3, firstAppointment: false, clockRunning: true, patientAge: 60, priority: .cancerTwoWeekWait) == (.clinicalReview, false))
        #expect(p.validate().isEmpty)
        #expect(AccessPolicy(dischargeAfterDNAs: 6, clinicalReviewUnderAge: 0).validate().map(\.path) == ["dischargeAfterDNAs", "clinicalReviewUnderAge"])
    }

    @Test("a decision resolves once; an override needs a note; a clinical review has no default")
    func resolve() throws {
        var d = AccessDecision(id: "acd_1", referralID: "ref_1", appointmentID: "apt_1", dnaCount: 2, proposal: .discharge, clockNullified: false, createdAt: at)
        #expect(throws: DomainRuleBroken.self) { try d.resolve(.rebook, note: " ", by: "usr_1", at: at) }
        #expect(throws: DomainRuleBroken.self) { try d.resolve(.clinicalReview, note: nil, by: "usr_1", at: at) }
        try d.resolve(.rebook, note: " In hospital. ", by: "usr_1", at: at)
        #expect(d.resolution == .init(action: .rebook, overridden: true, note: "In hospital.", by: "usr_1", at: at) && !d.isPending)
        #expect(throws: DomainRuleBroken.self) { try d.resolve(.discharge, note: nil, by: "usr_1", at: at) }
        var review = AccessDecision(id: "acd_2", referralID: "ref_1", appointmentID: "apt_1", dnaCount: 2, proposal: .clinicalReview, clockNullified: false,
                                    createdAt: at)
        try review.resolve(.discharge, note: nil, by: "usr_1", at: at)
        #expect(review.resolution?.overridden == false)
    }

    @Test("ages count whole years; reminder policies are checked")
    func ageAndReminders() throws {
        let p = Patient(id: "pat_1", nhsNumber: try NHSNumber("9990000018"), givenName: "A", familyName: "B", birthDate: LocalDate(iso: "2008-02-29")!,
                        sex: .female, address: Address(lines: ["1 Road"], town: "Leeds", postcode: "LS1 3EX", coordinates: nil))
        #expect(p.age(on: LocalDate(iso: "2026-02-28")!) == 17)
        #expect(p.age(on: LocalDate(iso: "2026-03-01")!) == 18)
        #expect(ReminderPolicy.standard.validate().isEmpty)
        let twice = ReminderPolicy(reminders: [.init(channel: .sms, daysBefore: 2), .init(channel: .sms, daysBefore: 2)], sendAt: LocalTime(hour: 9, minute: 0)!)
        #expect(twice.validate().map(\.code) == ["field.duplicate"])
    }
}
