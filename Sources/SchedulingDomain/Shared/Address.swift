import Foundation

/// A UK postal address with its postcode and, where known, its position.
public struct Address: Hashable, Codable, Sendable {
    /// Street lines, first line first (at least one).
    public var lines: [String]
    /// Post town.
    public var town: String
    /// Postcode, normalised to upper case with one space before the inward code (`M13 9WL`).
    public var postcode: String
    /// Position used for travel estimates; required by transport and home care.
    public var coordinates: Coordinates?

    /// Creates an address, normalising the postcode's case and spacing.
    public init(lines: [String], town: String, postcode: String, coordinates: Coordinates?) {
        self.lines = lines
        self.town = town
        self.postcode = Address.normalise(postcode: postcode)
        self.coordinates = coordinates
    }

    /// Upper-cases and puts exactly one space before the three-character inward code.
    public static func normalise(postcode: String) -> String {
        let compact = postcode.uppercased().filter { !$0.isWhitespace }
        guard compact.count > 3 else { return compact }
        return "\(compact.dropLast(3)) \(compact.suffix(3))"
    }

    /// Whether a normalised postcode has the UK shape: outward code A9, A99, AA9, AA99, A9A or
    /// AA9A, then a space, then digit-letter-letter.
    public static func isValid(postcode: String) -> Bool {
        let parts = postcode.split(separator: " ")
        guard parts.count == 2 else { return false }
        let outward = Array(parts[0]), inward = Array(parts[1])
        guard inward.count == 3, inward[0].isASCII, inward[0].isNumber,
            inward[1].isASCII, inward[1].isLetter, inward[2].isASCII, inward[2].isLetter
        else { return false }
        let shape = String(outward.map { $0.isASCII && $0.isLetter ? "A" : ($0.isASCII && $0.isNumber ? "9" : "?") })
        return ["A9", "A99", "AA9", "AA99", "A9A", "AA9A"].contains(shape)
    }

    /// Every rule the address breaks, paths relative to the address.
    public func validate(requireCoordinates: Bool = false) -> [ValidationIssue] {
        var c = ValidationCollector()
        if lines.isEmpty || lines.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            c.add("lines", "address.lines", "lines must contain at least one non-blank line.")
        } else if lines.count > 5 {
            c.add("lines", "address.lines", "lines may have at most 5 entries.")
        }
        c.requireText(town, at: "town", maxLength: 100)
        if !Address.isValid(postcode: postcode) {
            c.add("postcode", "address.postcode", "postcode is not a valid UK postcode.")
        }
        if let coordinates {
            c.add(contentsOf: coordinates.validate(), under: "coordinates")
        } else if requireCoordinates {
            c.add("coordinates", "field.required", "coordinates is required.")
        }
        return c.issues
    }
}
