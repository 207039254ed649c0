import Foundation
import SchedulingDomain

/// The demo trust's patient transport (`serve --demo`) in two clusters. The first runs two
/// contracts (the trust's own, and the Northway and Southmoor hospitals' with their own standards
/// and prices) on tomorrow's 30 vehicle shifts from three bases around Greater Manchester
/// (ambulances, wheelchair vans, cars; the demo crew member on the first ambulance; one van off
/// the road for a repair at noon) with about 400 journeys for the demo's patients, generated as
/// `kairos bench transport` generates a day (``GeneratedTransportDay``) — plus two that no
/// vehicle can take, so that the board shows its explanations. The second, the renal transport
/// centre, carries about 60 dialysis journeys on 6 vehicles of its own. Journeys for the
/// outpatient bookings with a transport need are added by the booking link.
struct DemoTransport {
    var shifts: [VehicleShift]
    /// The fleet on record the shifts are worked on.
    var vehicles: [TransportVehicle]
    var journeys: [TransportJourney]
    /// The demo crew member's shift.
    var crewShift: VehicleShift.ID?

    init(seed: UInt64, tomorrow: LocalDate, patients: [Patient], sites: [ClinicLocation], journeys count: Int = 400, shifts shiftCount: Int = 30) {
        let day = GeneratedTransportDay.day(date: tomorrow, journeys: count, shifts: shiftCount, seed: seed)
        var fleet = day.shifts.map { shift in
            var s = shift
            s.id = .init(shift.id.rawValue.replacingOccurrences(of: "shf_gen_", with: "shf_demo_"))
            return s
        }
        let crew = fleet.first { $0.crewSize == 2 }?.id
        // Two crews of two, after the demo crew member's, are bariatric-trained with the vehicles for it.
        for k in fleet.indices.filter({ fleet[$0].crewSize == 2 && fleet[$0].id != crew }).prefix(2) { fleet[k].bariatric = true }
        // Each shift leaves from a base on record, named as crews say it.
        for k in fleet.indices { fleet[k].baseName = Self.bases.first { $0.location == fleet[k].base }?.name }
        // Every other wheelchair van folds two of its seats into a third wheelchair space.
        for (n, k) in fleet.indices.filter({ fleet[$0].capacity.wheelchairSpaces == 2 }).enumerated() where n % 2 == 0 { fleet[k].convertibleWheelchairSpaces = 1 }
        // Every fourth crew may work up to an hour past its shift's end, paid as overtime.
        for k in fleet.indices where k % 4 == 3 && fleet[k].end.minuteOfDay + 60 < 24 * 60 { fleet[k].overtimeMinutes = 60 }
        // Each shift is worked on a vehicle of the fleet on record; one wheelchair van is off the road
        // for a tail-lift repair from noon to two, so the board shows its shift cut.
        // The renal transport centre's own shifts, its vehicles named as its crews say them.
        let renal = GeneratedTransportDay.day(date: tomorrow, journeys: count / 7, shifts: max(1, shiftCount / 5), seed: seed &+ 7)
        for shift in renal.shifts {
            var s = shift
            s.id = .init(shift.id.rawValue.replacingOccurrences(of: "shf_gen_", with: "shf_renal_"))
            s.vehicleName = "Renal \(shift.vehicleName.lowercased())"
            s.baseName = Self.bases.first { $0.location == s.base }?.name
            fleet.append(s)
        }
        var vehicles: [TransportVehicle] = []
        for k in fleet.indices {
            let code = fleet[k].vehicleName.lowercased().replacingOccurrences(of: " ", with: "-")
            fleet[k].vehicleID = code
            vehicles.append(TransportVehicle(id: code, name: fleet[k].vehicleName, capacity: fleet[k].capacity,
                                             convertibleWheelchairSpaces: fleet[k].convertibleWheelchairSpaces, bariatric: fleet[k].bariatric,
                                             baseID: Self.bases.first { $0.location == fleet[k].base }?.id,
                                             clusterID: fleet[k].id.rawValue.hasPrefix("shf_renal_") ? Self.renalCluster.id : nil))
        }
        if let van = vehicles.indices.first(where: { vehicles[$0].capacity.wheelchairSpaces > 0 && vehicles[$0].capacity.stretchers == 0 && fleet[$0].id != crew }) {
            vehicles[van].offRoad = [.init(from: LocalDateTime(date: tomorrow, time: LocalTime(iso: "12:00")!), to: LocalDateTime(date: tomorrow, time: LocalTime(iso: "14:00")!),
                                           reason: "Tail-lift repair")]
        }
        self.vehicles = vehicles
        shifts = fleet
        crewShift = crew
        guard !patients.isEmpty else {
            journeys = []
            return
        }
        // The generated hospitals become the trust's own sites: each the nearest of them.
        let places = sites.filter { $0.address.coordinates != nil }
        func nearest(_ hospital: Coordinates) -> ClinicLocation? {
            places.min { $0.address.coordinates!.greatCircleMeters(to: hospital) < $1.address.coordinates!.greatCircleMeters(to: hospital) }
        }
        func site(_ hospital: Coordinates) -> Coordinates { nearest(hospital)?.address.coordinates ?? hospital }
        var made: [TransportJourney] = [], dialysis: [TransportJourney] = []
        // Dialysis patients of the renal contract: others than the first cluster's, by id.
        for (k, generated) in renal.journeys.enumerated() {
            var j = generated
            if j.direction == .toAppointment { j.destination = site(j.destination) } else { j.pickup = site(j.pickup) }
            j.id = .init(String(format: "jny_renal_%05d", k + 1))
            j.patientID = patients[(k * 2 + 1) % patients.count].id
            j.contractID = Self.contracts[2].id
            j.eligibility = .frequentTreatment
            if let home = patients[(k * 2 + 1) % patients.count].address.coordinates {
                if j.direction == .toAppointment { j.pickup = home } else { j.destination = home }
            }
            if j.pickup.greatCircleMeters(to: j.destination) >= 10 { dialysis.append(j) }
        }
        for (k, generated) in day.journeys.enumerated() {
            // Every other patient travels (two journeys each on average): the rest have no journey.
            let patient = patients[(k * 2) % patients.count]
            var j = generated
            let hospital = nearest(j.direction == .toAppointment ? j.destination : j.pickup)
            if j.direction == .toAppointment { j.destination = site(j.destination) } else { j.pickup = site(j.pickup) }
            // Under the contract serving the hospital, as a booking there would be.
            j.contractID = hospital.flatMap { TransportBookingService.contract(serving: $0.id, among: Self.contracts) }
            j.id = .init(String(format: "jny_demo_%05d", k + 1))
            j.patientID = patient.id
            if let home = patient.address.coordinates {
                if j.direction == .toAppointment { j.pickup = home } else { j.destination = home }
            }
            // Eligibility as the booking office assessed it; a few notes for crews; an ECJ now and then.
            j.eligibility = TransportJourney.Eligibility.allCases[[0, 1, 1, 0, 2, 1, 0, 3, 1, 4][k % 10]]
            j.notes = k % 9 == 4 ? Self.notes[(k / 9) % Self.notes.count] : nil
            j.ecj = k % 40 == 17
            j.bariatric = k % 50 == 23 && j.mobility != .walking
            if j.pickup.greatCircleMeters(to: j.destination) >= 10 { made.append(j) }
        }
        // Two no vehicle can take: a stretcher with three escorts (an ambulance has two seats), and
        // an appointment at 06:20, before any vehicle is out.
        if made.count >= 2 {
            made[0].mobility = .stretcher
            made[0].escorts = 3
            made[1].direction = .toAppointment
            made[1].time = LocalTime(iso: "06:20")!
            let home = patients.first { $0.id == made[1].patientID }?.address.coordinates
            if let home, home.greatCircleMeters(to: site(GeneratedTransportDay.hospitals[0].at)) >= 10 {
                made[1].pickup = home
                made[1].destination = site(GeneratedTransportDay.hospitals[0].at)
                made[1].contractID = nearest(GeneratedTransportDay.hospitals[0].at).flatMap { TransportBookingService.contract(serving: $0.id, among: Self.contracts) }
            }
        }
        journeys = made + dialysis
    }

