import Foundation
import Planning
import SchedulingDomain

extension SolveJobKind {
    /// The kinds every Kairos server runs.
    public static var builtIn: [SolveJobKind] { [.routing] }

    /// Every role that may use some kind a server runs (the roles of the job routes): the
    /// built-in kinds' and each service's (the outpatient allocation preview's).
    public static var anyRoles: Set<Role> {
        builtIn.reduce(into: AutoAllocationService.previewJobRoles) { $0.formUnion($1.roles) }
    }

    /// Roles that plan routes: transport and home-care planners, and admins.
    public static let routingRoles: Set<Role> = [.admin, .transportPlanner, .transportManager, .scheduler, .careManager]

    /// Solving a routing problem in Kairos JSON on the engine (input: the problem; options:
    /// `timeLimitSeconds` 1–600, `seed`); the result is the checked solution.
    public static let routing = SolveJobKind(
        name: "routing", roles: routingRoles,
        validate: { input, options in
            let issues = RoutingSolveJob.issues(problem: Data(input.utf8), options: Data(options.utf8))
            if !issues.isEmpty {
                throw ServiceError.invalid(issues.map { ValidationIssue(path: $0.path, code: "routing.invalid", message: $0.message) })
            }
        },
        run: { context in
            let control = SolveControl()
            context.onCancel { control.cancel() }
            let job = context.job
            do {
                return try await DedicatedThread.run(name: "kairos-job-\(job.id.rawValue)") {
                    try RoutingSolveJob.solve(problem: Data(job.input.utf8), options: Data(job.options.utf8), control: control) { fraction, note in
                        context.report(progress: fraction, note: note)
                    }
                }
            } catch let error as RoutingSolveJob.Failure {
                throw SolveJobFailure(error.description)
            }
        })
}
