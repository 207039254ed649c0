import Foundation
import Hummingbird
import SchedulingServices

/// `/health`, `/metrics`, `/openapi.json`.
struct MetaController {
    let shared: SharedServices
    let metrics: KairosMetrics
    let openAPIDocument: Data

    struct Health: Codable, Sendable {
        var status: String
        var database: String
        var writable: Bool?
        var time: Date
    }

    /// Readiness: a read and a real write (a committed probe row) to the store. Not ready when
    /// either fails — a full disk or a read-only file — which is logged and counted.
    func readiness(_ request: Request, context: KairosRequestContext) async throws -> Response {
        let store = shared.environment.store, now = shared.environment.clock.now()
        let readable = (try? await store.read { try await $0.users.count() }) != nil
        var writable = false
        do {
            try await store.write { try await $0.settings.set(now.formatted(.iso8601), for: "health.probe") }
            writable = true
        } catch {
            context.logger.error("readiness: the store cannot write", metadata: ["error": .string(ErrorMiddleware.safeDescription(error))])
        }
        let ready = readable && writable
        metrics.recordReadiness(ready)
        return try JSONResponse(
            value: Health(status: ready ? "ok" : "degraded", database: !readable ? "unavailable" : (writable ? "ok" : "read-only"), writable: writable,
                          time: now),
            status: ready ? .ok : .serviceUnavailable
        ).response(from: request, context: context)
    }

    func register(_ routes: RouteRegistrar) {
        routes.add(SharedRoutes.health) { request, context in try await readiness(request, context: context) }
        routes.add(SharedRoutes.readiness) { request, context in try await readiness(request, context: context) }
        routes.add(SharedRoutes.liveness) { request, context in
            // The process serves requests; nothing else is checked (a restart would not help the store).
            try JSONResponse(value: Health(status: "ok", database: "not checked", time: shared.environment.clock.now()))
                .response(from: request, context: context)
        }
        routes.add(SharedRoutes.metrics) { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                     body: .init(byteBuffer: .init(string: metrics.render())))
        }
        let document = openAPIDocument
        routes.add(SharedRoutes.openAPI) { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                     body: .init(byteBuffer: .init(bytes: document)))
        }
    }
}
