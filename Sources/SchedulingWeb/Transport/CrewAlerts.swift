import AsyncHTTPClient
import Foundation
import Hummingbird
import NIOCore
import SchedulingServices

/// Run-sheet alerts pushed to crews' phones (Web Push): the server's public key, a crew
/// member's subscribed browsers, and the run sheet page's switch.
extension TransportRoutes {
    static let alertTakers = Access.roles(CrewAlertService.subscribers)

    static let apiPushKey = RouteSpec(
        method: .get, path: "/api/v1/transport/push-key", access: alertTakers, kind: .api, operationID: "getTransportPushKey",
        summary: "Kairos's public key (VAPID, base64url) that a crew member's browser subscribes to run-sheet alerts with.",
        operation: .init(responses: [("200", "The key.", "PushKey", .json)]))

    static let apiPushSubscriptionsList = RouteSpec(
        method: .get, path: "/api/v1/transport/push-subscriptions", access: alertTakers, kind: .api, operationID: "listTransportPushSubscriptions",
        summary: "The caller's browsers that take run-sheet alerts.",
        operation: .init(responses: [("200", "The subscriptions.", "PushSubscriptionList", .json)]))

    static let apiPushSubscriptionAdd = RouteSpec(
        method: .post, path: "/api/v1/transport/push-subscriptions", access: alertTakers, kind: .api, operationID: "addTransportPushSubscription",
        summary: "Subscribe a browser to the caller's run-sheet alerts (the browser's PushSubscription as JSON; audited): whenever the caller's run sheets for today change, the browser is told through its push service, closed or not. At most five browsers; the oldest gives way.",
        operation: .init(requestSchema: "PushSubscriptionInput",
                         responses: [("201", "Subscribed.", "PushSubscriptionView", .json),
                                     ("422", "A rule broken, by field (an endpoint that is not a browser's push service, keys of the wrong length).", "Problem", .problem)]))

    static let apiPushSubscriptionRemove = RouteSpec(
        method: .delete, path: "/api/v1/transport/push-subscriptions/:id", access: alertTakers, kind: .api, operationID: "removeTransportPushSubscription",
        summary: "Stop run-sheet alerts to one of the caller's browsers (audited).",
        operation: .init(responses: [("204", "Stopped.", nil, .json), ("404", "No such subscription of the caller's.", "Problem", .problem)]))

    static let alertsSubmit = RouteSpec(
        method: .post, path: "/transport/run-sheet/alerts", access: alertTakers, kind: .page, operationID: "submitRunSheetAlerts",
        summary: "From the run sheet page's script: subscribe this browser to run-sheet alerts, or stop them (`stop`).",
        operation: .init(requestSchema: "RunSheetAlertsForm", requestMedia: .form,
                         responses: [("204", "Done.", nil, .html), ("404", "Stopping alerts this browser does not take.", nil, .html),
                                     ("422", "The browser's subscription breaks a rule.", nil, .html)]))

    static let alertRoutes = [apiPushKey, apiPushSubscriptionsList, apiPushSubscriptionAdd, apiPushSubscriptionRemove, alertsSubmit]
}

extension OpenAPIDocument {
    /// The schemas of run-sheet alerts.
    static var alertSchemas: [String: Any] {
        [
            "PushKey": object(["publicKey": ["type": "string", "description": "The P-256 public key, uncompressed, base64url (the browser's applicationServerKey)."]],
                              required: ["publicKey"]),
            "PushSubscriptionInput": object([
                "endpoint": ["type": "string", "maxLength": 2000, "description": "The push service's address for the browser (Chrome's, Edge's, Firefox's or Safari's)."],
                "keys": object(["p256dh": ["type": "string", "description": "The browser's P-256 public key, base64url."],
                                "auth": ["type": "string", "description": "The browser's authentication secret (16 bytes), base64url."]], required: ["p256dh", "auth"]),
                "expirationTime": ["type": ["integer", "null"]],
            ], required: ["endpoint", "keys"]),
            "PushSubscriptionView": object(["id": string, "service": ["type": "string", "description": "The push service's origin."], "createdAt": dateTime,
                                            "lastSentAt": dateTime], required: ["id", "service", "createdAt"]),
            "PushSubscriptionList": array("PushSubscriptionView"),
            "RunSheetAlertsForm": object(["_csrf": string, "endpoint": string, "p256dh": string, "auth": string, "stop": string], required: ["_csrf", "endpoint"]),
        ]
    }
}

