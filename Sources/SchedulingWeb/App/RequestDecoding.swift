import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SchedulingDomain

extension Request {
    /// The whole body, up to `limit` bytes; a larger one is a ``BodyTooLarge`` (413) naming the limit.
    mutating func collectBody(limit: Int) async throws -> ByteBuffer {
        if let length = headers[.contentLength].flatMap(Int.init), length > limit { throw BodyTooLarge(limit: limit) }
        do { return try await collectBody(upTo: limit) } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw BodyTooLarge(limit: limit)
        }
    }

    /// Decodes a JSON body, turning every decoding failure into a ``MalformedRequest`` that names
    /// the JSON path and never echoes the submitted values.
    mutating func decodeJSON<T: Decodable>(_ type: T.Type, context: KairosRequestContext) async throws -> T {
        if let contentType = headers[.contentType], !contentType.lowercased().hasPrefix("application/json") {
            throw MalformedRequest(path: "", message: "Content-Type must be application/json.")
        }
        let buffer = try await collectBody(limit: context.maxUploadSize)
        guard buffer.readableBytes > 0 else {
            throw MalformedRequest(path: "", message: "The request body is empty; expected a JSON object.")
        }
        do {
            return try JSONCoding.decoder.decode(T.self, from: Data(buffer: buffer))
        } catch let error as DecodingError {
            throw JSONPath.malformed(error)
        }
    }

    /// Decodes an `application/x-www-form-urlencoded` body.
    mutating func decodeForm<T: Decodable>(_ type: T.Type, context: KairosRequestContext) async throws -> T {
        let buffer = try await collectBody(limit: context.maxUploadSize)
        do {
            return try URLEncodedFormDecoder().decode(T.self, from: String(buffer: buffer))
        } catch {
            throw MalformedRequest(path: "", message: "The form could not be read.")
        }
    }
}

/// A request body larger than the route takes (HTTP 413), naming the limit.
struct BodyTooLarge: MappedError {
    /// The largest body the route takes, in bytes.
    var limit: Int

    /// The limit in words: `1 MB`, `8 MB`, `512 KB`.
    var limitText: String {
        limit >= 1 << 20 && limit % (1 << 20) == 0 ? "\(limit >> 20) MB" : limit >= 1024 ? "\(limit / 1024) KB" : "\(limit) bytes"
    }

    var mapping: ErrorMapping {
        ErrorMapping(status: .contentTooLarge, kind: .tooLarge(limit: limit),
                     detail: "The request body is larger than this route takes: at most \(limitText).",
                     issues: [ValidationIssue(path: "", code: "body.tooLarge", message: "The request body may be at most \(limitText).")])
    }
}

/// Dotted JSON paths for decoding errors.
enum JSONPath {
    static func string(_ codingPath: [any CodingKey]) -> String {
        var path = ""
        for key in codingPath {
            if let index = key.intValue {
                path += "[\(index)]"
            } else {
                path += path.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return path
    }

    static func malformed(_ error: DecodingError) -> MalformedRequest {
        switch error {
        case .typeMismatch(let type, let context):
            return MalformedRequest(path: string(context.codingPath), message: "Expected \(describe(type)).")
        case .valueNotFound(let type, let context):
            return MalformedRequest(path: string(context.codingPath), message: "Expected \(describe(type)), found null.")
        case .keyNotFound(let key, let context):
            return MalformedRequest(path: string(context.codingPath + [key]), message: "This field is required.")
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                return MalformedRequest(path: "", message: "The body is not valid JSON.")
            }
            return MalformedRequest(path: string(context.codingPath), message: context.debugDescription)
        @unknown default:
            return MalformedRequest(path: "", message: "The body could not be decoded.")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type: "an integer"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        case is [Any].Type: "an array"
        default:
            String(describing: type).hasPrefix("Array") ? "an array" : "an object"
        }
    }
}

/// The one JSON encoder and decoder of the request and response paths: configured once (sorted
/// keys, ISO 8601 dates), shared by every request.
enum JSONCoding {
    /// Every JSON response body.
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    /// Every JSON request body.
    static let decoder = JSONDecoder()
}

extension HTTPField.Name {
    /// `X-Kairos-Reason`: why the caller reads a patient record, for the audit log.
    static let kairosReason = HTTPField.Name("X-Kairos-Reason")!  // a valid token: checked once, here
}

/// A JSON response with a status and content type.
struct JSONResponse<Value: Encodable & Sendable>: ResponseGenerator {
    var value: Value
    var status: HTTPResponse.Status = .ok
    var contentType = "application/json; charset=utf-8"

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let data = try JSONCoding.encoder.encode(value)
        return Response(
            status: status, headers: [.contentType: contentType],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
