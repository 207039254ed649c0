import Testing
import SchedulingServices

@Suite("RandomIDGenerator")
struct IDGeneratorTests {
    @Test("ids are the prefix and a random version-4 UUID in hex; the text form has the usual dashes")
    func format() {
        let generator = RandomIDGenerator()
        var seen = Set<String>()
        for _ in 0..<10_000 {
            let id = generator.make(prefix: "apt")
            #expect(id.hasPrefix("apt_") && id.count == 4 + 32)
            let hex = Array(id.dropFirst(4))
            #expect(hex.allSatisfy { $0.isHexDigit && !$0.isUppercase })
            #expect(hex[12] == "4", "version 4")
            #expect("89ab".contains(hex[16]), "RFC 9562 variant")
            seen.insert(id)
        }
        #expect(seen.count == 10_000)
        let text = RandomIDGenerator.uuidString()
        #expect(text.split(separator: "-").map(\.count) == [8, 4, 4, 4, 12])
        #expect(text == text.lowercased())
    }
}
