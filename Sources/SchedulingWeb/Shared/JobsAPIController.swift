import Foundation
import Hummingbird
import SchedulingDomain
import SchedulingServices

/// Solve jobs over HTTP (architecture §12): a kind's `POST` starts one and answers 202 with its
/// id; `GET /api/v1/jobs/{id}` gives status, progress and result; `DELETE` cancels.
struct JobsAPIController {
    let jobs: SolveJobService

    /// A job as the API shows it: its state, and its result as JSON once there is one (never its input).
    static func view(_ job: SolveJob, withResult: Bool = true) -> [String: Any] {
        var object: [String: Any] = [
            "id": job.id.rawValue, "kind": job.kind, "status": job.status.rawValue, "createdAt": instant(job.createdAt),
            "progress": job.progress, "note": job.note, "cancelRequested": job.cancelRequested,
            "links": ["self": "/api/v1/jobs/\(job.id.rawValue)"],
        ]
        if let startedAt = job.startedAt { object["startedAt"] = instant(startedAt) }
        if let finishedAt = job.finishedAt { object["finishedAt"] = instant(finishedAt) }
        if let error = job.error { object["error"] = error }
        if withResult, let result = job.result, let parsed = try? JSONSerialization.jsonObject(with: Data(result.utf8), options: [.fragmentsAllowed]) {
            object["result"] = parsed
        }
        return object
    }

    static func instant(_ date: Date) -> String { date.formatted(.iso8601) }

    static func respond(_ object: Any, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: .init(bytes: data)))
    }

    func register(_ routes: RouteRegistrar) {
        routes.add(SharedRoutes.apiRoutingJobsCreate) { request, context in
            var request = request
            if let contentType = request.headers[.contentType], !contentType.lowercased().hasPrefix("application/json") {
                throw MalformedRequest(path: "", message: "Content-Type must be application/json.")
            }
            let body = try await request.collectBody(limit: SolveJobService.maximumInput)
            guard body.readableBytes > 0 else { throw MalformedRequest(path: "", message: "The request body is empty; expected a Kairos JSON problem.") }
            var reader = QueryReader(request.uri.queryParameters)
            let limit = reader.number("timeLimitSeconds", in: 1...600)
            let seed = reader.integer("seed", minimum: 0)
            try reader.finish()
            var options: [String: Any] = [:]
            if let limit { options["timeLimitSeconds"] = limit }
            if let seed { options["seed"] = seed }
            let optionsText = String(decoding: try JSONSerialization.data(withJSONObject: options, options: [.sortedKeys]), as: UTF8.self)
            let job = try await jobs.start(kind: SolveJobKind.routing.name, input: String(buffer: body), options: optionsText, by: context.caller())
            var response = try Self.respond(Self.view(job), status: .accepted)
            response.headers[.location] = "/api/v1/jobs/\(job.id.rawValue)"
            return response
        }
        routes.add(SharedRoutes.apiJobsList) { request, context in
            var reader = QueryReader(request.uri.queryParameters)
            let page = ListPage.read(&reader, defaultLimit: 50, maximum: 500)
            try reader.finish()
            var list = try await jobs.recent(limit: min(page.limit + 1, 500), offset: page.offset, by: context.caller())
            let more = list.count > page.limit
            list = Array(list.prefix(page.limit))
            var response = try Self.respond(["jobs": list.map { Self.view($0, withResult: false) }])
            response.headers.append(contentsOf: page.headers(more: more, request: request))
            return response
        }
        routes.add(SharedRoutes.apiJobRead) { _, context in
            let job = try await jobs.job(id: .init(try context.parameters.require("id")), by: context.caller())
            return try Self.respond(Self.view(job))
        }
        routes.add(SharedRoutes.apiJobCancel) { _, context in
            let job = try await jobs.cancel(id: .init(try context.parameters.require("id")), by: context.caller())
            return try Self.respond(Self.view(job))
        }
    }
}
