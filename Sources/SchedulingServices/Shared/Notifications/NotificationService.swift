import Crypto
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
        let to = message.address.map { "To: \($0)\n" } ?? ""
        let text = isLetter ? LetterPage.html(message) : "Channel: \(message.channel.rawValue)\n\(to)Subject: \(message.subject)\n\n\(message.body)\n"
        try Data(text.utf8).write(to: file, options: .atomic)
        logger.info("message delivered", metadata: ["message": "\(message.id)", "channel": "\(message.channel.rawValue)"])
    }
}

/// A letter as a standalone printable HTML page (A4, print styles): the same page goes to the
/// print room and opens in the browser. Its one style sheet and one script are inline, so the
/// page is whole on its own; the browser allows them by their hashes (``contentSecurityPolicy``).
public enum LetterPage {
    /// The letter's styles: A4 with the trust's letterhead, the recipient's address in the
    /// window of a DL envelope, the date on the right, the patient's identifiers, and no print
    /// button on paper.
    static let css = """
        @page { size: A4; margin: 20mm 20mm 25mm; }
        body { font: 11pt/1.45 Arial, Helvetica, sans-serif; color: #000; max-width: 170mm; margin: 0 auto; }
        .letterhead { display: flex; justify-content: space-between; align-items: flex-start; gap: 1em; border-bottom: 2px solid #005eb8; padding-bottom: 3mm; }
        .letterhead p { margin: 0; text-align: right; }
        .letterhead p.trust { font-size: 14pt; font-weight: 700; color: #005eb8; text-align: left; }
        address.recipient { font-style: normal; margin: 12mm 0 6mm; min-height: 30mm; }
        p.date { text-align: right; }
        dl.identifiers { display: grid; grid-template-columns: max-content 1fr; gap: 1mm 4mm; margin: 4mm 0 6mm; }
        dl.identifiers dt { font-weight: 700; } dl.identifiers dd { margin: 0; }
        table.appointment { border-collapse: collapse; margin: 1em 0; }
        table.appointment th { text-align: left; padding: 2px 12px 2px 0; vertical-align: top; }
        h1 { font-size: 13pt; } h2 { font-size: 12pt; margin-top: 1.5em; }
        .print-bar { display: flex; justify-content: flex-end; margin-bottom: 1em; }
        .print-bar button { font: inherit; padding: .4em 1.2em; background: #005eb8; color: #fff; border: 0; border-radius: 4px; cursor: pointer; }
        @media screen { body { margin: 2em auto; padding: 0 1em; } }
        @media print { .print-bar { display: none; } }
        """

    /// The print button's script.
    static let script = "document.getElementById('print').addEventListener('click', function () { window.print(); });"

    /// The page's Content-Security-Policy: the site's own, with the inline style sheet and
    /// script allowed by their SHA-256 hashes and nothing else inline.
    public static let contentSecurityPolicy: String = {
        func hash(_ text: String) -> String { "'sha256-\(Data(SHA256.hash(data: Data(text.utf8))).base64EncodedString())'" }
        return "default-src 'self'; img-src 'self' data:; style-src 'self' \(hash(css)); script-src 'self' \(hash(script)); form-action 'self'; frame-ancestors 'none'"
    }()

    /// The page for a letter message.
    public static func html(_ message: OutboxMessage) -> String {
        // The subject as the letter's heading, after the letterhead, address and identifiers
        // (a replaced template without them gets it on top).
        let heading = "<h1>\(escape(message.subject))</h1>\n"
        var body = message.body
        if let end = body.range(of: "</dl>") { body.insert(contentsOf: "\n" + heading, at: end.upperBound) } else { body = heading + body }
        return """
        <!doctype html>
        <html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>\(escape(message.subject))</title>
        <style>\(css)</style></head>
        <body><div class="print-bar"><button type="button" id="print">Print this letter</button></div>
        \(body)
        <script>\(script)</script>
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

    /// Messages matching a filter, newest first (at most `limit`, 1–500, from `offset`); queued
    /// ones previewed as they would be written now, unless `previewing` is false (a list that
    /// shows no subject or body need not render every letter).
    public func messages(_ filter: OutboxFilter, limit: Int = 100, offset: Int = 0, previewing: Bool = true, by caller: Caller) async throws -> [OutboxMessage] {
        try caller.require(anyOf: Role.outpatientStaff, to: "read the outbox")
        guard (1...500).contains(limit) else {
            throw ServiceError.invalid([.init(path: "limit", code: "field.range", message: "limit must be 1 to 500.")])
        }
        let env = env
        return try await env.store.read { session in
            let found = try await session.outbox.messages(filter, limit: limit, offset: max(0, offset))
            return previewing ? try await Self.previewed(found, session, env) : found
        }
    }

    /// Messages as they read: a queued message not yet written is shown as it would be written
    /// now (not stored; it is written when it is sent). One that cannot be written (a template
    /// removed, a record gone) is shown unwritten.
    private static func previewed(_ messages: [OutboxMessage], _ session: any StoreSession, _ env: ServiceEnvironment) async throws -> [OutboxMessage] {
        guard messages.contains(where: { !$0.isWritten }) else { return messages }
        let outbox = try await Outbox.open(session, env)
        var shown: [OutboxMessage] = []
        shown.reserveCapacity(messages.count)
        for message in messages { shown.append((try? await outbox.written(message)) ?? message) }
        return shown
    }

    /// One message (a letter for printing, say); reading it is audited, as it holds patient details.
    public func message(id: OutboxMessage.ID, by caller: Caller) async throws -> OutboxMessage {
        try caller.require(anyOf: Role.outpatientStaff, to: "read the outbox")
        let now = env.clock.now(), env = env
        let message = try await env.store.write { session in
            guard let m = try await session.outbox.find(id: id) else { throw ServiceError.notFound(entity: "Message", id: id.rawValue) }
            try await AuditTrail.record(.init(action: "message.read", entityType: "message", entityID: id.rawValue), by: caller, at: now, in: session)
            return m
        }
        // Rendered outside the one-at-a-time write.
        return try await env.store.read { session in try await Self.previewed([message], session, env)[0] }
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

    /// Sends up to `limit` due letters, texts and emails through `sender`, oldest due first,
    /// each written first from its template and today's records. Each message's new status (and
    /// what was written) is stored on its own, so a crash part-way sends nothing twice that was
    /// recorded as sent. A failure (to write or to deliver) is retried on the next run, up to
    /// ``OutboxMessage/maximumAttempts``.
    public func dispatchDue(through sender: any MessageSender, limit: Int = 500) async throws -> DispatchReport {
        let now = env.clock.now(), env = env
        let due = try await env.store.read { session in try await session.outbox.due(by: now, limit: limit) }
        var report = DispatchReport()
        for var message in due {
            do {
                if !message.isWritten {
                    let unwritten = message
                    message = try await env.store.read { session in try await Outbox.open(session, env).written(unwritten) }
                }
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
