import Foundation
import Logging
import SchedulingDomain

/// Delivers outbox messages: a letter to the print room, a text to the SMS gateway, an email
/// to the mail relay. Pluggable; ``FileMessageSender`` is the default.
public protocol MessageSender: Sendable {
    /// Delivers one message; throws when it could not (the outbox retries).
    func deliver(_ message: OutboxMessage) async throws
}

/// Writes each message to a file in a folder (letters as printable HTML pages, the rest as
/// text), for a print room or a gateway to pick up, and logs the message id only.
public struct FileMessageSender: MessageSender {
    /// The folder.
    public let directory: URL
    private let logger = Logger(label: "kairos.outbox")

    /// Creates a sender writing to `directory` (created when needed).
    public init(directory: URL) { self.directory = directory }

    public func deliver(_ message: OutboxMessage) async throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let isLetter = message.channel == .letter
        let file = directory.appendingPathComponent("\(message.id.rawValue).\(isLetter ? "html" : "txt")")
        let text = isLetter ? LetterPage.html(message) : "Channel: \(message.channel.rawValue)\nSubject: \(message.subject)\n\n\(message.body)\n"
        try Data(text.utf8).write(to: file, options: .atomic)
        logger.info("message delivered", metadata: ["message": "\(message.id)", "channel": "\(message.channel.rawValue)"])
    }
}

/// A letter as a standalone printable HTML page (A4, print styles).
public enum LetterPage {
    /// The page for a letter message.
    public static func html(_ message: OutboxMessage) -> String {
        """
        <!doctype html>
        <html lang="en-GB"><head><meta charset="utf-8"><title>\(escape(message.subject))</title>
        <style>
        @page { size: A4; margin: 25mm 20mm; }
        body { font: 11pt/1.45 Arial, Helvetica, sans-serif; color: #000; max-width: 170mm; margin: 0 auto; }
        address.recipient { font-style: normal; margin: 20mm 0 10mm; }
        p.date { text-align: right; }
        table.appointment { border-collapse: collapse; margin: 1em 0; }
        table.appointment th { text-align: left; padding: 2px 12px 2px 0; }
        h1 { font-size: 13pt; } h2 { font-size: 12pt; margin-top: 1.5em; }
        @media screen { body { margin: 2em auto; } }
        </style></head>
        <body><h1>\(escape(message.subject))</h1>
        \(message.body)
        <footer><small>Reference \(message.id.rawValue)</small></footer>
        </body></html>
        """
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }
}

/// The outbox (X-04, OP-08, BR-03): what is queued, sent or failed; sending what is due;
/// phone-call tasks; messaging settings and templates.
public struct NotificationService: Sendable {
    private let env: ServiceEnvironment

    /// Creates the service.
    public init(_ environment: ServiceEnvironment) { env = environment }

    /// Messages matching a filter, newest first (at most `limit`, 1–500, from `offset`).
    public func messages(_ filter: OutboxFilter, limit: Int = 100, offset: Int = 0, by caller: Caller) async throws -> [OutboxMessage] {
        try caller.require(anyOf: Role.outpatientStaff, to: "read the outbox")
        guard (1...500).contains(limit) else {
            throw ServiceError.invalid([.init(path: "limit", code: "field.range", message: "limit must be 1 to 500.")])
        }
        return try await env.store.read { session in try await session.outbox.messages(filter, limit: limit, offset: max(0, offset)) }
    }

    /// One message (a letter for printing, say); reading it is audited, as it holds patient details.
    public func message(id: OutboxMessage.ID, by caller: Caller) async throws -> OutboxMessage {
        try caller.require(anyOf: Role.outpatientStaff, to: "read the outbox")
        let now = env.clock.now()
        return try await env.store.write { session in
            guard let m = try await session.outbox.find(id: id) else { throw ServiceError.notFound(entity: "Message", id: id.rawValue) }
            try await AuditTrail.record(.init(action: "message.read", entityType: "message", entityID: id.rawValue), by: caller, at: now, in: session)
            return m
        }
    }

    /// Counts by status and channel.
    public func summary(by caller: Caller) async throws -> [OutboxCount] {
        try caller.require(anyOf: Role.outpatientStaff, to: "read the outbox")
        return try await env.store.read { session in try await session.outbox.counts() }
    }

    /// What one dispatch run did.
    public struct DispatchReport: Sendable, Equatable, Codable {
        public var sent: Int
        public var retrying: Int
        public var failed: Int

        /// Creates a report.
        public init(sent: Int = 0, retrying: Int = 0, failed: Int = 0) {
            self.sent = sent
            self.retrying = retrying
            self.failed = failed
        }
    }

