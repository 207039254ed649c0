import Planning
import Testing

@Suite("IndexMap")
struct IndexMapTests {
    @Test("keys get indices in the order first seen, both ways")
    func bothWays() {
        var map = IndexMap(["b", "a", "b"])
        #expect(map.count == 2)
        #expect(map.index(of: "a") == 1 && map[0] == "b")
        #expect(map.index(of: "c") == 2 && map.keys == ["b", "a", "c"])
        #expect(map.existingIndex(of: "z") == nil)
    }

    @Test("a fingerprint is stable and depends on every character")
    func fingerprint() {
        var a = Fingerprint(), b = Fingerprint(), c = Fingerprint()
        a.add("ref_1>slot_1;")
        b.add("ref_1>slot_1;")
        c.add("ref_1>slot_2;")
        #expect(a.hex == b.hex && a.hex != c.hex && a.hex.count == 16)
        #expect(Fingerprint().hex == "cbf29ce484222325")
    }
}
