import Foundation
import SchedulingDomain
@testable import SchedulingServices
import SchedulingTestSupport
import SeededTesting
import Testing

/// Clusters (PT-02, PT-03): each operations centre's contracts and vehicles are planned as a day
/// of their own — their own journeys, their own shifts, their own committed plan — while run
/// sheets and clinic lists read every cluster's plan.
@Suite("Transport clusters")
struct TransportClusterTests {
    typealias T = TransportServiceTests

    /// SplitMix64: a seeded generator, the same draws for a seed.
    struct SplitMix {
        var state: UInt64
        mutating func next(below n: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(n))
        }
    }

    static let north = TransportCluster(id: "north", name: "North operations centre")
    static let dialysis = TransportContract(id: "dialysis", name: "Dialysis", pricePerJourneyPence: 3_800, ecjPricePence: 7_600, clusterID: "north")
    static let northVan = TransportVehicle(id: "nv-1", name: "North van 1", capacity: VehicleSpace(seats: 4, wheelchairSpaces: 1), clusterID: "north")

    /// An office with the north cluster, its contract and its van.
    static func office() async throws -> (T.Office, Caller) {
        let office = try await T.Office()
        let manager = try await TransportContractServiceTests.manager(office)
        _ = try await office.bookings.saveCluster(north, by: manager)
        _ = try await office.bookings.saveContract(dialysis, by: manager)
        _ = try await office.bookings.saveVehicle(northVan, by: manager)
        return (office, manager)
    }

    /// A shift on the north van, crewed by `crew`.
    static func northShift(_ office: T.Office, crew: [Caller] = []) async throws -> VehicleShift {
        try await office.bookings.addShift(ShiftInput(date: T.date, crewSize: 1, base: T.base, start: "07:00", end: "17:00", crewUserIDs: crew.map(\.principal.actorID),
                                                      vehicleID: northVan.id), by: office.planner)
    }

    /// A journey there and back under the dialysis contract.
    static func bookDialysis(_ office: T.Office, mobility: String = "wheelchair") async throws -> [TransportJourney] {
        try await office.bookings.book(JourneyInput(patientID: office.patient.rawValue, date: T.date, direction: "both", time: "10:30", returnTime: "12:00",
                                                    destination: T.hospital, mobility: mobility, contract: dialysis.id), by: office.planner)
    }

    @Test("managers keep the clusters (audited): the first stays, a cluster in use stays, bad ones are named by field; planners read; crews refused")
    func keepClusters() async throws {
        let office = try await T.Office()
        let manager = try await TransportContractServiceTests.manager(office)
        let bookings = office.bookings
        #expect(try await bookings.clusters(by: office.planner) == [TransportCluster()])
        await #expect(throws: ServiceError.self) { _ = try await bookings.saveCluster(Self.north, by: office.planner) }
        await #expect(throws: ServiceError.self) { _ = try await bookings.clusters(by: office.crew.a) }
        let bad = await T.issues { _ = try await bookings.saveCluster(TransportCluster(id: "North Side", name: " "), by: manager) }
        #expect(Set(bad.map(\.path)) == ["id", "name"], "\(bad)")
        #expect(try await bookings.saveCluster(Self.north, by: manager).map(\.id) == ["main", "north"])
        #expect(await T.issues { _ = try await bookings.saveCluster(TransportCluster(id: "north-2", name: "north OPERATIONS centre"), by: manager) }
            .map(\.code) == ["cluster.duplicateName"])
        // A contract or a vehicle names a cluster on record; the lead contract stays in the first.
        var stray = Self.dialysis
        stray.clusterID = "south"
        #expect(await T.issues { _ = try await bookings.saveContract(stray, by: manager) }.map(\.code) == ["cluster.unknown"])
        var lead = try await bookings.contract(by: manager)
        lead.clusterID = "north"
        #expect(await T.issues { _ = try await bookings.setContract(lead, by: manager) }.map(\.code) == ["contract.leadCluster"])
        var van = Self.northVan
        van.clusterID = "south"
        #expect(await T.issues { _ = try await bookings.saveVehicle(van, by: manager) }.map(\.path) == ["clusterID"])
        _ = try await bookings.saveContract(Self.dialysis, by: manager)
        #expect(await T.conflict { _ = try await bookings.removeCluster(id: "north", by: manager) } == "cluster.inUse")
        #expect(await T.conflict { _ = try await bookings.removeCluster(id: "main", by: manager) } == "cluster.first")
        await #expect(throws: ServiceError.notFound(entity: "Cluster", id: "south")) { _ = try await bookings.removeCluster(id: "south", by: manager) }
        _ = try await bookings.removeContract(id: "dialysis", by: manager)
        #expect(try await bookings.removeCluster(id: "north", by: manager).map(\.id) == ["main"])
        #expect(try office.harness.count("audit_log", where: "action LIKE 'transport.clusters.%'") == 2)
    }

    @Test("each cluster's day has only its contracts' journeys and its vehicles' shifts; a booking is checked against its own cluster's fleet")
    func daysApart() async throws {
        let (office, _) = try await Self.office()
        let ambulance = try await office.shift("Ambulance 1", stretchers: 1)
        let van = try await Self.northShift(office)
        let main = try await office.book()
        let north = try await Self.bookDialysis(office)
        let date = LocalDate(iso: T.date)!
        let store = office.harness.services.shared.environment.store
        let (mainDay, _) = try await store.read { try await TransportPlanService.day(on: date, cluster: "main", in: $0) }
        let (northDay, _) = try await store.read { try await TransportPlanService.day(on: date, cluster: "north", in: $0) }
        #expect(mainDay.journeys.map(\.id) == main.map(\.id) && mainDay.shifts.map(\.id) == [ambulance.id] && mainDay.contracts.map(\.id) == ["main"])
        #expect(northDay.journeys.map(\.id) == north.map(\.id) && northDay.shifts.map(\.id) == [van.id] && northDay.contracts.map(\.id) == ["dialysis"])
        #expect(mainDay.validate().isEmpty && northDay.validate().isEmpty)
        // The trust's ambulance carries stretchers; the north cluster has only a van.
        let refused = await T.issues { _ = try await Self.bookDialysis(office, mobility: "stretcher") }
        #expect(refused.map(\.path) == ["mobility"] && refused[0].message.hasPrefix("mobility: no vehicle on 2026-12-08 can carry a stretcher patient"), "\(refused)")
    }

    @Test("each cluster plans and commits its own day: versions apart, neither stale after the other commits; run sheets read the shift's own cluster's plan")
    func plansApart() async throws {
        let (office, _) = try await Self.office()
        _ = try await office.shift("Ambulance 1", crew: [office.crew.a])
        let van = try await Self.northShift(office, crew: [office.crew.b])
        _ = try await office.book()
        let north = try await Self.bookDialysis(office)
        let jobs = office.harness.services.shared.jobs
        let unknown = await T.issues { _ = try await office.plans.start(.init(date: T.date, cluster: "south"), jobs: jobs, by: office.planner) }
        #expect(unknown.map(\.message) == ["cluster: no cluster has the code south."])
        let northJob = try await office.runJob(.init(date: T.date, cluster: "north", timeLimitSeconds: 1))
        let mainJob = try await office.runJob(.init(date: T.date, timeLimitSeconds: 1))
        let northPlan = try await office.plans.commit(jobID: northJob.id, jobs: jobs, by: office.planner)
        let mainPlan = try await office.plans.commit(jobID: mainJob.id, jobs: jobs, by: office.planner)
        #expect(northPlan.clusterID == "north" && northPlan.version == 1 && mainPlan.clusterID == "main" && mainPlan.version == 1)
        #expect(Set(northPlan.plan.runs.flatMap(\.stops).map(\.journeyID)) == Set(north.map(\.id)) && northPlan.plan.runs.map(\.shiftID) == [van.id])
        #expect(try await office.plans.committed(on: LocalDate(iso: T.date)!, cluster: "north", by: office.planner)?.jobID == northJob.id)
        let board = try await office.plans.board(on: LocalDate(iso: T.date)!, cluster: "north", by: office.planner)
        #expect(board.cluster == Self.north && board.clusters.map(\.id) == ["main", "north"] && board.kpis?.planned == 2)
        let sheets = try await office.harness.services.transport.runSheets.mine(on: LocalDate(iso: T.date)!, by: office.crew.b)
        #expect(sheets.map(\.shift.id) == [van.id] && sheets[0].stops.count == 4 && sheets[0].planVersion == 1)
        // The hospital's clinic list has both clusters' patients, each with the vehicle that brings them.
        try await office.harness.services.shared.environment.store.write { s in
            try await s.organisation.insert(ClinicLocation(id: "loc_mri", name: "Manchester Royal Infirmary",
                                                           address: Address(lines: ["Oxford Road"], town: "Manchester", postcode: "M13 9WL", coordinates: T.hospital)))
        }
        let list = try await office.harness.services.transport.clinicLists.list(siteID: "loc_mri", on: LocalDate(iso: T.date)!, by: office.planner)
        #expect(list.rows.count == 4 && Set(list.rows.compactMap(\.vehicle)) == ["Ambulance 1", "North van 1"], "\(list.rows.map(\.vehicle))")
        // Both clusters' plans are the day's committed record: a re-plan of one leaves the other as it was.
        let replan = try await office.runJob(.init(date: T.date, cluster: "north", breakdown: .init(at: "09:00", shiftIDs: [])))
        #expect(try await office.plans.commit(jobID: replan.id, jobs: jobs, by: office.planner).version == 2)
        #expect(try await office.plans.committed(on: LocalDate(iso: T.date)!, by: office.planner)?.version == 1)
        let (_, days) = try await office.harness.services.transport.reports.reports(from: LocalDate(iso: T.date)!, to: LocalDate(iso: T.date)!, cluster: "north",
                                                                                     by: office.planner)
        #expect(days[0].planVersion == 2 && days[0].contracts.map(\.contractID) == ["dialysis"])
    }

    @Test("a contract moves to another cluster only while no journey names it")
    func moveContract() async throws {
        let (office, manager) = try await Self.office()
        _ = try await Self.northShift(office)
        _ = try await Self.bookDialysis(office)
        var moved = Self.dialysis
        moved.clusterID = nil
        #expect(await T.conflict { _ = try await office.bookings.saveContract(moved, by: manager) } == "contract.moveInUse")
        #expect(try await office.bookings.contracts(by: manager).first { $0.id == "dialysis" }?.cluster == "north")
    }

    @Test("clusters share a provider's daily limit: what one cluster's plan gives it is not offered to another, and a commit that would pass it is a conflict")
    func providersShared() async throws {
        let (office, manager) = try await Self.office()
        _ = try await office.plans.setProviders([ThirdPartyProvider(id: "pennine", name: "Pennine Private Ambulance", prices: [.stretcher: 14_000], dailyLimit: 1)],
                                                by: manager)
        // Stretchers booked before the day's vehicles (none carries one) were known.
        _ = try await office.book(direction: "to-appointment", mobility: "stretcher")
        let north = try await Self.bookDialysis(office, mobility: "stretcher")
        _ = try await office.shift("Car 1", crewSize: 1)
        _ = try await Self.northShift(office)
        let jobs = office.harness.services.shared.jobs
        let mainJob = try await office.runJob(.init(date: T.date, timeLimitSeconds: 1))
        let northJob = try await office.runJob(.init(date: T.date, cluster: "north", timeLimitSeconds: 1))
        for job in [mainJob, northJob] {
            #expect(try await office.plans.proposal(jobID: job.id, jobs: jobs, by: office.planner).thirdParty.map(\.providerID) == ["pennine"])
            _ = try await office.plans.authorise(jobID: job.id, jobs: jobs, by: manager)
        }
        _ = try await office.plans.commit(jobID: mainJob.id, jobs: jobs, by: office.planner)
        #expect(await T.conflict { _ = try await office.plans.commit(jobID: northJob.id, jobs: jobs, by: office.planner) } == "plan.providerFull")
        let again = try await office.runJob(.init(date: T.date, cluster: "north", timeLimitSeconds: 1))
        let proposal = try await office.plans.proposal(jobID: again.id, jobs: jobs, by: office.planner)
        #expect(proposal.thirdParty.isEmpty && Set(proposal.plan.unplanned.map(\.journeyID)) == Set(north.map(\.id)))
    }

    @Test("whatever the clusters, contracts and vehicles, the clusters' days share out the day: each journey and each shift in exactly one, its own", arguments: [1, 2, 3, 4] as [UInt64])
    func daysShareOut(_ seed: UInt64) async throws {
        var rng = SplitMix(state: announceSeed(seed))
        let office = try await T.Office()
        let manager = try await TransportContractServiceTests.manager(office)
        let codes = ["main"] + (0..<rng.next(below: 3)).map { "c\($0)" }
        for code in codes.dropFirst() { _ = try await office.bookings.saveCluster(TransportCluster(id: code, name: "Cluster \(code)"), by: manager) }
        var contracts: [TransportContract] = []
        for k in 0..<3 {
            contracts = try await office.bookings.saveContract(TransportContract(id: "k\(k)", name: "Contract \(k)", clusterID: codes[rng.next(below: codes.count)]), by: manager)
        }
        for k in 0..<5 {
            _ = try await office.bookings.saveVehicle(TransportVehicle(id: "v\(k)", name: "Van \(k)", capacity: VehicleSpace(seats: 4), clusterID: codes[rng.next(below: codes.count)]),
                                                     by: manager)
        }
        var journeys: [TransportJourney] = []
        for _ in 0..<8 {
            let contract = [nil, "k0", "k1", "k2"][rng.next(below: 4)]
            journeys += try await office.bookings.book(JourneyInput(patientID: office.patient.rawValue, date: T.date, direction: "to-appointment", time: "10:30",
                                                                    destination: T.hospital, mobility: "walking", contract: contract), by: office.planner)
        }
        for k in 0..<5 {
            _ = try await office.bookings.addShift(ShiftInput(date: T.date, crewSize: 1, base: T.base, start: "07:00", end: "17:00", vehicleID: "v\(k)"), by: office.planner)
        }
        _ = try await office.shift("Van on no vehicle on record", crewSize: 1)
        let fleet = try await office.bookings.vehicles(by: manager)
        let date = LocalDate(iso: T.date)!
        var seenJourneys: [TransportJourney.ID] = [], seenShifts: [VehicleShift.ID] = []
        for code in codes {
            let (day, _) = try await office.harness.services.shared.environment.store.read { try await TransportPlanService.day(on: date, cluster: code, in: $0) }
            for j in day.journeys { #expect(contracts.first { $0.id == (j.contractID ?? "main") }?.cluster == code, "seed \(seed): \(j.id) in \(code)") }
            for s in day.shifts { #expect(TransportBookingService.cluster(of: s, fleet: fleet) == code, "seed \(seed): \(s.id) in \(code)") }
            #expect(day.validate().isEmpty, "seed \(seed): \(day.validate())")
            seenJourneys += day.journeys.map(\.id)
            seenShifts += day.shifts.map(\.id)
        }
        #expect(seenJourneys.sorted() == journeys.map(\.id).sorted() && seenShifts.count == 6 && Set(seenShifts).count == 6, "seed \(seed)")
    }
}

