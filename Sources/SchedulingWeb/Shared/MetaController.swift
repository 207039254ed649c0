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
        var time: Date
    }

    func register(_ routes: RouteRegistrar) {
        routes.add(SharedRoutes.health) { request, context in
            // A real round trip to the store: a broken database makes the check fail.
            let userCount = try? await shared.environment.store.read { try await $0.users.count() }
            let healthy = userCount != nil
            return try JSONResponse(
                value: Health(status: healthy ? "ok" : "degraded", database: healthy ? "ok" : "unavailable",
                              time: shared.environment.clock.now()),
                status: healthy ? .ok : .serviceUnavailable
            ).response(from: request, context: context)
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
