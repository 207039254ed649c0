import Foundation
import RoutingEngine

/// Solving a routing problem given in Kairos JSON (`docs/kairos-json.md`) as a background job:
/// the problem and options are checked when the job is submitted, solved with progress and
/// cancellation, and the answer is the solution checked by the independent checker, as JSON.
public enum RoutingSolveJob {
    /// How long and how to search.
    public struct Options: Codable, Sendable, Equatable {
        /// Wall-clock limit in seconds (1–600, default 10).
        public var timeLimitSeconds: Double?
        /// Seed of the engine's generator (default 1).
        public var seed: UInt64?

        /// Options with the defaults.
        public init(timeLimitSeconds: Double? = nil, seed: UInt64? = nil) {
            self.timeLimitSeconds = timeLimitSeconds
            self.seed = seed
        }

        var parameters: SolverParameters {
            SolverParameters(timeLimit: .milliseconds(Int64((timeLimitSeconds ?? 10) * 1000)), seed: seed ?? 1)
        }
    }

    /// A problem with the job's input: where (a JSON path) and what.
    public struct Issue: Sendable, Equatable {
        public var path: String
        public var message: String
    }

    /// Every issue with a submitted problem and its options (empty when the job can run).
    public static func issues(problem: Data, options: Data) -> [Issue] {
        var issues: [Issue] = []
        do {
            let decoded = try JSONDecoder().decode(Options.self, from: options)
            if let limit = decoded.timeLimitSeconds, !(1...600).contains(limit) {
                issues.append(Issue(path: "timeLimitSeconds", message: "timeLimitSeconds must be between 1 and 600."))
            }
        } catch let error as DecodingError {
            issues.append(Issue(path: "options", message: KairosJSON.describe(error)))
        } catch {
            issues.append(Issue(path: "options", message: "the options are not JSON."))
        }
        do { _ = try KairosJSON.problem(from: problem) } catch let error as KairosJSON.InvalidFile {
            issues += error.issues.map(issue)
        } catch {
            issues.append(Issue(path: "", message: "the problem is not a Kairos JSON problem."))
        }
        return issues
    }

    /// `path: message` as an issue.
    static func issue(_ text: String) -> Issue {
        guard let colon = text.range(of: ": ") else { return Issue(path: "", message: text) }
        return Issue(path: String(text[..<colon.lowerBound]), message: String(text[colon.upperBound...]))
    }

    /// A failure while solving, in words.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Solves the problem; `progress` hears how far it is (0…1) and a note now and then; `control`
    /// stops it early (the best plan so far is the answer). Returns the solution as JSON.
    public static func solve(problem: Data, options: Data, control: SolveControl,
                             progress: @escaping @Sendable (Double, String) -> Void) throws -> String
    {
        let problem = try KairosJSON.problem(from: problem)
        let options = try JSONDecoder().decode(Options.self, from: options)
        let solution: RoutingSolution
        do {
            solution = try Solver(parameters: options.parameters).solve(problem, cancellation: control.flag) { p in
                progress(p.fraction, "iteration \(p.iteration): cost \(p.bestCost), \(p.routes) routes, \(p.unassigned) unserved")
            }
        } catch let error as Solver.InvalidProblem {
            throw Failure(description: "the problem cannot be solved as given: " + error.issues.joined(separator: " "))
        }
        let violations = SolutionChecker.check(solution, against: problem)
        guard violations.isEmpty else {
            throw Failure(description: "internal error: the solution fails the independent check (\(violations.count) violations).")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(solution), as: UTF8.self)
    }
}

/// Stops a running solve from another thread; the engine returns its best plan so far.
public final class SolveControl: Sendable {
    let flag = CancellationFlag()

    /// A control that has not stopped anything.
    public init() {}

    /// Asks the solve to stop.
    public func cancel() { flag.cancel() }

    /// Whether a stop was asked for.
    public var isCancelled: Bool { flag.isCancelled }
}
