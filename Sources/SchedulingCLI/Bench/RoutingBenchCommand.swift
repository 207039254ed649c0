import ArgumentParser
import Foundation
import RoutingEngine

/// `kairos bench routing FAMILY DIR`: solve every instance of a benchmark folder and compare with its BKS.
struct RoutingBenchCommand: EnvironmentCommand {
    static let configuration = CommandConfiguration(
        commandName: "routing",
        abstract: "Solve every instance in a benchmark folder; print vehicles, distance, feasibility and gap to the BKS.")

    @Argument(help: "Family: solomon (also Gehring & Homberger), lilim, darp (Cordeau), hhc (Mankowska home health care).")
    var family: String

    @Argument(help: "Folder with the instance files (or with an instances/ folder) and bks.csv.")
    var directory: String

    @OptionGroup var solver: SolverOptions

    @Option(help: "Only instances whose name starts with this prefix (e.g. R1).")
    var only: String?

    @Option(help: ArgumentHelp(
        "Give every vehicle a rest break: START,END,DURATION in the file's time units (the break starts between START and END). "
            + "Such problems are planned by the coupled search; the BKS gap then measures the break's cost as well.",
        valueName: "start,end,duration"))
    var restBreak: String?

    func validate() throws {
        guard family == "hhc" || BenchmarkInstance.Format(rawValue: family) != nil else {
            throw ValidationError("FAMILY must be one of: \(BenchmarkInstance.Format.allCases.map(\.rawValue).joined(separator: ", ")), hhc.")
        }
        if restBreak != nil {
            guard family != "hhc" else { throw ValidationError("--rest-break applies to solomon, lilim and darp.") }
            _ = try parsedBreak()
        }
    }

    /// The `--rest-break` option in integer units, or `nil` when not given.
    func parsedBreak() throws -> Break? {
        guard let restBreak else { return nil }
        let parts = restBreak.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 3, let start = parts[0], let end = parts[1], let duration = parts[2], start <= end, duration >= 0 else {
            throw ValidationError("--rest-break: give START,END,DURATION as numbers, START at most END and DURATION not negative (e.g. 180,300,30).")
        }
        let scale = Double(BenchmarkInstance.scale)
        return Break(window: TimeWindow(start: Int((start * scale).rounded(.up)), end: Int((end * scale).rounded(.down))),
                     duration: Int((duration * scale).rounded(.up)))
    }

    struct BKS {
        var vehicles: Int
        var distance: Double
    }

