import Foundation
import Testing

/// The house's rooms stay small enough to find one's way: no source file past 450 lines, no
/// folder with more than 20 files directly in it, and every target keeps its service wings.
@Suite("Layout")
struct LayoutTests {
    static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Every file under `folder` (relative paths).
    static func files(under folder: String) -> [String] {
        let base = root.appendingPathComponent(folder)
        guard let walker = FileManager.default.enumerator(atPath: base.path) else { return [] }
        return walker.compactMap { $0 as? String }.filter { path in
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: base.appendingPathComponent(path).path, isDirectory: &isDirectory)
            return !isDirectory.boolValue && !path.split(separator: "/").contains { $0.hasPrefix(".") }
        }.map { "\(folder)/\($0)" }
    }

    @Test("no Swift file in Sources or Tests is longer than 450 lines")
    func fileLength() throws {
        for path in Self.files(under: "Sources") + Self.files(under: "Tests") where path.hasSuffix(".swift") {
            let lines = try String(contentsOf: Self.root.appendingPathComponent(path), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.count <= 450, "\(path) has \(lines.count) lines: split it along its seams")
        }
    }

    @Test("no folder of Sources or Tests holds more than 20 files directly")
    func folderWidth() {
        var counts: [String: Int] = [:]
        for path in Self.files(under: "Sources") + Self.files(under: "Tests") where !path.contains("/Fixtures/") && !path.contains("/Golden/") {
            counts[(path as NSString).deletingLastPathComponent, default: 0] += 1
        }
        for (folder, count) in counts.sorted(by: { $0.key < $1.key }) {
            #expect(count <= 20, "\(folder) holds \(count) files: give it rooms (a folder per service or per concern)")
        }
    }

    @Test("each layer has its wings: shared things and outpatients in their own folders")
    func wings() {
        let expected = [
            "Sources/SchedulingDomain": ["Shared", "Outpatients"],
            "Sources/Planning": ["Shared", "Outpatients"],
            "Sources/SchedulingServices": ["Ports", "Shared", "Outpatients"],
            "Sources/StorageSQLite": ["Core", "Migrations", "Shared", "Outpatients"],
            "Sources/SchedulingWeb": ["App", "Shared", "Outpatients", "FHIR", "Templates"],
            "Sources/RoutingEngine": ["Model", "Compiled", "Search", "Coupled", "Solution", "Formats"],
        ]
        for (target, wings) in expected {
            for wing in wings {
                var isDirectory: ObjCBool = false
                let exists = FileManager.default.fileExists(atPath: Self.root.appendingPathComponent("\(target)/\(wing)").path, isDirectory: &isDirectory)
                #expect(exists && isDirectory.boolValue, "\(target)/\(wing) is missing")
            }
        }
    }
}
