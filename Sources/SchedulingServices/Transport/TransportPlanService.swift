import Crypto
import Foundation
import Planning
import SchedulingDomain

/// Next-day plans and re-plans as solve jobs, and their commit (PT-03, PT-04): a plan job plans
/// the stored day (its live journeys, its shifts, the contract's standards) in the background;
/// its result is a proposal that names the day it was made from. Committing stores the plan as
/// the day's next version and marks its journeys planned — unless the day changed since (a
/// booking, a cancellation, a shift, another commit), which is a conflict and changes nothing.
public struct TransportPlanService: Sendable {
    let env: ServiceEnvironment
    let planning = TransportDayPlanning()

    /// The plan job kind's name.
    public static let jobKind = "transport-plan"

    /// Creates the service.
    public init(_ environment: ServiceEnvironment) { env = environment }

    /// What a plan job is asked: the day and cluster, how long to search, and for a re-plan the breakdown.
    public struct PlanRequest: Codable, Sendable, Equatable {
        /// The day (YYYY-MM-DD).
        public var date: String?
        /// The cluster planned (its code; nil: the first).
        public var cluster: String?
        /// Seconds the search may take (1–120; 30 for a plan, 1 for a re-plan).
        public var timeLimitSeconds: Int?
        /// A re-plan of the committed plan from a time: after vehicles broke down or crews went
        /// sick (their shifts), or with none named, for bookings, cancellations and changes since.
        public var breakdown: Breakdown?
        /// Hand edits (PT-03): journeys moved in a plan job's plan or, with no job named, in the
        /// committed plan; the job works out the times and every rule broken, searching nothing.
        public var edit: Edit?

        /// The time the re-plan starts from (HH:MM) and the shifts that stop then (none: all go on).
        public struct Breakdown: Codable, Sendable, Equatable {
            public var at: String?
            public var shiftIDs: [String]?
            public init(at: String? = nil, shiftIDs: [String]? = nil) {
                self.at = at
                self.shiftIDs = shiftIDs
            }
        }

        /// Creates a request.
        public init(date: String? = nil, cluster: String? = nil, timeLimitSeconds: Int? = nil, breakdown: Breakdown? = nil, edit: Edit? = nil) {
            self.date = date
            self.cluster = cluster
            self.timeLimitSeconds = timeLimitSeconds
            self.breakdown = breakdown
            self.edit = edit
        }

        /// The request's values, or every field that is wrong.
        func validated() throws(ServiceError) -> Valid {
            var c = ValidationCollector()
            let day = c.requireDate(date, at: "date")
            if let cluster, !TransportContract.isCode(cluster) { c.add("cluster", "cluster.code", "cluster must be a cluster's code (lower-case letters, digits and hyphens).") }
            let seconds = timeLimitSeconds ?? (breakdown == nil ? 30 : 1)
            if !(1...120).contains(seconds) { c.add("timeLimitSeconds", "plan.timeLimit", "timeLimitSeconds must be between 1 and 120.") }
            var broken: (LocalTime, Set<VehicleShift.ID>)?
            if let breakdown {
                let at = TransportBookingService.time(breakdown.at, at: "breakdown.at", required: true, &c)
                let ids = breakdown.shiftIDs ?? []
                if ids.count > 100 { c.add("breakdown.shiftIDs", "plan.tooMany", "breakdown.shiftIDs may name at most 100 shifts.") }
                if let at { broken = (at, Set(ids.map { VehicleShift.ID($0) })) }
            }
            let edit = self.edit.flatMap { $0.validated(&c) }
            if self.edit != nil && breakdown != nil { c.add("edit", "plan.editAndReplan", "A plan job either re-plans from a time or edits a plan by hand, not both.") }
            guard let day, c.issues.isEmpty else { throw .invalid(c.issues) }
            return Valid(date: day, cluster: TransportCluster.code(cluster), seconds: seconds, breakdown: broken, edit: edit)
        }