    /// Sends up to `limit` due letters, texts and emails through `sender`, oldest due first.
    /// Each message's new status is stored on its own, so a crash part-way sends nothing twice
    /// that was recorded as sent. A failure is retried on the next run, up to
    /// ``OutboxMessage/maximumAttempts``.
    public func dispatchDue(through sender: any MessageSender, limit: Int = 500) async throws -> DispatchReport {
        let now = env.clock.now()
        let due = try await env.store.read { session in try await session.outbox.due(by: now, limit: limit) }
        var report = DispatchReport()
        for var message in due {
            do {
                try await sender.deliver(message)
                message.markSent(at: env.clock.now())
                report.sent += 1
            } catch {
                message.markFailed(String(describing: type(of: error)))
                if message.status == .failed { report.failed += 1 } else { report.retrying += 1 }
            }
            let stored = message
            try await env.store.write { session in try await session.outbox.update(stored) }
        }
        return report
    }

    /// Records a phone-call task as done (`sent`) or as not possible (`failed`), audited.
    public func completeTask(id: OutboxMessage.ID, status text: String?, by caller: Caller) async throws -> OutboxMessage {
        try caller.require(anyOf: Role.patientEditors, to: "complete phone tasks")
        var c = ValidationCollector()
        let status = c.requireChoice(text, OutboxMessage.Status.self, at: "status")
        if let status, status != .sent, status != .failed { c.add("status", "field.enum", "status must be sent or failed.") }
        guard let status, c.issues.isEmpty else { throw ServiceError.invalid(c.issues) }
        let now = env.clock.now()
        return try await env.store.write { session in
            guard var m = try await session.outbox.find(id: id) else { throw ServiceError.notFound(entity: "Message", id: id.rawValue) }
            guard m.channel == .phone, m.status == .queued else {
                throw ServiceError.conflict(code: "message.notTask", message: "message \(id) is not a queued phone task.")
            }
            if status == .sent {
                m.markSent(at: now)
            } else {
                m.attempts += 1
                m.status = .failed
                m.lastError = "call handler could not reach the patient"
            }
            try await session.outbox.update(m)
            try await AuditTrail.record(.init(action: "message.task", entityType: "message", entityID: id.rawValue, detail: "status=\(status.rawValue)"),
                                        by: caller, at: now, in: session)
            return m
        }
    }

    /// The messaging settings (booking phone, preparation texts, reminder offsets).
    public func settings(by caller: Caller) async throws -> MessagingSettings {
        try caller.require(anyOf: Role.outpatientStaff, to: "read messaging settings")
        return try await env.store.read { session in try await Outbox.open(session, env).settings }
    }

    /// Replaces the messaging settings; team leaders and administrators; audited.
    public func setSettings(_ settings: MessagingSettings, by caller: Caller) async throws -> MessagingSettings {
        try caller.require(anyOf: Role.clinicEditors, to: "change messaging settings")
        let issues = settings.validate()
        if !issues.isEmpty { throw ServiceError.invalid(issues) }
        let text = try Self.json(settings), now = env.clock.now()
        return try await env.store.write { session in
            try await session.settings.set(text, for: MessagingSettings.key)
            try await AuditTrail.record(.init(action: "messaging.set", entityType: "setting", entityID: MessagingSettings.key), by: caller, at: now, in: session)
            return settings
        }
    }

    /// Replaces one template (checked before it is stored); team leaders and administrators; audited.
    public func setTemplate(key: String, _ template: MessageTemplates.Template, by caller: Caller) async throws {
        try caller.require(anyOf: Role.clinicEditors, to: "change message templates")
        let issues = MessageTemplates.validate(key: key, template)
        if !issues.isEmpty { throw ServiceError.invalid(issues) }
        let now = env.clock.now()
        try await env.store.write { session in
            var overrides = try await Outbox.open(session, env).templates.overrides
            overrides[key] = template
            try await session.settings.set(try Self.json(overrides), for: MessagingSettings.templatesKey)
            try await AuditTrail.record(.init(action: "template.set", entityType: "template", entityID: key), by: caller, at: now, in: session)
        }
    }

    /// The template in force for a key.
    public func template(key: String, by caller: Caller) async throws -> MessageTemplates.Template {
        try caller.require(anyOf: Role.outpatientStaff, to: "read message templates")
        let t = try await env.store.read { session in try await Outbox.open(session, env).templates.template(key) }
        guard let t else { throw ServiceError.notFound(entity: "Template", id: key) }
        return t
    }

    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
