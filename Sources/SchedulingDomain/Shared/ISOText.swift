/// A value written as ISO 8601 text (`2026-03-29`, `09:00`, `2026-03-29T09:00`) and coded as
/// that string in JSON.
public protocol ISOTextRepresentable: Codable {
    /// Parses the ISO form; `nil` if it is not valid.
    init?(iso: String)
    /// The ISO form.
    var iso: String { get }
    /// The expected form, for error messages (`YYYY-MM-DD`).
    static var isoFormat: String { get }
}

extension ISOTextRepresentable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = Self(iso: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "Expected \(Self.isoFormat)."))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}