        /// A request's values once every field holds.
        struct Valid {
            var date: LocalDate
            var cluster: String
            var seconds: Int
            var breakdown: (at: LocalTime, shifts: Set<VehicleShift.ID>)?
            var edit: ValidEdit?
        }
    }

    /// A plan job's result: the plan, whether it passed both checks, its indicators, and the day
    /// it was made from (so that a commit can tell whether the day changed since).
    public struct Proposal: Codable, Sendable, Equatable {
        public var date: LocalDate
        /// The cluster planned (nil: the first, as proposals made before there were clusters say).
        public var cluster: String? = nil
        /// ``TransportPlanService/fingerprint(_:)`` of the day planned.
        public var basis: String
        /// The committed version the plan replaces (nil: none yet).
        public var basedOnVersion: Int?
        public var plan: TransportPlan
        /// Both checks passed (the engine's independent checker and the domain check).
        public var checked: Bool
        /// What the checks found, if anything (ids only).
        public var violations: [String]
        public var kpis: TransportKPIs
        /// Metres driven plus penalties for journeys left out.
        public var cost: Int?
        /// For a re-plan: when, which vehicles, and what happened to the work in hand.
        public var replan: Replan?
        /// Journeys the fleet leaves out that third-party providers would take, at their prices;
        /// each needs a transport manager's authorisation before the plan commits (PT-05).
        public var thirdParty: [ThirdPartyBooking]
        /// For hand edits: the plan edited, the moves, and every rule the edited plan breaks.
        public var edit: EditSummary? = nil

        /// Whether the plan still answers the day: made from these journeys, shifts and standards,
        /// replacing the version committed now.
        public func isCurrent(for day: TransportDay, committed: CommittedTransportPlan?) -> Bool {
            committed?.version == basedOnVersion && TransportPlanService.fingerprint(day) == basis
        }

        public struct Replan: Codable, Sendable, Equatable {
            public var at: LocalTime
            public var brokenShiftIDs: [VehicleShift.ID]
            public var frozenMoved: Int
            public var rescues: Int
            public var rescued: Int
        }
    }

    /// The plan job kind (for a server's job workers): plans or re-plans the stored day.
    public var planJob: SolveJobKind {
        let service = self
        return SolveJobKind(
            name: Self.jobKind, roles: TransportBookingService.officeRoles,
            validate: { input, _ in
                let request: PlanRequest
                do { request = try JSONDecoder().decode(PlanRequest.self, from: Data(input.utf8)) } catch {
                    throw ServiceError.invalid([.init(path: "", code: "plan.input", message: "The plan request could not be read as JSON.")])
                }
                _ = try request.validated()
            },
            run: { context in try await service.run(context) })
    }

    /// Starts planning (or re-planning) a day as a job; its result is a ``Proposal``.
    public func start(_ request: PlanRequest, jobs: SolveJobService, by caller: Caller) async throws -> SolveJob {
        try caller.require(anyOf: TransportBookingService.officeRoles, to: "plan transport")
        let valid = try request.validated()
        _ = try await env.store.read { try await TransportBookingService.cluster(request.cluster, at: "cluster", in: $0) }
        if let breakdown = valid.breakdown {
            let (day, committed) = try await env.store.read { try await Self.day(on: valid.date, cluster: valid.cluster, in: $0) }
            let known = Set(day.shifts.map(\.id))
            var c = ValidationCollector()
            if committed == nil { c.add("date", "replan.noPlan", "date \(valid.date) has no committed plan to re-plan; plan the day first.") }
            for id in breakdown.shifts.sorted() where !known.contains(id) {
                c.add("breakdown.shiftIDs", "replan.unknownShift", "breakdown.shiftIDs: shift \(id) is not on \(valid.date).")
            }
            if !c.issues.isEmpty { throw ServiceError.invalid(c.issues) }
        }
        if let edit = valid.edit {
            // Timing an edit takes milliseconds: a move that does not fit its run is refused here.
            let (source, outsourcing) = try await env.store.read { s in
                (try await Self.editSource(edit, on: valid.date, cluster: valid.cluster, in: s), try await Self.outsourcing(of: valid.cluster, on: valid.date, in: s))
            }
            _ = try Self.editedProposal(edit, cluster: valid.cluster, source: source, outsourcing: outsourcing, planning: planning)
        }
        let input = String(decoding: try JSONEncoder().encode(request), as: UTF8.self)
        return try await jobs.start(kind: Self.jobKind, input: input, by: caller)
    }