/// `/api/v1/transport/push-…` and the run sheet page's alert switch.
struct CrewAlertController {
    let alerts: CrewAlertService

    /// A subscription as answered: the push service's origin, never the browser's endpoint or keys.
    struct View: Encodable, Sendable {
        var id: String
        var service: String
        var createdAt: Date
        var lastSentAt: Date?

        init(_ s: PushSubscription) {
            id = s.id
            service = URL(string: s.endpoint).flatMap(WebPush.origin(of:)) ?? ""
            createdAt = s.createdAt
            lastSentAt = s.lastSentAt
        }
    }

    struct AlertsForm: Decodable {
        var csrf: String?
        var endpoint: String?
        var p256dh: String?
        var auth: String?
        var stop: String?
        enum CodingKeys: String, CodingKey { case csrf = "_csrf", endpoint, p256dh, auth, stop }
    }

    func register(_ routes: RouteRegistrar) {
        let alerts = alerts
        routes.add(TransportRoutes.apiPushKey) { request, context in
            _ = try context.caller()
            return try JSONResponse(value: ["publicKey": try await alerts.publicKey()]).response(from: request, context: context)
        }
        routes.add(TransportRoutes.apiPushSubscriptionsList) { request, context in
            try JSONResponse(value: try await alerts.subscriptions(by: context.caller()).map(View.init)).response(from: request, context: context)
        }
        routes.add(TransportRoutes.apiPushSubscriptionAdd) { request, context in
            var request = request
            let input = try await request.decodeJSON(PushSubscriptionInput.self, context: context)
            return try JSONResponse(value: View(try await alerts.subscribe(input, by: context.caller())), status: .created).response(from: request, context: context)
        }
        routes.add(TransportRoutes.apiPushSubscriptionRemove) { _, context in
            try await alerts.unsubscribe(id: try context.parameters.require("id"), by: context.caller())
            return Response(status: .noContent)
        }
        routes.add(TransportRoutes.alertsSubmit) { request, context in
            var request = request
            let form = try await request.decodeForm(AlertsForm.self, context: context)
            try CSRF.check(form.csrf, context: context)
            if form.stop != nil {
                try await alerts.unsubscribe(endpoint: form.endpoint ?? "", by: context.caller())
            } else {
                _ = try await alerts.subscribe(.init(endpoint: form.endpoint, keys: .init(p256dh: form.p256dh, auth: form.auth)), by: context.caller())
            }
            return Response(status: .noContent)
        }
    }
}

/// Posts run-sheet alerts to push services (AsyncHTTPClient): one request each, 10 seconds at
/// most, redirects not followed (a push service answers where it is).
public struct HTTPPushGateway: PushGateway {
    private let client: HTTPClient

    /// A gateway on `client`, which should not follow redirects (``makeClient()``).
    public init(client: HTTPClient) { self.client = client }

    /// A client for push services: no redirects; shut it down when the server stops.
    public static func makeClient() -> HTTPClient {
        HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow, timeout: .init(connect: .seconds(5), read: .seconds(10))))
    }

    public func send(_ delivery: WebPush.Delivery) async throws -> Int {
        var request = HTTPClientRequest(url: delivery.endpoint)
        request.method = .POST
        for (name, value) in delivery.headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: delivery.body))
        let response = try await client.execute(request, timeout: .seconds(10))
        _ = try? await response.body.collect(upTo: 64 * 1024)
        return Int(response.status.code)
    }
}