    /// `instance,vehicles,distance,…` rows (later columns may be quoted).
    static func readBKS(_ path: String) -> [String: BKS] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [:] }
        var table: [String: BKS] = [:]
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            let fields = line.split(separator: ",", maxSplits: 3, omittingEmptySubsequences: false)
            guard fields.count >= 3, let v = Int(fields[1]), let d = Double(fields[2]) else { continue }
            table[String(fields[0]).lowercased()] = BKS(vehicles: v, distance: d)
        }
        return table
    }

    /// Instance class for summaries: letters plus the first digit (C1, RC2, lc1).
    static func instanceClass(_ name: String) -> String {
        let letters = name.prefix { $0.isLetter }
        let digit = name.dropFirst(letters.count).prefix(1)
        return String(letters) + digit
    }

    /// The instance folder (DIR or DIR/instances) and its `.txt` files, sorted.
    func instanceFiles() throws -> (folder: String, files: [String]) {
        var folder = directory
        if FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent("instances")) {
            folder = (directory as NSString).appendingPathComponent("instances")
        }
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
            throw CLIFailure(message: "\(directory) is not a readable folder.", exitCode: 2)
        }
        let instances = files.filter { $0.lowercased().hasSuffix(".txt") }
            .filter { only == nil || $0.lowercased().hasPrefix(only!.lowercased()) }
            .sorted { $0.lowercased() < $1.lowercased() }
        guard !instances.isEmpty else { throw CLIFailure(message: "no .txt instance files in \(folder).", exitCode: 2) }
        return (folder, instances)
    }

    func run(in environment: CLIEnvironment) async throws {
        if family == "hhc" { return try benchHHC(environment) }
        let format = BenchmarkInstance.Format(rawValue: family)!
        let (folder, instances) = try instanceFiles()
        var bks = Self.readBKS((directory as NSString).appendingPathComponent("bks.csv"))
        if bks.isEmpty { bks = Self.readBKS(((folder as NSString).deletingLastPathComponent as NSString).appendingPathComponent("bks.csv")) }

        let restBreak = try parsedBreak()
        environment.output("kairos bench routing \(family): \(instances.count) instances, \(solver.budget) each, seed \(solver.seed)"
            + (self.restBreak.map { ", a rest break \($0) for every vehicle" } ?? ""))
        environment.output("instance   veh  distance    feasible  bks-veh  bks-dist   gap%     time-s")
        struct Row { var name: String; var cls: String; var feasible: Bool; var vehicles: Int; var bks: BKS?; var gap: Double?; var fixedFleet: Bool }
        var rows: [Row] = []
        for file in instances {
            var instance: BenchmarkInstance
            do { instance = try BenchmarkInstance.read(path: (folder as NSString).appendingPathComponent(file), format: format) } catch {
                throw CLIFailure(message: "\(error)", exitCode: 2)
            }
            if let restBreak { for r in instance.problem.resources.indices { instance.problem.resources[r].breaks = [restBreak] } }
            let outcome = try BenchmarkRunner.solve(instance, options: solver)
            let reference = bks[instance.name.lowercased()]
            let feasible = outcome.violations.isEmpty && outcome.unassignedNodes.isEmpty
            // Vehicles-first families compare distance only at the BKS vehicle count; a fixed fleet
            // (dial-a-ride) compares distance directly.
            let gap = reference.flatMap { ref in
                !instance.minimisesVehicles || ref.vehicles == outcome.routes.count ? (outcome.distance - ref.distance) / ref.distance * 100 : nil
            }
            rows.append(Row(name: instance.name, cls: Self.instanceClass(instance.name), feasible: feasible,
                            vehicles: outcome.routes.count, bks: reference, gap: gap, fixedFleet: !instance.minimisesVehicles))
            func pad(_ s: String, _ n: Int) -> String { s.padding(toLength: max(n, s.count), withPad: " ", startingAt: 0) }
            environment.output(
                pad(instance.name, 10) + " " + pad(String(outcome.routes.count), 4) + " " + pad(String(format: "%.2f", outcome.distance), 11)
                + " " + pad(feasible ? "yes" : "NO", 9) + " " + pad(reference.map { String($0.vehicles) } ?? "-", 8) + " "
                + pad(reference.map { String(format: "%.2f", $0.distance) } ?? "-", 10) + " "
                + pad(gap.map { String(format: "%+.2f", $0) } ?? (reference.map { outcome.routes.count > $0.vehicles ? "+\(outcome.routes.count - $0.vehicles)veh" : "\(outcome.routes.count - $0.vehicles)veh" } ?? "-"), 8)
                + " " + String(format: "%.1f", outcome.seconds))
            if !outcome.violations.isEmpty {
                for v in outcome.violations.prefix(5) { environment.output("    violation: \(v)") }
            }
        }
        func summary(_ label: String, _ group: [Row]) -> String {
            let feasible = group.filter(\.feasible).count
            let atBKS = group.filter { $0.bks != nil && $0.vehicles == $0.bks!.vehicles }
            let gaps = group.compactMap(\.gap)
            if group.first?.fixedFleet == true {
                let mean = gaps.isEmpty ? "-" : String(format: "%.2f%%", gaps.reduce(0, +) / Double(gaps.count))
                return "\(label): \(group.count) instances, \(feasible) feasible, \(gaps.count) with a BKS, mean gap to BKS \(mean)"
            }
            let mean = gaps.isEmpty ? "-" : String(format: "%.2f%%", gaps.reduce(0, +) / Double(gaps.count))
            let vehicles = group.reduce(0) { $0 + $1.vehicles }
            let bksVehicles = group.reduce(0) { $0 + ($1.bks?.vehicles ?? 0) }
            return "\(label): \(group.count) instances, \(feasible) feasible, \(atBKS.count) at BKS vehicles, "
                + "vehicles \(vehicles) vs BKS \(bksVehicles), mean gap at BKS vehicles \(mean)"
        }
        environment.output("")
        var classes: [String] = []
        for row in rows where !classes.contains(row.cls) { classes.append(row.cls) }
        for cls in classes { environment.output(summary("class \(cls)", rows.filter { $0.cls == cls })) }
        environment.output(summary("overall", rows))
    }
}