    /// Runs a plan job: loads the day, plans it on a thread of its own, and answers the proposal.
    func run(_ context: SolveJobContext) async throws -> String {
        let request = try JSONDecoder().decode(PlanRequest.self, from: Data(context.job.input.utf8))
        let valid = try request.validated()
        let outsourcing = try await env.store.read { try await Self.outsourcing(of: valid.cluster, on: valid.date, in: $0) }
        if let edit = valid.edit {
            let source = try await env.store.read { try await Self.editSource(edit, on: valid.date, cluster: valid.cluster, in: $0) }
            context.report(progress: 0.5, note: "timing the edited plan")
            let proposal = try Self.editedProposal(edit, cluster: valid.cluster, source: source, outsourcing: outsourcing, planning: planning)
            return String(decoding: try JSONEncoder().encode(proposal), as: UTF8.self)
        }
        let (day, committed) = try await env.store.read { try await Self.day(on: valid.date, cluster: valid.cluster, in: $0) }
        let control = SolveControl()
        context.onCancel { control.cancel() }
        let watch = PlanWatch(control: control) { fraction, cost, unplanned in
            context.report(progress: fraction, note: "best so far: \(cost / 1_000) km driven, \(unplanned) journeys left out")
        }
        context.report(progress: 0, note: "planning \(day.liveJourneys.count) journeys on \(day.shifts.count) vehicles")
        let planning = planning, basis = Self.fingerprint(day)
        let proposal = try await DedicatedThread.run(name: "kairos-transport-\(context.job.id.rawValue)") { () throws -> Proposal in
            if let broken = valid.breakdown {
                guard let committed else { throw SolveJobFailure("\(valid.date) has no committed plan to re-plan.") }
                let r = try planning.replan(day, plan: committed.plan, at: broken.at, broken: broken.shifts, timeLimit: .seconds(valid.seconds),
                                            outsourcing: outsourcing, watch: watch)
                return Proposal(date: day.date, cluster: valid.cluster, basis: basis, basedOnVersion: committed.version, plan: r.plan, checked: r.checked,
                                violations: r.engineViolations + r.domainViolations.map(\.description), kpis: TransportKPIs.of(r.plan, day: day), cost: nil,
                                replan: .init(at: broken.at, brokenShiftIDs: broken.shifts.sorted(), frozenMoved: r.frozenMoved, rescues: r.rescues, rescued: r.rescued),
                                thirdParty: r.thirdParty)
            }
            let r = try planning.plan(day, timeLimit: .seconds(valid.seconds), outsourcing: outsourcing, watch: watch)
            return Proposal(date: day.date, cluster: valid.cluster, basis: basis, basedOnVersion: committed?.version, plan: r.plan, checked: r.checked,
                            violations: r.engineViolations + r.domainViolations.map(\.description), kpis: r.kpis, cost: r.cost, replan: nil,
                            thirdParty: r.thirdParty)
        }
        return String(decoding: try JSONEncoder().encode(proposal), as: UTF8.self)
    }

    /// A finished plan job's proposal.
    public func proposal(jobID: SolveJob.ID, jobs: SolveJobService, by caller: Caller) async throws -> Proposal {
        let job = try await jobs.job(id: jobID, by: caller)
        guard job.kind == Self.jobKind else { throw ServiceError.notFound(entity: "Plan job", id: jobID.rawValue) }
        guard job.status == .succeeded || job.status == .cancelled, let result = job.result else {
            throw ServiceError.conflict(code: "plan.notReady", message: "Plan job \(jobID.rawValue) has no plan yet (\(job.status.rawValue)).")
        }
        return try JSONDecoder().decode(Proposal.self, from: Data(result.utf8))
    }

