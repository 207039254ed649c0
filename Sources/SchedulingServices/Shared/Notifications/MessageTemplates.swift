import Foundation
import Synchronization
import Mustache
import SchedulingDomain

/// The templates the outbox renders messages from (OP-08, X-04): one per kind, channel and
/// recipient, written in Mustache. Letters are HTML fragments (values are escaped); texts,
/// emails and phone tasks are plain text. A trust may replace any template; a replacement is
/// checked when it is stored, so a broken template never reaches a patient.
public struct MessageTemplates: Sendable {
    /// A template's subject and body.
    public struct Template: Codable, Sendable, Equatable {
        public var subject: String
        public var body: String

        /// Creates a template.
        public init(subject: String, body: String) {
            self.subject = subject
            self.body = body
        }
    }

    /// The key of a template: `confirmation.letter`, `discharge.letter.referrer`.
    public static func key(_ kind: OutboxMessage.Kind, _ channel: OutboxMessage.Channel, _ recipient: OutboxMessage.Recipient) -> String {
        recipient == .patient ? "\(kind.rawValue).\(channel.rawValue)" : "\(kind.rawValue).\(channel.rawValue).\(recipient.rawValue)"
    }

    /// The replacements a trust stored, by key.
    public var overrides: [String: Template]

    /// The built-in templates with `overrides` on top.
    public init(overrides: [String: Template] = [:]) { self.overrides = overrides }

    /// The template for a key, if there is one.
    public func template(_ key: String) -> Template? { overrides[key] ?? Self.defaults[key] }

    /// Renders the template `key` with `values`; `nil` when there is no such template.
    public func render(_ key: String, _ values: [String: Any]) -> (subject: String, body: String)? {
        guard let t = template(key), let subject = Self.parsed(key + ".subject", t.subject, text: true),
              let body = Self.parsed(key + ".body", t.body, text: !key.contains(".letter"))
        else { return nil }
        return (subject.render(values).trimmingCharacters(in: .whitespacesAndNewlines), body.render(values))
    }

    /// Parsed templates by key, with the text they were parsed from: each text is parsed once per
    /// process (a booking renders several messages; a bulk commit thousands). Looking up by the
    /// short key and comparing the text (the same string each time, until a template is replaced)
    /// costs less than hashing a letter's whole text at every message.
    private static let cache = Mutex<[String: (source: String, template: MustacheTemplate)]>([:])

    static func parsed(_ key: String, _ source: String, text: Bool) -> MustacheTemplate? {
        if let known = cache.withLock({ $0[key] }), known.source == source { return known.template }
        guard let template = try? MustacheTemplate(string: (text ? textPragma : "") + source) else { return nil }
        cache.withLock { $0[key] = (source, template) }
        return template
    }

