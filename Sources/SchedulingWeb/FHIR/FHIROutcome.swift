import Foundation
import Hummingbird
import SchedulingDomain
import SchedulingServices

/// A FHIR request the interface cannot take.
enum FHIRError: MappedError {
    /// Well-formed but not acceptable (422).
    case invalid(String)
    /// Not a resource of the right type (400).
    case structure(String)

    var mapping: ErrorMapping {
        switch self {
        case .invalid(let text):
            ErrorMapping(status: .unprocessableContent, kind: .invalid, detail: text, issues: [ValidationIssue(path: "", code: "fhir.invalid", message: text)])
        case .structure(let text):
            ErrorMapping(status: .badRequest, kind: .malformed, detail: text, issues: [ValidationIssue(path: "", code: "fhir.structure", message: text)])
        }
    }
}

/// Plumbing: FHIR JSON in and out, references, and OperationOutcomes for errors.
extension FHIRController {
    // MARK: Plumbing

    static func instant(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    static func respond(_ resource: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: resource, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: mediaType], body: .init(byteBuffer: .init(bytes: data)))
    }

    /// The JSON body, which must be a resource of `type`.
    static func resource(_ request: Request, context: KairosRequestContext, type: String) async throws -> [String: Any] {
        var request = request
        let buffer = try await request.collectBody(limit: context.maxUploadSize)
        guard let object = try? JSONSerialization.jsonObject(with: Data(buffer: buffer)), let body = object as? [String: Any] else {
            throw FHIRError.structure("the body is not a JSON object.")
        }
        guard body["resourceType"] as? String == type else { throw FHIRError.structure("resourceType must be \(type).") }
        return body
    }

    /// The id of a reference `{"reference": "Type/id"}` to `type` (a relative or absolute URL).
    static func referenceID(_ reference: [String: Any], type: String) -> String? {
        guard let text = reference["reference"] as? String else { return nil }
        let parts = text.split(separator: "/")
        guard parts.count >= 2, parts[parts.count - 2] == type, !parts[parts.count - 1].isEmpty else { return nil }
        return String(parts[parts.count - 1])
    }

    /// An OperationOutcome for an error, with its HTTP status, rendered from the one ``ErrorMapping``.
    static func outcome(for error: any Error) -> (HTTPResponse.Status, [String: Any]) {
        let mapped = ErrorMapping.of(error)
        func outcome(_ code: String, _ text: String, severity: String = "error") -> [String: Any] {
            ["resourceType": "OperationOutcome", "issue": [["severity": severity, "code": code, "diagnostics": text]]]
        }
        switch mapped.kind {
        case .invalid:
            return (mapped.status, ["resourceType": "OperationOutcome", "issue": mapped.issues.map { issue -> [String: Any] in
                var entry: [String: Any] = ["severity": "error", "code": "invalid", "diagnostics": issue.message]
                if !issue.path.isEmpty { entry["expression"] = [issue.path] }
                return entry
            }])
        case .malformed: return (mapped.status, outcome("structure", mapped.issues.first?.message ?? mapped.detail))
        case .notFound: return (mapped.status, outcome("not-found", mapped.detail))
        case .conflict(let code): return (mapped.status, outcome(code == "slot.taken" ? "conflict" : "business-rule", mapped.detail))
        case .unauthenticated: return (mapped.status, outcome("login", mapped.detail))
        case .forbidden: return (mapped.status, outcome("forbidden", mapped.detail))
        case .tooManyRequests, .busy: return (mapped.status, outcome("throttled", mapped.detail))
        case .tooLarge: return (mapped.status, outcome("too-long", mapped.detail))
        case .http: return (mapped.status, outcome("processing", mapped.status.reasonPhrase))
        case .internalError: return (mapped.status, outcome("exception", mapped.detail, severity: "fatal"))
        }
    }
}
