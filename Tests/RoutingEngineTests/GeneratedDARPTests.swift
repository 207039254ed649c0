import Testing
@testable import RoutingEngine

@Suite("Generated dial-a-ride days")
struct GeneratedDARPTests {
    @Test("the same parameters and seed give the same problem; another seed another one")
    func deterministic() {
        let parameters = GeneratedDARP.Parameters(requests: 60, vehicles: 6, breaks: true, seed: 7)
        let a = GeneratedDARP.problem(parameters), b = GeneratedDARP.problem(parameters)
        #expect(a.requests == b.requests && a.resources == b.resources && a.matrices == b.matrices)
        var other = parameters
        other.seed = 8
        let c = GeneratedDARP.problem(other)
        #expect(c.requests != a.requests)
    }

    @Test("a generated day is a valid problem of the documented shape", arguments: [UInt64(1), 2, 3])
    func shape(seed: UInt64) {
        let problem = GeneratedDARP.problem(.init(requests: 400, vehicles: 30, breaks: true, seed: seed))
        #expect(problem.validate().isEmpty)
        #expect(problem.requests.count == 400 && problem.resources.count == 30 && problem.dimensions == 3)
        #expect(problem.matrices[0].count == GeneratedDARP.bases + GeneratedDARP.destinations + 400)
        let destinations = GeneratedDARP.bases..<(GeneratedDARP.bases + GeneratedDARP.destinations)
        var outbound = 0
        for request in problem.requests {
            #expect(request.maxRideTime == 3600)
            #expect(GeneratedDARP.mobility.contains { $0.load == request.load && $0.service == request.pickup.service })
            if destinations.contains(request.delivery.location) {
                outbound += 1
                // Arrive 60 to 5 minutes before an appointment between 09:00 and 16:00.
                #expect(request.delivery.window.end - request.delivery.window.start == 55 * 60)
                #expect((9 * 3600 - 3600)...(16 * 3600 - 3600) ~= request.delivery.window.start)
            } else {
                #expect(destinations.contains(request.pickup.location))
                #expect(request.pickup.window.end - request.pickup.window.start == 3600)
            }
        }
        // About half each way.
        #expect((140...260).contains(outbound), "\(outbound) outbound")
        for vehicle in problem.resources {
            #expect(GeneratedDARP.vehicleKinds.contains { $0.capacity == vehicle.capacity })
            let hours = (vehicle.shift.end - vehicle.shift.start) / 3600
            #expect((8...12).contains(hours) && vehicle.startLocation == vehicle.endLocation && vehicle.startLocation < GeneratedDARP.bases)
            #expect(vehicle.breaks == [Break(window: TimeWindow(start: vehicle.shift.start + 3 * 3600, end: vehicle.shift.start + 5 * 3600), duration: 1800)])
        }
    }

    @Test("travel is the road distance at 30 km/h and keeps the triangle inequality within a second")
    func travel() {
        let matrix = GeneratedDARP.problem(.init(requests: 40, vehicles: 2, seed: 3)).matrices[0]
        for from in 0..<matrix.count {
            for to in 0..<matrix.count where from != to {
                #expect(abs(Double(matrix.duration(from, to)) - Double(matrix.distance(from, to)) * 3.6 / 30) <= 0.5)
                for via in [0, 5, 20] where via != from && via != to {
                    #expect(matrix.duration(from, via) + matrix.duration(via, to) + 1 >= matrix.duration(from, to))
                }
            }
        }
    }
}
