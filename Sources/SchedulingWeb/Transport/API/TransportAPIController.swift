import Foundation
import Hummingbird
import SchedulingDomain
import SchedulingServices

/// `/api/v1/transport/…` (PT-01 … PT-07): the contract, bookings, shifts, plan jobs and their
/// commit, committed plans, run sheets.
struct TransportAPIController {
    let shared: SharedServices
    let transport: TransportServices

    struct CallBody: Codable, Sendable {
        var outcome: String?
    }

    struct ReadyBody: Codable, Sendable {
        var time: String?
    }

    struct CancellationBody: Codable, Sendable {
        var reason: String?
    }

    /// A committed plan with its indicators.
    struct PlanView: Encodable, Sendable {
        var plan: TransportPlan
        var version: Int
        var basis: String
        var jobID: SolveJob.ID
        var committedAt: Date
        var committedBy: String
        var kpis: TransportKPIs?
        var thirdParty: [ThirdPartyBooking]
        var clusterID: String
    }

    /// A site's clinic-list address, as sent and answered.
    struct AddressBody: Codable, Sendable {
        var email: String
    }

    /// A cluster as sent to `PUT /clusters/{code}`: the code comes from the path.
    struct ClusterBody: Decodable {
        var name: String
    }

    /// A vehicle as sent to `PUT /vehicles/{code}`: the code comes from the path, and folding
    /// seats, bariatric and periods off the road may be left out.
    struct VehicleBody: Decodable {
        var vehicle: TransportVehicle
        enum Keys: String, CodingKey { case name, capacity, convertibleWheelchairSpaces, bariatric, baseID, offRoad, clusterID }
        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: Keys.self)
            vehicle = TransportVehicle(id: "", name: try c.decode(String.self, forKey: .name), capacity: try c.decode(VehicleSpace.self, forKey: .capacity),
                                       convertibleWheelchairSpaces: try c.decodeIfPresent(Int.self, forKey: .convertibleWheelchairSpaces) ?? 0,
                                       bariatric: try c.decodeIfPresent(Bool.self, forKey: .bariatric) ?? false, baseID: try c.decodeIfPresent(String.self, forKey: .baseID),
                                       offRoad: try c.decodeIfPresent([TransportVehicle.OffRoad].self, forKey: .offRoad) ?? [],
                                       clusterID: try c.decodeIfPresent(String.self, forKey: .clusterID))
        }
    }

    /// A crew member by id and name, with their training if on record.
    struct CrewView: Encodable, Sendable {
        var userID: String
        var name: String
        var skills: [CrewSkill]?
        init(_ member: TransportBookingService.CrewMember) {
            userID = member.user.id.rawValue
            name = member.user.displayName
            skills = member.skills.map { $0.sorted { $0.rawValue < $1.rawValue } }
        }
    }

    /// What a crew member is trained for, as sent.
    struct CrewSkillsBody: Decodable {
        var skills: [CrewSkill]
    }

    /// A period off the road recorded, and the shifts on record it cuts.
    struct OffRoadView: Encodable, Sendable {
        var vehicle: TransportVehicle
        var cut: [VehicleShift]
    }

    /// The contracts' reports over days: the lead's name, every contract by code and name, and
    /// each day with every contract's share.
    struct ReportsView: Encodable, Sendable {
        struct Contract: Encodable, Sendable {
            var id: String
            var name: String
            var commissioner: String?
        }
        var contract: String
        var cluster: TransportCluster
        var contracts: [Contract]
        var days: [TransportDayReport]
    }

    static func date(_ request: Request, required: Bool) throws -> LocalDate? {
        var reader = QueryReader(request.uri.queryParameters)
        let date = reader.date("date", required: required)
        try reader.finish()
        return date
    }

    func register(_ routes: RouteRegistrar) {
        let bookings = transport.bookings, plans = transport.plans, jobs = shared.jobs
        routes.add(TransportRoutes.apiClustersList) { request, context in
            try JSONResponse(value: try await bookings.clusters(by: context.caller())).response(from: request, context: context)
        }
        routes.add(TransportRoutes.apiClusterSave) { request, context in
            let code = try context.parameters.require("code")
            var request = request
            let input = try await request.decodeJSON(ClusterBody.self, context: context)
            let saved = try await bookings.saveCluster(TransportCluster(id: code, name: input.name), by: context.caller())
            return try JSONResponse(value: saved).response(from: request, context: context)
        }
        routes.add(TransportRoutes.apiClusterRemove) { request, context in
            let code = try context.parameters.require("code")
            return try JSONResponse(value: try await bookings.removeCluster(id: code, by: context.caller())).response(from: request, context: context)
        }
        routes.add(TransportRoutes.apiShiftSplit) { request, context in
            let id = VehicleShift.ID(try context.parameters.require("id"))
            let parts = try await bookings.splitShift(id: id, by: context.caller())
            return try JSONResponse(value: [parts.before, parts.after], status: .created).response(from: request, context: context)
        }
        routes.add(TransportRoutes.apiContractRead) { request, context in
            try JSONResponse(value: try await bookings.contract(by: context.caller())).response(from: request, context: context)
        }
        routes.add(TransportRoutes.apiContractSet) { request, context in
            var request = request
            let input = try await request.decodeJSON(TransportContract.self, context: context)
            return try JSONResponse(value: try await bookings.setContract(input, by: context.caller())).response(from: request, context: context)
        }
        routes.add(TransportRoutes.apiContractsList) { request, context in
            try JSONResponse(value: try await bookings.contracts(by: context.caller())).response(from: request, context: context)
        }
        routes.add(TransportRoutes.apiContractSave) { request, context in
            let code = try context.parameters.require("code")
            var request = request
            var input = try await request.decodeJSON(TransportContract.self, context: context)
            input.id = code
            return try JSONResponse(value: try await bookings.saveContract(input, by: context.caller())).response(from: request, context: context)
        }
        routes.add(TransportRoutes.apiContractRemove) { request, context in
            let code = try context.parameters.require("code")
            return try JSONResponse(value: try await bookings.removeContract(id: code, by: context.caller())).response(from: request, context: context)
        }
        routes.add(TransportRoutes.apiVehiclesList) { request, context in
            try JSONResponse(value: try await bookings.vehicles(by: context.caller())).response(from: request, context: context)
        }
        routes.add(TransportRoutes.apiVehicleSave) { request, context in
            let code = try context.parameters.require("code")
            var request = request
            var input = try await request.decodeJSON(VehicleBody.self, context: context).vehicle
            input.id = code
            return try JSONResponse(value: try await bookings.saveVehicle(input, by: context.caller())).response(from: request, context: context)
        }
        routes.add(TransportRoutes.apiVehicleRemove) { request, context in
            let code = try context.parameters.require("code")
            return try JSONResponse(value: try await bookings.removeVehicle(id: code, by: context.caller())).response(from: request, context: context)
        }
        routes.add(TransportRoutes.apiVehicleOffRoad) { request, context in
            let code = try context.parameters.require("code")
            var request = request
            let period = try await request.decodeJSON(TransportVehicle.OffRoad.self, context: context)
            let (vehicle, cut) = try await bookings.takeOffRoad(vehicleID: code, period, by: context.caller())
            return try JSONResponse(value: OffRoadView(vehicle: vehicle, cut: cut), status: .created).response(from: request, context: context)
        }
        routes.add(TransportRoutes.apiVehicleOnRoad) { request, context in
            let code = try context.parameters.require("code")
            guard let index = Int(try context.parameters.require("index")), index >= 1 else {
                throw ServiceError.notFound(entity: "Period off the road", id: "\(code) #\(context.parameters.get("index") ?? "")")
            }
            return try JSONResponse(value: try await bookings.endOffRoad(vehicleID: code, index: index - 1, by: context.caller())).response(from: request, context: context)
        }
        routes.add(TransportRoutes.apiCrewList) { request, context in
            try JSONResponse(value: try await bookings.crew(by: context.caller()).map(CrewView.init)).response(from: request, context: context)
        }
        routes.add(TransportRoutes.apiCrewSkills) { request, context in
            let userID = UserAccount.ID(try context.parameters.require("userId"))
            var request = request
            let body = try await request.decodeJSON(CrewSkillsBody.self, context: context)
            return try JSONResponse(value: CrewView(try await bookings.setCrewSkills(userID: userID, Set(body.skills), by: context.caller())))
                .response(from: request, context: context)
        }
        routes.add(TransportRoutes.apiJourneysCreate) { request, context in
            var request = request
            let input = try await request.decodeJSON(JourneyInput.self, context: context)
            return try JSONResponse(value: try await bookings.book(input, by: context.caller()), status: .created).response(from: request, context: context)
        }
        routes.add(TransportRoutes.apiJourneysImport) { request, context in
            let text = try await ReferralsAPIController.text(request, context: context)
            return try JSONResponse(value: try await bookings.importCSV(text, by: context.caller()), status: .created).response(from: request, context: context)
        }
        routes.add(TransportRoutes.apiJourneysList) { request, context in
            let date = try Self.date(request, required: true)!
            return try JSONResponse(value: try await bookings.journeys(on: date, by: context.caller())).response(from: request, context: context)
        }
        routes.add(TransportRoutes.apiJourneyRead) { request, context in
            let id = TransportJourney.ID(try context.parameters.require("id"))
            return try JSONResponse(value: try await bookings.journey(id: id, by: context.caller())).response(from: request, context: context)
        }
        routes.add(TransportRoutes.apiJourneyCancel) { request, context in
            var request = request
            let id = TransportJourney.ID(try context.parameters.require("id"))
            let body = try await request.decodeJSON(CancellationBody.self, context: context)
            return try JSONResponse(value: try await bookings.cancel(id: id, reason: body.reason, by: context.caller())).response(from: request, context: context)
        }
        routes.add(TransportRoutes.apiJourneyReady) { request, context in
            var request = request
            let id = TransportJourney.ID(try context.parameters.require("id"))
            let body = try await request.decodeJSON(ReadyBody.self, context: context)
            return try JSONResponse(value: try await bookings.changeReadyTime(id: id, time: body.time, by: context.caller())).response(from: request, context: context)
        }
        routes.add(TransportRoutes.apiRunSheetCalendar) { _, context in
            let id = VehicleShift.ID(try context.parameters.require("shiftId"))
            let sheet = try await transport.runSheets.sheet(shiftID: id, by: context.caller())
            let body = RunSheetCalendar.ics(sheet, calendar: shared.environment.calendar)
            return Response(status: .ok, headers: [.contentType: "text/calendar; charset=utf-8", .contentDisposition: "inline; filename=\"run-sheet-\(id.rawValue).ics\""],
                            body: .init(byteBuffer: .init(string: body)))
        }
        routes.add(TransportRoutes.apiJourneyEvent) { request, context in
            var request = request
            let id = TransportJourney.ID(try context.parameters.require("id"))
            let input = try await request.decodeJSON(JourneyEventInput.self, context: context)
            return try JSONResponse(value: try await transport.runSheets.record(journeyID: id, input, by: context.caller())).response(from: request, context: context)
        }
        routes.add(TransportRoutes.apiProvidersRead) { request, context in
            try JSONResponse(value: try await plans.providers(by: context.caller())).response(from: request, context: context)
        }
        routes.add(TransportRoutes.apiProvidersSet) { request, context in
            var request = request
            let input = try await request.decodeJSON([ThirdPartyProvider].self, context: context)
            return try JSONResponse(value: try await plans.setProviders(input, by: context.caller())).response(from: request, context: context)
        }
        routes.add(TransportRoutes.apiClinicListSend) { request, context in
            var reader = QueryReader(request.uri.queryParameters)
            let date = reader.date("date") ?? shared.environment.today
            try reader.finish()
            let site = ClinicLocation.ID(try context.parameters.require("siteId"))
            return try JSONResponse(value: try await transport.clinicLists.send(siteID: site, on: date, by: context.caller()), status: .accepted)
                .response(from: request, context: context)
        }
        routes.add(TransportRoutes.apiClinicListAddressSet) { request, context in
            let site = ClinicLocation.ID(try context.parameters.require("siteId"))
            var request = request
            let input = try await request.decodeJSON(AddressBody.self, context: context)
            let email = try await transport.clinicLists.setAddress(siteID: site, email: input.email, by: context.caller())
            return try JSONResponse(value: AddressBody(email: email ?? "")).response(from: request, context: context)
        }
        routes.add(TransportRoutes.apiClinicListAddressRemove) { _, context in
            _ = try await transport.clinicLists.setAddress(siteID: .init(try context.parameters.require("siteId")), email: nil, by: context.caller())
            return Response(status: .noContent)
        }
        routes.add(TransportRoutes.apiMapTilesRead) { request, context in
            guard let tiles = try await bookings.mapTiles(by: context.caller()) else {
                throw ServiceError.notFound(entity: "Map tile layer", id: MapTiles.key)
            }
            return try JSONResponse(value: tiles).response(from: request, context: context)
        }
        routes.add(TransportRoutes.apiMapTilesSet) { request, context in
            var request = request
            let input = try await request.decodeJSON(MapTiles.self, context: context)
            return try JSONResponse(value: try await bookings.setMapTiles(input, by: context.caller())).response(from: request, context: context)
        }
        routes.add(TransportRoutes.apiMapTilesRemove) { _, context in
            _ = try await bookings.setMapTiles(nil, by: context.caller())
            return Response(status: .noContent)
        }
        routes.add(TransportRoutes.apiBasesRead) { request, context in
            try JSONResponse(value: try await bookings.bases(by: context.caller())).response(from: request, context: context)
        }
        routes.add(TransportRoutes.apiBasesSet) { request, context in
            var request = request
            let input = try await request.decodeJSON([TransportBase].self, context: context)
            return try JSONResponse(value: try await bookings.setBases(input, by: context.caller())).response(from: request, context: context)
        }
        routes.add(TransportRoutes.apiAuthorise) { request, context in
            let job = try await Self.planJob(context, jobs: jobs)
            return try JSONResponse(value: try await plans.authorise(jobID: job.id, jobs: jobs, by: context.caller())).response(from: request, context: context)
        }
        routes.add(TransportRoutes.apiCallList) { request, context in
            let date = try Self.date(request, required: true)!
            return try JSONResponse(value: try await transport.calls.list(on: date, by: context.caller()).map(\.journey)).response(from: request, context: context)
        }
        routes.add(TransportRoutes.apiCallRecord) { request, context in
            var request = request
            let id = TransportJourney.ID(try context.parameters.require("id"))
            let body = try await request.decodeJSON(CallBody.self, context: context)
            return try JSONResponse(value: try await transport.calls.record(journeyID: id, outcome: body.outcome, by: context.caller())).response(from: request, context: context)
        }
        routes.add(TransportRoutes.apiShiftsCreate) { request, context in
            var request = request
            let input = try await request.decodeJSON(ShiftInput.self, context: context)
            return try JSONResponse(value: try await bookings.addShift(input, by: context.caller()), status: .created).response(from: request, context: context)
        }
        routes.add(TransportRoutes.apiShiftsList) { request, context in
            let date = try Self.date(request, required: true)!
            return try JSONResponse(value: try await bookings.shifts(on: date, by: context.caller())).response(from: request, context: context)
        }
        routes.add(TransportRoutes.apiPlanJobsCreate) { request, context in
            var request = request
            let input = try await request.decodeJSON(TransportPlanService.PlanRequest.self, context: context)
            let job = try await plans.start(input, jobs: jobs, by: context.caller())
            var response = try JobsAPIController.respond(Self.view(job), status: .accepted)
            response.headers[.location] = "/api/v1/transport/plan-jobs/\(job.id.rawValue)"
            return response
        }
        routes.add(TransportRoutes.apiPlanJobRead) { _, context in
            try JobsAPIController.respond(Self.view(try await Self.planJob(context, jobs: jobs)))
        }
        routes.add(TransportRoutes.apiPlanJobCancel) { _, context in
            let job = try await Self.planJob(context, jobs: jobs)
            return try JobsAPIController.respond(Self.view(try await jobs.cancel(id: job.id, by: context.caller())))
        }
        routes.add(TransportRoutes.apiPlanJobCommit) { request, context in
            let job = try await Self.planJob(context, jobs: jobs)
            let committed = try await plans.commit(jobID: job.id, jobs: jobs, by: context.caller())
            let board = try await plans.board(on: committed.plan.date, cluster: committed.clusterID, by: context.caller())
            return try JSONResponse(value: Self.view(committed, kpis: board.kpis)).response(from: request, context: context)
        }
        routes.add(TransportRoutes.apiReports) { request, context in
            var reader = QueryReader(request.uri.queryParameters)
            let today = shared.environment.today
            let from = reader.date("from") ?? today.adding(days: -12), to = reader.date("to") ?? today.adding(days: 1)
            let code = reader.text("cluster")
            try reader.finish()
            let cluster = try await bookings.clusters(by: context.caller()).first { $0.id == TransportCluster.code(code) }
            var found = try await transport.reports.reports(from: from, to: to, cluster: code, by: context.caller())
            // Each journey's line only for a single day: a month of lines is a download, not an answer.
            if found.days.count > 1 { found.days = found.days.map { var d = $0; d.lines = []; return d } }
            return try JSONResponse(value: ReportsView(contract: found.contracts[0].name, cluster: cluster ?? TransportCluster(),
                                                   contracts: found.contracts.map { .init(id: $0.id, name: $0.name, commissioner: $0.commissioner) }, days: found.days)).response(from: request, context: context)
        }
        routes.add(TransportRoutes.apiPlanRead) { request, context in
            let text = try context.parameters.require("date")
            guard let date = LocalDate(iso: text) else {
                throw ServiceError.invalid([.init(path: "date", code: "date.format", message: "date must be a date as YYYY-MM-DD.")])
            }
            let cluster = QueryReader(request.uri.queryParameters).text("cluster")
            let board = try await plans.board(on: date, cluster: cluster, by: context.caller())
            guard let committed = board.committed else { throw ServiceError.notFound(entity: "Transport plan", id: date.iso) }
            return try JSONResponse(value: Self.view(committed, kpis: board.kpis)).response(from: request, context: context)
        }
        routes.add(TransportRoutes.apiRunSheets) { request, context in
            let date = try Self.date(request, required: false) ?? shared.environment.today
            return try JSONResponse(value: try await transport.runSheets.mine(on: date, by: context.caller())).response(from: request, context: context)
        }
        routes.add(TransportRoutes.apiRunSheetRead) { request, context in
            let id = VehicleShift.ID(try context.parameters.require("shiftId"))
            return try JSONResponse(value: try await transport.runSheets.sheet(shiftID: id, by: context.caller())).response(from: request, context: context)
        }
    }

    /// The plan job named by the path (a job of another kind is not found here).
    static func planJob(_ context: KairosRequestContext, jobs: SolveJobService) async throws -> SolveJob {
        let id = SolveJob.ID(try context.parameters.require("id"))
        let job = try await jobs.job(id: id, by: context.caller())
        guard job.kind == TransportPlanService.jobKind else { throw ServiceError.notFound(entity: "Plan job", id: id.rawValue) }
        return job
    }

    /// A plan job as the API shows it: the job, its link under the transport routes.
    static func view(_ job: SolveJob) -> [String: Any] {
        var object = JobsAPIController.view(job)
        object["links"] = ["self": "/api/v1/transport/plan-jobs/\(job.id.rawValue)", "commit": "/api/v1/transport/plan-jobs/\(job.id.rawValue)/commit"]
        return object
    }

    static func view(_ c: CommittedTransportPlan, kpis: TransportKPIs?) -> PlanView {
        PlanView(plan: c.plan, version: c.version, basis: c.basis, jobID: c.jobID, committedAt: c.committedAt, committedBy: c.committedBy, kpis: kpis,
                 thirdParty: c.thirdParty, clusterID: c.clusterID)
    }
}