    /// Every problem with a replacement template: an unknown key or text that does not parse.
    public static func validate(key: String, _ template: Template) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        if defaults[key] == nil {
            issues.append(.init(path: "key", code: "template.unknown", message: "key must be one of: \(defaults.keys.sorted().joined(separator: ", "))."))
        }
        if template.subject.trimmingCharacters(in: .whitespaces).isEmpty || template.subject.count > 200 {
            issues.append(.init(path: "subject", code: "field.length", message: "subject must be 1 to 200 characters."))
        }
        if template.body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty || template.body.count > 20000 {
            issues.append(.init(path: "body", code: "field.length", message: "body must be 1 to 20000 characters."))
        }
        for (path, text) in [("subject", template.subject), ("body", template.body)] {
            do { _ = try MustacheTemplate(string: text) } catch {
                issues.append(.init(path: path, code: "template.syntax", message: "\(path) is not a valid Mustache template: \(error)."))
            }
        }
        if key.hasPrefix("sms."), template.body.count > 612 {
            issues.append(.init(path: "body", code: "field.length", message: "a text message body must be at most 612 characters (four parts)."))
        }
        return issues
    }

    private static let textPragma = "{{% CONTENT_TYPE: TEXT}}"

    private static let letterAddress = """
        <header class="letterhead"><p class="trust">{{trust.name}}</p><p>Outpatient booking office{{#trust.phoneNumber}}<br>Telephone {{trust.phoneNumber}}{{/trust.phoneNumber}}</p></header>
        <address class="recipient">{{#recipientLines}}{{.}}<br>{{/recipientLines}}</address>
        <p class="date">{{letterDate}}</p>
        <dl class="identifiers"><dt>Patient</dt><dd>{{patient.name}}</dd><dt>NHS number</dt><dd>{{patient.nhsNumber}}</dd><dt>Date of birth</dt><dd>{{patient.birthDate}}</dd>{{#appointment.reference}}<dt>Reference</dt><dd>{{appointment.reference}}</dd>{{/appointment.reference}}</dl>

        """

    private static let appointmentBlock = """
        <table class="appointment">
        <tr><th>Date</th><td>{{appointment.date}}</td></tr>
        <tr><th>Time</th><td>{{appointment.time}}</td></tr>
        <tr><th>Clinic</th><td>{{appointment.specialty}} with {{appointment.clinician}}</td></tr>
        <tr><th>Place</th><td>{{appointment.location}}, {{appointment.locationAddress}}</td></tr>
        </table>

        """

    /// The built-in templates.
    public static let defaults: [String: Template] = [
        "confirmation.letter": Template(
            subject: "Your {{appointment.specialty}} appointment on {{appointment.date}}",
            body: letterAddress + """
                <p>Dear {{patient.name}},</p>
                <p>We have booked your {{appointment.specialty}} appointment:</p>
                """ + appointmentBlock + """
                <h2>Before you come</h2>
                <p>{{appointment.preparation}}</p>
                {{#appointment.interpreter}}<p>We have booked a {{appointment.interpreter}} interpreter for you.</p>{{/appointment.interpreter}}
                {{#appointment.transport}}<p>We have asked for hospital transport to take you to this appointment. The transport service will contact you about the pick-up time.</p>{{/appointment.transport}}
                <p>If you cannot come, please tell us as soon as you can so that we can offer the time to someone else. Call {{trust.phone}} and quote reference {{appointment.reference}}.</p>
                <p>Yours sincerely,<br>Outpatient booking team, {{trust.name}}</p>
                """),
        "confirmation.email": Template(
            subject: "Your {{appointment.specialty}} appointment on {{appointment.date}}",
            body: """
                Dear {{patient.name}},

                Your {{appointment.specialty}} appointment is on {{appointment.date}} at {{appointment.time}} with {{appointment.clinician}}, {{appointment.location}}, {{appointment.locationAddress}}.

                Before you come: {{appointment.preparation}}

                If you cannot come, call {{trust.phone}} and quote reference {{appointment.reference}}.

                {{trust.name}}
                """),
        "confirmation.sms": Template(
            subject: "Appointment booked",
            body: "{{trust.name}}: your {{appointment.specialty}} appointment is {{appointment.shortDate}} at {{appointment.time}}, {{appointment.location}}. Ref {{appointment.reference}}. To change it call {{trust.phone}}."),
        "reminder.sms": Template(
            subject: "Appointment reminder",
            body: "{{trust.name}} reminder: {{appointment.specialty}} appointment {{appointment.shortDate}} at {{appointment.time}}, {{appointment.location}}. If you cannot come call {{trust.phone}}, ref {{appointment.reference}}."),
        "reminder.email": Template(
            subject: "Reminder: {{appointment.specialty}} appointment on {{appointment.date}}",
            body: """
                Dear {{patient.name}},

                This is a reminder of your {{appointment.specialty}} appointment on {{appointment.date}} at {{appointment.time}}, {{appointment.location}}, {{appointment.locationAddress}}.

                Before you come: {{appointment.preparation}}

                If you cannot come, call {{trust.phone}} and quote reference {{appointment.reference}}.

                {{trust.name}}
                """),
        "reminder.phone": Template(
            subject: "Reminder call for appointment {{appointment.reference}}",
            body: "Call {{patient.name}} on {{patient.phone}} to remind them of their {{appointment.specialty}} appointment on {{appointment.date}} at {{appointment.time}}, {{appointment.location}}. Confirm they can attend; if not, rebook."),
        "cancellation.letter": Template(
            subject: "Your appointment on {{appointment.date}} is cancelled",
            body: letterAddress + """
                <p>Dear {{patient.name}},</p>
                <p>Your {{appointment.specialty}} appointment on {{appointment.date}} at {{appointment.time}} has been cancelled ({{cancellation.reason}}).</p>
                {{#cancellation.byHospital}}<p>We are sorry. You keep your place on the waiting list and we will send you a new appointment as soon as we can.</p>{{/cancellation.byHospital}}
                {{^cancellation.byHospital}}<p>You stay on the waiting list. Please call {{trust.phone}} to choose another date.</p>{{/cancellation.byHospital}}
                <p>Yours sincerely,<br>Outpatient booking team, {{trust.name}}</p>
                """),
        "cancellation.sms": Template(
            subject: "Appointment cancelled",
            body: "{{trust.name}}: your {{appointment.specialty}} appointment {{appointment.shortDate}} at {{appointment.time}} is cancelled. {{#cancellation.byHospital}}You keep your place; we will send a new date.{{/cancellation.byHospital}}{{^cancellation.byHospital}}Call {{trust.phone}} to rebook.{{/cancellation.byHospital}}"),
        "change.letter": Template(
            subject: "Your appointment has moved to {{appointment.date}}",
            body: letterAddress + """
                <p>Dear {{patient.name}},</p>
                <p>Your {{appointment.specialty}} appointment on {{previous.date}} at {{previous.time}} has moved. Your new appointment is:</p>
                """ + appointmentBlock + """
                <h2>Before you come</h2>
                <p>{{appointment.preparation}}</p>
                <p>If you cannot come, call {{trust.phone}} and quote reference {{appointment.reference}}.</p>
                <p>Yours sincerely,<br>Outpatient booking team, {{trust.name}}</p>
                """),
        "change.sms": Template(
            subject: "Appointment moved",
            body: "{{trust.name}}: your {{appointment.specialty}} appointment has moved to {{appointment.shortDate}} at {{appointment.time}}, {{appointment.location}}. Ref {{appointment.reference}}. Questions: {{trust.phone}}."),
        "dna-rebook.letter": Template(
            subject: "We missed you on {{appointment.date}}",
            body: letterAddress + """
                <p>Dear {{patient.name}},</p>
                <p>You did not come to your {{appointment.specialty}} appointment on {{appointment.date}} at {{appointment.time}}, and did not tell us beforehand.</p>
                <p>Please call {{trust.phone}} within two weeks to book another appointment. If you miss another appointment without telling us, we may discharge you back to your GP.</p>
                <p>Yours sincerely,<br>Outpatient booking team, {{trust.name}}</p>
                """),
        "discharge.letter": Template(
            subject: "Discharge from {{referral.specialty}}",
            body: letterAddress + """
                <p>Dear {{patient.name}},</p>
                <p>You have not attended {{referral.dnaCount}} {{referral.specialty}} appointments. In line with our access policy you have been discharged back to {{referral.referrer}}.</p>
                <p>If you still need to be seen, please speak to {{referral.referrer}}, who can refer you again.</p>
                <p>Yours sincerely,<br>Outpatient booking team, {{trust.name}}</p>
                """),
        "discharge.letter.referrer": Template(
            subject: "Discharge after non-attendance: NHS number {{patient.nhsNumber}}",
            body: letterAddress + """
                <p>Dear {{referral.referrer}},</p>
                <p>Re: {{patient.name}}, born {{patient.birthDate}}, NHS number {{patient.nhsNumber}}</p>
                <p>Your patient did not attend {{referral.dnaCount}} {{referral.specialty}} appointments. Following clinical review and our access policy, they have been discharged back to your care. Please refer again if the clinical need remains.</p>
                <p>Yours sincerely,<br>{{referral.specialty}}, {{trust.name}}</p>
                """),
        "removal.letter": Template(
            subject: "Your place on the {{referral.specialty}} waiting list",
            body: letterAddress + """
                <p>Dear {{patient.name}},</p>
                <p>We have taken you off the {{referral.specialty}} waiting list ({{referral.removalReason}}).</p>
                <p>If you think this is wrong, please call {{trust.phone}}.</p>
                <p>Yours sincerely,<br>Outpatient booking team, {{trust.name}}</p>
                """),
        "removal.letter.referrer": Template(
            subject: "Removal from waiting list: NHS number {{patient.nhsNumber}}",
            body: letterAddress + """
                <p>Dear {{referral.referrer}},</p>
                <p>Re: {{patient.name}}, born {{patient.birthDate}}, NHS number {{patient.nhsNumber}}</p>
                <p>Your patient has been taken off the {{referral.specialty}} waiting list ({{referral.removalReason}}).</p>
                <p>Yours sincerely,<br>{{referral.specialty}}, {{trust.name}}</p>
                """),
    ]
}

/// Day and time texts as patients read them.
public enum LetterText {
    static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

    /// "Tuesday 1 December 2026".
    public static func long(_ d: LocalDate) -> String { "\(weekdays[d.isoWeekday - 1]) \(d.day) \(months[d.month - 1]) \(d.year)" }
    /// "17 May 1970".
    public static func dateOfBirth(_ d: LocalDate) -> String { "\(d.day) \(months[d.month - 1]) \(d.year)" }
    /// "Tue 1 Dec".
    public static func short(_ d: LocalDate) -> String { "\(weekdays[d.isoWeekday - 1].prefix(3)) \(d.day) \(months[d.month - 1].prefix(3))" }
    /// "9:30am", "2:15pm".
    public static func time(_ t: LocalTime) -> String {
        let h = t.hour % 12 == 0 ? 12 : t.hour % 12
        return String(format: "%d:%02d%@", h, t.minute, t.hour < 12 ? "am" : "pm")
    }
}
