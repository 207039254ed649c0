import Foundation
import SchedulingDomain

/// How every page shows dates, times and the domain's codes: one way everywhere, in words a
/// scheduler uses, Europe/London local time ("Mon 7 Dec 2026 14:30"), never raw UTC, ids or codes.
enum Display {
    private static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    private static let calendar = LondonCalendar()

    /// "Mon 7 Dec 2026".
    static func day(_ date: LocalDate) -> String {
        "\(weekdays[date.isoWeekday - 1]) \(date.day) \(months[date.month - 1]) \(date.year)"
    }

    /// "7 Dec 2026" (a date of birth: the weekday says nothing).
    static func birthDate(_ date: LocalDate) -> String { "\(date.day) \(months[date.month - 1]) \(date.year)" }

    /// "14:30".
    static func time(_ time: LocalTime) -> String { time.iso }

    /// "Mon 7 Dec 2026 14:30".
    static func dateTime(_ date: LocalDate, _ time: LocalTime) -> String { "\(day(date)) \(self.time(time))" }

    /// An instant as London wall-clock time: "Mon 7 Dec 2026 14:30".
    static func instant(_ instant: Date) -> String {
        let local = calendar.localDateTime(at: instant)
        return dateTime(local.date, local.time)
    }

    /// "1 week", "12 weeks".
    static func weeks(_ count: Int) -> String { count == 1 ? "1 week" : "\(count) weeks" }

    /// "Tom Jones".
    static func name(_ patient: Patient) -> String { "\(patient.givenName) \(patient.familyName)" }

    /// A clinical priority as the clinics say it.
    static func priority(_ priority: ClinicalPriority) -> String {
        switch priority {
        case .p1a: "P1a (within 24 hours)"
        case .p1b: "P1b (within 72 hours)"
        case .cancerTwoWeekWait: "Two-week wait (suspected cancer)"
        case .urgent: "Urgent"
        case .p2: "P2 (within 4 weeks)"
        case .p3: "P3 (within 12 weeks)"
        case .routine: "Routine"
        case .p4: "P4 (can wait over 3 months)"
        }
    }

    /// A clinical priority in a dense list: "2WW", "P1a", "Urgent", "Routine".
    static func priorityShort(_ priority: ClinicalPriority) -> String {
        switch priority {
        case .p1a: "P1a"
        case .p1b: "P1b"
        case .cancerTwoWeekWait: "2WW"
        case .urgent: "Urgent"
        case .p2: "P2"
        case .p3: "P3"
        case .routine: "Routine"
        case .p4: "P4"
        }
    }

    /// A pathway's state.
    static func status(_ status: Referral.Status) -> String {
        switch status {
        case .open: "Open"
        case .completed: "Completed"
        case .removed: "Removed from the list"
        }
    }

    /// An appointment's state.
    static func status(_ status: Appointment.Status) -> String {
        switch status {
        case .booked: "Booked"
        case .attended: "Attended"
        case .dna: "Did not attend"
        case .cancelledByPatient: "Cancelled by the patient"
        case .cancelledByHospital: "Cancelled by the hospital"
        }
    }

    /// A journey request's state.
    static func status(_ status: JourneyRequest.Status) -> String {
        switch status {
        case .requested: "Requested"
        case .cancelled: "Cancelled"
        }
    }

    /// Administrative sex.
    static func sex(_ sex: Patient.Sex) -> String {
        switch sex {
        case .female: "Female"
        case .male: "Male"
        case .other: "Other"
        case .unknown: "Not known"
        }
    }

    /// A slot's type.
    static func slotType(_ type: SlotType) -> String {
        switch type {
        case .new: "New patient"
        case .followUp: "Follow-up"
        case .urgent: "Urgent"
        case .cancerTwoWeekWait: "Two-week wait"
        case .procedure: "Procedure"
        }
    }

    /// How an appointment was booked.
    static func channel(_ channel: Appointment.Channel) -> String {
        switch channel {
        case .phone: "By phone"
        case .letter: "By letter"
        case .online: "Online"
        case .inPerson: "In person"
        case .autoAllocation: "Auto-allocation"
        }
    }

    /// Why an appointment was cancelled.
    static func reason(_ reason: Appointment.CancellationReason) -> String {
        switch reason {
        case .patientRequest: "Patient's request"
        case .patientUnwell: "Patient unwell"
        case .noLongerRequired: "No longer needed"
        case .clinicianUnavailable: "Clinician unavailable"
        case .clinicCancelled: "Clinic cancelled"
        case .industrialAction: "Industrial action"
        case .rescheduled: "Moved to another time"
        case .administrative: "Booked in error"
        }
    }

    /// A message's kind.
    static func kind(_ kind: OutboxMessage.Kind) -> String {
        switch kind {
        case .confirmation: "Confirmation"
        case .reminder: "Reminder"
        case .cancellation: "Cancellation"
        case .change: "Change"
        case .dnaRebook: "Missed appointment"
        case .discharge: "Discharge"
        case .removal: "Removal from the list"
        case .transportPickup: "Transport pickup moved"
        case .clinicList: "Clinic list"
        }
    }

    /// A message's channel.
    static func channel(_ channel: OutboxMessage.Channel) -> String {
        switch channel {
        case .letter: "Letter"
        case .sms: "Text"
        case .email: "Email"
        case .phone: "Phone call"
        }
    }

    /// A message's recipient.
    static func recipient(_ recipient: OutboxMessage.Recipient) -> String {
        switch recipient {
        case .patient: "Patient"
        case .referrer: "Referrer"
        case .site: "Hospital site"
        }
    }

    /// A message's state.
    static func status(_ status: OutboxMessage.Status) -> String {
        switch status {
        case .queued: "Waiting to go"
        case .sent: "Sent"
        case .failed: "Failed"
        case .cancelled: "Withdrawn"
        }
    }

    /// An RTT clock's state.
    static func clock(_ status: RTTClock.Status) -> String {
        switch status {
        case .running: "Running"
        case .stopped: "Stopped"
        case .nullified: "Nullified"
        }
    }
}