    /// Commits a plan job's plan as the day's plan: stored as the next version, its journeys marked
    /// planned (those it leaves out back to booked), and each patient whose pickup it moves by
    /// more than 15 minutes from the version it replaces, or whose journey a third party now
    /// takes, told (``TransportPickupNotices``). A day
    /// changed since the plan was made, or another commit first, is a conflict; a plan that
    /// failed its checks is refused.
    public func commit(jobID: SolveJob.ID, jobs: SolveJobService, by caller: Caller) async throws -> CommittedTransportPlan {
        try caller.require(anyOf: TransportBookingService.officeRoles, to: "commit transport plans")
        let proposal = try await proposal(jobID: jobID, jobs: jobs, by: caller)
        guard proposal.checked else {
            throw ServiceError.conflict(code: "plan.unchecked", message: "Plan job \(jobID.rawValue)'s plan broke a rule when checked; it cannot be committed.")
        }
        let now = env.clock.now()
        return try await env.store.write { session in
            let authorised = try await session.thirdPartyAuthorisations.authorisations(jobID: jobID)
            let missing = proposal.thirdParty.filter { b in !authorised.contains { $0.journeyID == b.journeyID && $0.providerID == b.providerID && $0.pricePence == b.pricePence } }
            guard missing.isEmpty else {
                throw ServiceError.conflict(code: "plan.unauthorised",
                                            message: "\(missing.count) third-party journey\(missing.count == 1 ? "" : "s") in this plan await a transport manager's authorisation.")
            }
            let cluster = TransportCluster.code(proposal.cluster)
            let (day, committed) = try await Self.day(on: proposal.date, cluster: cluster, in: session)
            guard proposal.isCurrent(for: day, committed: committed) else {
                throw ServiceError.conflict(code: "plan.stale", message: "The day \(proposal.date) changed after this plan was made (a booking, a cancellation, a shift or another commit); plan it again.")
            }
            try await Self.checkProviderLimits(proposal.thirdParty, cluster: cluster, on: proposal.date, in: session)
            let record = CommittedTransportPlan(plan: proposal.plan, version: (committed?.version ?? 0) + 1, basis: proposal.basis, jobID: jobID,
                                                committedAt: now, committedBy: caller.principal.actorID, thirdParty: proposal.thirdParty, clusterID: cluster)
            guard try await session.transportPlans.save(record, replacing: committed?.version) else {
                throw ServiceError.conflict(code: "plan.stale", message: "Another plan for \(proposal.date) was committed first; plan it again.")
            }
            let planned = Set(proposal.plan.runs.flatMap { $0.stops.map(\.journeyID) } + proposal.thirdParty.map(\.journeyID))
            for var journey in day.journeys {
                let status: TransportJourney.Status? = planned.contains(journey.id) ? (journey.status == .booked || journey.status == .confirmed ? .planned : nil)
                    : (journey.status == .planned ? .booked : nil)
                guard let status else { continue }
                journey.status = status
                try await session.transportJourneys.update(journey)
            }
            let notices = try await TransportPickupNotices.queue(replacing: committed, with: proposal.plan, thirdParty: proposal.thirdParty, day: day,
                                                                 in: session, env: env, now: now)
            try await AuditTrail.record(.init(action: "transport.plan.commit", entityType: "transport-plan", entityID: proposal.date.iso,
                                              detail: "cluster=\(cluster) version=\(record.version) job=\(jobID.rawValue) planned=\(planned.count) thirdParty=\(proposal.thirdParty.count) unplanned=\(proposal.plan.unplanned.count - proposal.thirdParty.count) pickupNotices=\(notices)"),
                                        by: caller, at: now, in: session)
            return record
        }
    }

