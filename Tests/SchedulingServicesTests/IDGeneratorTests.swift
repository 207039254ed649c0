import Foundation
import Testing
import SchedulingServices

@Suite("RandomIDGenerator")
struct IDGeneratorTests {
    @Test("ids are the prefix and a time-ordered version-7 UUID in hex, unique, in the order they were made; the text form has the usual dashes")
    func format() {
        let generator = RandomIDGenerator()
        var seen = Set<String>()
        let before = UInt64(Date().timeIntervalSince1970 * 1000)
        var made: [String] = []
        for _ in 0..<10_000 {
            let id = generator.make(prefix: "apt")
            #expect(id.hasPrefix("apt_") && id.count == 4 + 32)
            let hex = Array(id.dropFirst(4))
            #expect(hex.allSatisfy { $0.isHexDigit && !$0.isUppercase })
            #expect(hex[12] == "7", "version 7")
            #expect("89ab".contains(hex[16]), "RFC 9562 variant")
            seen.insert(id)
            made.append(id)
        }
        #expect(seen.count == 10_000)
        // The first 48 bits are the milliseconds when it was made: ids of later milliseconds sort later.
        let after = UInt64(Date().timeIntervalSince1970 * 1000)
        let stamps = made.map { UInt64(String($0.dropFirst(4).prefix(12)), radix: 16)! }
        #expect(stamps.allSatisfy { (before...after).contains($0) })
        #expect(zip(stamps, stamps.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(RandomIDGenerator.timeOrderedBytes(milliseconds: 0x0193_8A2B_4C5D).prefix(6) == [0x01, 0x93, 0x8A, 0x2B, 0x4C, 0x5D])
        let text = RandomIDGenerator.uuidString()
        #expect(text.split(separator: "-").map(\.count) == [8, 4, 4, 4, 12])
        #expect(text == text.lowercased())
    }
}
