import Foundation
import Testing

/// The layering of docs/architecture.md, checked on the sources: which of our modules each
/// target may import.
@Suite("Architecture")
struct DependencyDirectionTests {
    static let ours: Set<String> = [
        "SchedulingDomain", "RoutingEngine", "AllocationEngine", "Planning", "SchedulingServices", "StorageSQLite",
        "StoragePostgres", "SchedulingWeb", "SchedulingCLI", "SchedulingTestSupport",
    ]

    static let allowed: [String: Set<String>] = [
        "SchedulingDomain": [],
        "RoutingEngine": [],
        "AllocationEngine": [],
        "Planning": ["SchedulingDomain", "RoutingEngine", "AllocationEngine"],
        "SchedulingServices": ["SchedulingDomain", "Planning"],
        "StorageSQLite": ["SchedulingServices", "SchedulingDomain"],
        "SchedulingWeb": ["SchedulingServices", "SchedulingDomain"],
        "SchedulingCLI": ["SchedulingServices", "SchedulingDomain", "RoutingEngine"],
    ]

    static var sourcesDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources")
    }

    static func imports(ofTarget target: String) throws -> Set<String> {
        let directory = sourcesDirectory.appendingPathComponent(target)
        guard let files = FileManager.default.enumerator(atPath: directory.path) else { return [] }
        var found = Set<String>()
        for case let file as String in files where file.hasSuffix(".swift") {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") {
                let words = line.split(separator: " ")
                if let index = words.firstIndex(of: "import"), index + 1 < words.count,
                    words[..<index].allSatisfy({ ["@testable", "public", "internal", "@_exported"].contains($0) })
                {
                    found.insert(String(words[index + 1]))
                }
            }
        }
        return found.intersection(ours)
    }

    @Test("each target imports only the targets below it", arguments: Array(allowed.keys).sorted())
    func direction(target: String) throws {
        let imported = try Self.imports(ofTarget: target)
        let forbidden = imported.subtracting(Self.allowed[target]!)
        #expect(forbidden.isEmpty, "\(target) imports \(forbidden.sorted())")
    }

    @Test("web and CLI never name a concrete store")
    func adaptersIndependentOfStore() throws {
        for target in ["SchedulingWeb", "SchedulingCLI"] {
            let imported = try Self.imports(ofTarget: target)
            #expect(!imported.contains("StorageSQLite") && !imported.contains("StoragePostgres"))
        }
    }
}
