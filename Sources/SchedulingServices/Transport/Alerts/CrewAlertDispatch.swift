import Crypto
import Foundation
import SchedulingDomain
import ServiceLifecycle

/// What one round of run-sheet alerts did.
public struct PushReport: Sendable, Equatable {
    /// Alerts the push services took.
    public var sent = 0
    /// Subscriptions the push service said are gone (the browser unsubscribed or was reset): removed.
    public var removed = 0
    /// Alerts a push service refused or could not be reached for: tried again next round where
    /// the refusal may pass (busy, unreachable), dropped otherwise.
    public var failed = 0
}

extension CrewAlertService {
    /// Pushes an alert to every subscribed browser whose crew member's run sheets for today have
    /// changed since they were last told. A subscription seen for the first time today only
    /// notes the sheets as they stand (the crew member opens them at the start of the shift).
    public func pushChanges(through gateway: any PushGateway) async throws -> PushReport {
        let env = self.env
        let subscriptions = try await env.store.read { try await $0.pushSubscriptions.all() }
        var report = PushReport()
        guard !subscriptions.isEmpty else { return report }
        let key = try await signingKey()
        let today = env.today
        let byUser = Dictionary(grouping: subscriptions, by: { (s: PushSubscription) in s.userID })
        let sheetsOf = try await env.store.read { try await RunSheetService.sheets(crewMembers: byUser.keys, on: today, in: $0) }
        for (user, mine) in byUser.sorted(by: { $0.key < $1.key }) {
            let sheets = sheetsOf[user] ?? []
            let stamp = try RunSheetService.stamp(of: sheets)
            for s in mine where s.lastStamp != stamp || s.stampDate != today.iso {
                guard s.stampDate == today.iso else {
                    try await env.store.write { try await $0.pushSubscriptions.told(id: s.id, stamp: stamp, date: today.iso, sentAt: Date?.none) }
                    continue
                }
                let now = env.clock.now()
                let status: Int?
                do {
                    status = try await gateway.send(try Self.delivery(Self.message(sheets, on: today), to: s, key: key, contact: env.push.contact, now: now))
                } catch {
                    status = nil
                }
                switch status {
                case .some(200..<300):
                    report.sent += 1
                    try await env.store.write { try await $0.pushSubscriptions.told(id: s.id, stamp: stamp, date: today.iso, sentAt: now) }
                case .some(404), .some(410):
                    report.removed += 1
                    _ = try await env.store.write { try await $0.pushSubscriptions.remove(id: s.id) }
                case .some(let code) where (400..<500).contains(code) && code != 429:
                    // Refused for good (a bad token or message): this change is not told again.
                    report.failed += 1
                    try await env.store.write { try await $0.pushSubscriptions.told(id: s.id, stamp: stamp, date: today.iso, sentAt: Date?.none) }
                default:
                    report.failed += 1
                }
            }
        }
        return report
    }

    /// The alert's text (JSON for the service worker): the day, each vehicle and its stops; no patient.
    static func message(_ sheets: [RunSheet], on date: LocalDate) -> Data {
        let lines = sheets.map { sheet in
            let stops = sheet.stops.count
            let from = sheet.departure.map { ", leaving \($0.iso)" } ?? ""
            return stops == 0 ? "\(sheet.shift.vehicleName): no journeys planned" : "\(sheet.shift.vehicleName): \(stops) stop\(stops == 1 ? "" : "s")\(from)"
        }
        let body: [String: String] = [
            "title": "Your run sheet has changed",
            "body": (lines.isEmpty ? ["You have no shift today"] : lines).joined(separator: "; ") + ".",
            "url": "/transport/run-sheet?date=\(date.iso)", "tag": "kairos-run-sheet",
        ]
        let data = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return data.count <= WebPush.maximumPlaintext ? data : Data(#"{"title":"Your run sheet has changed","url":"/transport/run-sheet"}"#.utf8)
    }

    /// The encrypted message and its headers for one subscription.
    static func delivery(_ message: Data, to s: PushSubscription, key: P256.Signing.PrivateKey, contact: String, now: Date) throws -> WebPush.Delivery {
        guard let receiver = WebPush.data(base64URL: s.receiverKey), let auth = WebPush.data(base64URL: s.authSecret), let url = URL(string: s.endpoint) else {
            throw StoreError.failure("push subscription \(s.id): unreadable keys")
        }
        return WebPush.Delivery(
            endpoint: s.endpoint, body: try WebPush.encrypt(message, receiver: receiver, authSecret: auth),
            headers: [("Authorization", try WebPush.authorization(endpoint: url, subject: contact, key: key, now: now)), ("TTL", "\(timeToLive)"),
                      ("Urgency", "high"), ("Topic", "run-sheet"), ("Content-Encoding", "aes128gcm"), ("Content-Type", "application/octet-stream")])
    }
}

/// Pushes run-sheet alerts every `interval` while the server runs (a lifecycle service beside
/// the outbox's dispatcher). Reading every subscriber's run sheets is CPU work: given an executor
/// (the server's heavy lane), each round happens there, off Swift's cooperative threads.
public struct CrewAlertDispatcher: Service {
    private let periodic: PeriodicService

    /// A dispatcher pushing through `gateway` every `interval`, on `executor` when given.
    public init(alerts: CrewAlertService, gateway: any PushGateway, interval: Duration = .seconds(20), executor: (any TaskExecutor)? = nil) {
        periodic = PeriodicService(label: "kairos.alerts", round: "run-sheet alerts", interval: interval, executor: executor) {
            let report = try await alerts.pushChanges(through: gateway)
            return report == .init() ? nil : ["sent": "\(report.sent)", "removed": "\(report.removed)", "failed": "\(report.failed)"]
        }
    }

    public func run() async throws { try await periodic.run() }
}
