import Foundation
import HTTPTypes
import Hummingbird
import SchedulingServices

/// One page of a list API: `limit` entries (1–``maximum``, default ``defaultLimit``) from
/// `offset`. The body keeps its shape (the list, or the list's object); the response says how
/// many there are in all (`X-Total-Count`) and links the next and previous pages (`Link`,
/// RFC 8288), keeping the request's other query parameters.
struct ListPage: Sendable, Equatable {
    /// The largest page any list API serves.
    static let maximum = 1000
    /// The page size when the request names none.
    static let defaultLimit = 100

    var limit: Int
    var offset: Int

    /// Reads `limit` and `offset` from the query (each bad one named with the others).
    static func read(_ reader: inout QueryReader, defaultLimit: Int = ListPage.defaultLimit, maximum: Int = ListPage.maximum) -> ListPage {
        let limit = reader.integer("limit", in: 1...maximum) ?? defaultLimit
        let offset = reader.integer("offset", in: 0...Int(Int32.max)) ?? 0
        return ListPage(limit: limit, offset: offset)
    }

    /// The page of `items`.
    func slice<T>(_ items: [T]) -> [T] {
        guard offset < items.count else { return [] }
        return Array(items[offset..<min(items.count, offset + limit)])
    }

    /// `X-Total-Count` and `Link` for this page of `total` entries.
    func headers(total: Int, request: Request) -> HTTPFields {
        var fields = headers(more: offset + limit < total, request: request)
        fields[.init("X-Total-Count")!] = String(total)
        return fields
    }

    /// `Link` for this page of a list whose total is not counted: `more` says whether a next
    /// page exists.
    func headers(more: Bool, request: Request) -> HTTPFields {
        var fields: HTTPFields = [:]
        var links: [String] = []
        if more { links.append("<\(link(request, offset: offset + limit))>; rel=\"next\"") }
        if offset > 0 { links.append("<\(link(request, offset: max(0, offset - limit)))>; rel=\"prev\"") }
        if !links.isEmpty { fields[.init("Link")!] = links.joined(separator: ", ") }
        return fields
    }

    /// The request's URI with this page's limit and another offset.
    func link(_ request: Request, offset: Int) -> String {
        Self.uri(request, replacing: ("limit", limit), ("offset", offset))
    }

    /// The request's URI for this page in FHIR's terms (`_count`, `_offset`).
    func fhirLink(_ request: Request) -> String {
        Self.uri(request, replacing: ("_count", limit), ("_offset", offset))
    }

    /// The request's URI with two query parameters set to these values (any others kept).
    static func uri(_ request: Request, replacing first: (String, Int), _ second: (String, Int)) -> String {
        var parts = URLComponents()
        parts.path = request.uri.path
        var items = request.uri.queryParameters.filter { $0.key != first.0 && $0.key != second.0 }
            .map { URLQueryItem(name: String($0.key), value: String($0.value)) }
        items.append(URLQueryItem(name: first.0, value: String(first.1)))
        items.append(URLQueryItem(name: second.0, value: String(second.1)))
        parts.queryItems = items
        return parts.string ?? request.uri.path
    }

    /// A JSON response holding this page of `items`, with the paging headers.
    func response<T: Encodable & Sendable>(_ items: [T], request: Request, context: some RequestContext) throws -> Response {
        var response = try JSONResponse(value: slice(items)).response(from: request, context: context)
        response.headers.append(contentsOf: headers(total: items.count, request: request))
        return response
    }
}