    /// The second cluster, with a contract and a fleet of its own.
    static let renalCluster = TransportCluster(id: "renal", name: "Renal transport centre")
    /// The clusters: the trust's operations centre first.
    static let clusters = [TransportCluster(name: "Irwell Valley operations centre"), renalCluster]

    /// The trust's own contract (first: every hospital no other contract serves), the Northway
    /// and Southmoor hospitals' contract, which allows longer waits and rides at its own prices,
    /// and the renal transport centre's dialysis contract.
    static let contracts: [TransportContract] = {
        var standards = ServiceStandards()
        standards.overrides = [.init(category: .stretcher, collectWithinMinutes: 90)]
        return [
            TransportContract(name: "Irwell Valley patient transport", commissioner: "NHS Greater Manchester ICB", locationIDs: ["loc_iri_a", "loc_iri_b", "loc_eye", "loc_tcd"],
                              standards: standards),
            TransportContract(id: "northway-southmoor", name: "Northway and Southmoor hospitals", commissioner: "Northway and Southmoor NHS Foundation Trust",
                              locationIDs: ["loc_ngh", "loc_smh"], standards: ServiceStandards(earliestArrivalMinutes: 45, collectWithinMinutes: 90, maxOnVehicleMinutes: 75),
                              pricePerJourneyPence: 4_150, ecjPricePence: 8_500),
            TransportContract(id: "renal-dialysis", name: "Renal dialysis transport", commissioner: "NHS Greater Manchester ICB",
                              standards: ServiceStandards(earliestArrivalMinutes: 30, collectWithinMinutes: 45, maxOnVehicleMinutes: 60),
                              pricePerJourneyPence: 3_800, ecjPricePence: 7_600, clusterID: renalCluster.id),
        ]
    }()