    /// The day's committed plan of cluster `cluster` (nil: the first), if any.
    public func committed(on date: LocalDate, cluster: String? = nil, by caller: Caller) async throws -> CommittedTransportPlan? {
        try await board(on: date, cluster: cluster, by: caller).committed
    }

    /// A day as the board shows it: the stored journeys and shifts, the committed plan and its indicators.
    public struct Board: Sendable {
        /// The cluster shown, and every cluster (to choose another).
        public var cluster: TransportCluster
        public var clusters: [TransportCluster]
        public var day: TransportDay
        public var committed: CommittedTransportPlan?
        public var kpis: TransportKPIs?
        /// The tile layer under the route map, if the trust has one.
        public var mapTiles: MapTiles? = nil
        /// The shifts a period off the road takes out or cuts (``day`` has what is left).
        public var offRoad: [OffRoadShift] = []
    }

    /// The day's board for cluster `cluster` (nil: the first; one not on record is a field error).
    public func board(on date: LocalDate, cluster: String? = nil, by caller: Caller) async throws -> Board {
        try caller.require(anyOf: TransportBookingService.officeRoles, to: "read transport plans")
        return try await env.store.read { s in
            let chosen = try await TransportBookingService.cluster(cluster, at: "cluster", in: s)
            let (day, committed, offRoad) = try await Self.dayAndOffRoad(on: date, cluster: chosen.id, in: s)
            return Board(cluster: chosen, clusters: try await TransportBookingService.clusters(in: s), day: day, committed: committed,
                         kpis: committed.map { TransportKPIs.of($0.plan, day: day) }, mapTiles: try await TransportBookingService.mapTiles(in: s), offRoad: offRoad)
        }
    }

    /// Roles that authorise third-party transport and set the providers.
    public static let managerRoles: Set<Role> = [.admin, .transportManager]

    /// The third-party providers.
    public func providers(by caller: Caller) async throws -> [ThirdPartyProvider] {
        try caller.require(anyOf: TransportBookingService.officeRoles, to: "read third-party providers")
        return try await env.store.read { try await Self.providers(in: $0) }
    }

    /// Sets the third-party providers (audited).
    public func setProviders(_ providers: [ThirdPartyProvider], by caller: Caller) async throws -> [ThirdPartyProvider] {
        try caller.require(anyOf: Self.managerRoles, to: "set third-party providers")
        var c = ValidationCollector()
        for (k, p) in providers.enumerated() { c.add(contentsOf: p.validate(), under: "[\(k)]") }
        if Set(providers.map(\.id)).count != providers.count { c.add("", "provider.duplicate", "Each provider needs its own id.") }
        if providers.count > 50 { c.add("", "provider.tooMany", "At most 50 providers.") }
        guard c.issues.isEmpty else { throw ServiceError.invalid(c.issues) }
        let now = env.clock.now()
        try await env.store.write { session in
            try await session.settings.setEncoded(providers, for: ThirdPartyProvider.key)
            try await AuditTrail.record(.init(action: "transport.providers.set", entityType: "transport-providers", entityID: ThirdPartyProvider.key,
                                              detail: "providers=\(providers.count)"), by: caller, at: now, in: session)
        }
        return providers
    }

    static func providers(in session: any StoreSession) async throws -> [ThirdPartyProvider] {
        try await session.settings.decoded([ThirdPartyProvider].self, for: ThirdPartyProvider.key, what: "third-party providers") ?? []
    }

