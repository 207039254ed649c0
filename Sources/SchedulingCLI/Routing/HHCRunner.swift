import Foundation
import RoutingEngine

/// Mankowska home health care files for `solve --format hhc` and `bench hhc`.
enum HHCRunner {
    struct Outcome {
        var evaluation: HHCInstance.Evaluation
        var violations: [String]
        var unassigned: Int
        var iterations: Int
        var seconds: Double
        var feasible: Bool { violations.isEmpty && unassigned == 0 }
    }

    static func read(_ path: String) throws -> HHCInstance {
        do { return try HHCInstance.read(path: path) } catch { throw CLIFailure(message: "\(error)", exitCode: 2) }
    }

    /// Solves and judges twice: the engine's checker in integer units and the file-unit evaluation.
    static func solve(_ instance: HHCInstance, options: SolverOptions) throws -> Outcome {
        let started = ContinuousClock.now
        let solution = try Solver(parameters: options.parameters).solve(instance.problem)
        let elapsed = ContinuousClock.now - started
        let evaluation = instance.evaluate(solution)
        let violations = SolutionChecker.check(solution, against: instance.problem).map(\.description) + evaluation.issues
        return Outcome(evaluation: evaluation, violations: violations, unassigned: solution.unassigned.count, iterations: solution.iterations,
                       seconds: BenchmarkRunner.seconds(elapsed))
    }

    /// `instance,vehicles,distance,source,convention,label,objective` with quoted fields.
    static func readObjectives(_ path: String) -> [String: Double] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [:] }
        var table: [String: Double] = [:]
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            var fields: [String] = [], field = "", quoted = false
            for c in line {
                if c == "\"" { quoted.toggle() } else if c == "," && !quoted { fields.append(field); field = "" } else { field.append(c) }
            }
            fields.append(field)
            guard fields.count >= 7, let objective = Double(fields[6]) else { continue }
            table[fields[0].lowercased()] = objective
        }
        return table
    }

    /// Size family letter of the paper (A = 10 patients … G = 300), from the patient count.
    static func family(_ instance: HHCInstance) -> String {
        let sizes = [10: "A", 25: "B", 50: "C", 75: "D", 100: "E", 200: "F", 300: "G"]
        return sizes[instance.nodeCount - 2] ?? "n\(instance.nodeCount - 2)"
    }
}

extension SolveCommand {
    /// Solves one Mankowska file: routes as node ids per nurse (all nurses, in order), the
    /// objective as cost, and its terms.
    func solveHHC(_ environment: CLIEnvironment) throws {
        let instance = try HHCRunner.read(file)
        let outcome = try HHCRunner.solve(instance, options: solver)
        let e = outcome.evaluation
        func round(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }
        let answer = Answer(
            instance: instance.name, distance: round(e.distance), tardiness: round(e.tardiness), maxTardiness: round(e.maxTardiness),
            routes: e.routes.map { $0.map(\.node) }, unassigned: [], vehicles: e.routes.filter { !$0.isEmpty }.count,
            cost: round(e.objective), feasible: outcome.feasible, violations: outcome.violations, iterations: outcome.iterations,
            seconds: (outcome.seconds * 100).rounded() / 100)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        environment.output(String(decoding: try encoder.encode(answer), as: UTF8.self))
    }
}

extension RoutingBenchCommand {
    /// Every Mankowska file of the folder: objective and its terms, feasibility, gap to the best
    /// known objective in `bks.csv`; a summary per size family and overall.
    func benchHHC(_ environment: CLIEnvironment) throws {
        let (folder, files) = try instanceFiles()
        var bks = HHCRunner.readObjectives((directory as NSString).appendingPathComponent("bks.csv"))
        if bks.isEmpty { bks = HHCRunner.readObjectives(((folder as NSString).deletingLastPathComponent as NSString).appendingPathComponent("bks.csv")) }
        environment.output("kairos bench hhc: \(files.count) instances, \(solver.budget) each, seed \(solver.seed)")
        environment.output("instance                      distance  tardiness  tmax     objective  feasible  bks-obj    gap%     time-s")
        struct Row { var family: String; var feasible: Bool; var gap: Double? }
        var rows: [Row] = []
        func pad(_ s: String, _ n: Int) -> String { s.padding(toLength: max(n, s.count), withPad: " ", startingAt: 0) }
        for file in files {
            let instance = try HHCRunner.read((folder as NSString).appendingPathComponent(file))
            let outcome = try HHCRunner.solve(instance, options: solver)
            let e = outcome.evaluation
            let reference = bks[instance.name.lowercased()]
            let gap = reference.map { (e.objective - $0) / $0 * 100 }
            rows.append(Row(family: HHCRunner.family(instance), feasible: outcome.feasible, gap: gap))
            environment.output(
                pad(instance.name, 29) + " " + pad(String(format: "%.2f", e.distance), 9) + " " + pad(String(format: "%.2f", e.tardiness), 10)
                + " " + pad(String(format: "%.2f", e.maxTardiness), 8) + " " + pad(String(format: "%.3f", e.objective), 10) + " "
                + pad(outcome.feasible ? "yes" : "NO", 9) + " " + pad(reference.map { String(format: "%.3f", $0) } ?? "-", 10) + " "
                + pad(gap.map { String(format: "%+.2f", $0) } ?? "-", 8) + " " + String(format: "%.1f", outcome.seconds))
            for v in outcome.violations.prefix(5) { environment.output("    violation: \(v)") }
        }
        func summary(_ label: String, _ group: [Row]) -> String {
            let gaps = group.compactMap(\.gap)
            let mean = gaps.isEmpty ? "-" : String(format: "%+.2f%%", gaps.reduce(0, +) / Double(gaps.count))
            return "\(label): \(group.count) instances, \(group.filter(\.feasible).count) feasible, \(gaps.count) with a BKS, mean gap to BKS objective \(mean)"
        }
        environment.output("")
        var families: [String] = []
        for row in rows where !families.contains(row.family) { families.append(row.family) }
        for family in families.sorted() { environment.output(summary("family \(family)", rows.filter { $0.family == family })) }
        environment.output(summary("overall", rows))
    }
}