    /// Stores the clusters and contracts: before the outpatient bookings, whose journeys take the
    /// contract serving their hospital.
    static func insertContracts(in session: any StoreSession) async throws {
        try await session.settings.setEncoded(clusters, for: TransportCluster.key)
        try await session.settings.setEncoded(contracts, for: TransportContract.listKey)
    }

    /// Notes a booking office writes for crews.
    static let notes = ["Key safe by the front door; the code is on the booking.", "Uses oxygen: allow room for the cylinder.",
                        "Hard of hearing: knock loudly and wait.", "Needs the ramp, not the tail lift.", "Carer meets the crew at the clinic."]

    /// The ambulance stations the generated fleet leaves from.
    static let bases = GeneratedTransportDay.bases.map { TransportBase(id: $0.name.lowercased(), name: "\($0.name) station", location: $0.at) }

    /// Two third-party providers: taxis for walking patients, a private ambulance for the rest.
    static let providers = [
        ThirdPartyProvider(id: "northway-taxis", name: "Northway Taxis", prices: [.walking: 3_200, .seated: 3_800], dailyLimit: 12, maxEscorts: 3),
        ThirdPartyProvider(id: "pennine-ambulance", name: "Pennine Private Ambulance", prices: [.wheelchair: 9_500, .stretcher: 14_500], dailyLimit: 4,
                           maxEscorts: 1, bariatric: true),
    ]

    /// Stores the providers, the bases, the fleet, the shifts (the demo crew member on one, with
    /// their training) and the journeys.
    func insert(crewMember: UserAccount.ID?, in session: any StoreSession) async throws {
        try await session.settings.setEncoded(Self.providers, for: ThirdPartyProvider.key)
        try await session.settings.setEncoded(Self.bases, for: TransportBase.key)
        try await session.settings.setEncoded(vehicles, for: TransportVehicle.key)
        for shift in shifts { try await session.vehicleShifts.insert(shift) }
        if let crewMember, let crewShift { try await session.vehicleShifts.setCrew([crewMember], of: crewShift) }
        // The demo crew member is trained for stretchers (their partner's training is not on record).
        if let crewMember { try await session.settings.setEncoded([crewMember.rawValue: [CrewSkill.stretcher.rawValue]], for: TransportBookingService.crewSkillsKey) }
        for journey in journeys { try await session.transportJourneys.insert(journey) }
    }
}