    /// A transport manager authorises every third-party journey a plan job proposes (PT-05),
    /// each audited with its provider and price; the plan may then commit.
    public func authorise(jobID: SolveJob.ID, jobs: SolveJobService, by caller: Caller) async throws -> [ThirdPartyAuthorisation] {
        try caller.require(anyOf: Self.managerRoles, to: "authorise third-party transport")
        let proposal = try await proposal(jobID: jobID, jobs: jobs, by: caller)
        guard !proposal.thirdParty.isEmpty else {
            throw ServiceError.conflict(code: "plan.noThirdParty", message: "Plan job \(jobID.rawValue) proposes no third-party journeys.")
        }
        let now = env.clock.now()
        return try await env.store.write { session in
            for booking in proposal.thirdParty {
                let record = ThirdPartyAuthorisation(jobID: jobID, journeyID: booking.journeyID, providerID: booking.providerID, pricePence: booking.pricePence,
                                                     authorisedBy: caller.principal.actorID, authorisedAt: now)
                if try await session.thirdPartyAuthorisations.insert(record) {
                    try await AuditTrail.record(.init(action: "transport.thirdParty.authorise", entityType: "transport-journey", entityID: booking.journeyID.rawValue,
                                                      detail: "job=\(jobID.rawValue) provider=\(booking.providerID) pricePence=\(booking.pricePence)"),
                                                by: caller, at: now, in: session)
                }
            }
            return try await session.thirdPartyAuthorisations.authorisations(jobID: jobID)
        }
    }

    /// A plan job's authorisations so far.
    public func authorisations(jobID: SolveJob.ID, by caller: Caller) async throws -> [ThirdPartyAuthorisation] {
        try caller.require(anyOf: TransportBookingService.officeRoles, to: "read authorisations")
        return try await env.store.read { try await $0.thirdPartyAuthorisations.authorisations(jobID: jobID) }
    }

    /// The manager's queue: finished plan jobs whose third-party journeys are not all authorised
    /// and whose day has not changed since, newest first.
    public func awaitingAuthorisation(by caller: Caller) async throws -> [(job: SolveJob, proposal: Proposal)] {
        try caller.require(anyOf: Self.managerRoles, to: "read the authorisation queue")
        return try await env.store.read { session in
            var found: [(SolveJob, Proposal)] = []
            // Each day read once, however many plans for it wait.
            var days: [String: (TransportDay, CommittedTransportPlan?)] = [:]
            for job in try await session.solveJobs.recent(createdBy: nil, limit: 200, offset: 0)
            where job.kind == Self.jobKind && job.status == .succeeded {
                guard let result = job.result, let proposal = try? JSONDecoder().decode(Proposal.self, from: Data(result.utf8)), !proposal.thirdParty.isEmpty else { continue }
                let authorised = try await session.thirdPartyAuthorisations.authorisations(jobID: job.id)
                guard authorised.count < proposal.thirdParty.count else { continue }
                let cluster = TransportCluster.code(proposal.cluster), key = "\(proposal.date.iso) \(cluster)"
                if days[key] == nil { days[key] = try await Self.day(on: proposal.date, cluster: cluster, in: session) }
                guard let (day, committed) = days[key], proposal.isCurrent(for: day, committed: committed) else { continue }
                found.append((job, proposal))
            }
            return found
        }
    }

    /// What a plan depends on: the standards (the other contracts' too), the journeys not cancelled (not their status: a
    /// crew recording a pickup or a delivery leaves a plan as good as it was) and the shifts, hashed.
    public static func fingerprint(_ day: TransportDay) -> String {
        var text = "\(day.date.iso)|\(day.standards)"
        for contract in day.contracts.dropFirst() { text += "|k:\(contract.id),\(contract.standards)" }
        for j in day.journeys where j.status != .cancelled {
            text += "|j:\(j.id.rawValue),\(j.direction.rawValue),\(j.time.minuteOfDay),\(j.pickup),\(j.destination),\(j.mobility.rawValue),\(j.escorts),\(j.bariatric),\(j.urgent),\(j.ecj)"
                + (j.contractID.map { ",c:\($0)" } ?? "")
        }
        for s in day.shifts {
            text += "|s:\(s.id.rawValue),\(s.start.minuteOfDay),\(s.end.minuteOfDay),\(s.capacity),\(s.crewSize),\(s.base),\(String(describing: s.restBreak)),\(s.bariatric)"
                + (s.convertibleWheelchairSpaces > 0 ? ",folds:\(s.convertibleWheelchairSpaces)" : "")
        }
        return SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
