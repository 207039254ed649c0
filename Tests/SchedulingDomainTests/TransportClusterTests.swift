import Foundation
import SchedulingDomain
import Testing

/// Clusters (PT-02): an operations centre's code and name by rule, and its share of a day's
/// journeys by their contracts.
@Suite("Transport clusters")
struct TransportClusterTests {
    typealias F = TransportFixtures

    @Test("a cluster's code and name are named by field when wrong; contracts and vehicles name a cluster by code; absent, the first")
    func rules() {
        #expect(TransportCluster(id: "north-west", name: "North West operations centre").validate().isEmpty)
        #expect(Set(TransportCluster(id: "North West", name: " ").validate().map(\.path)) == ["id", "name"])
        #expect(TransportCluster(id: "-west", name: "West").validate().map(\.code) == ["cluster.code"])
        var contract = TransportContract(id: "renal", name: "Renal")
        #expect(contract.cluster == TransportCluster.mainID)
        contract.clusterID = "Renal Centre"
        #expect(contract.validate().map(\.path) == ["clusterID"])
        let van = TransportVehicle(id: "wv-1", name: "Van 1", capacity: VehicleSpace(seats: 4), clusterID: "renal")
        #expect(van.cluster == "renal" && van.validate().isEmpty)
        #expect(TransportCluster.code(nil) == "main" && TransportCluster.code("renal") == "renal")
    }

    @Test("a stored contract or vehicle without a cluster reads as the first cluster's; one with a cluster keeps it")
    func decoding() throws {
        let old = #"{"id":"renal","name":"Renal","standards":{"earliestArrivalMinutes":60,"collectWithinMinutes":60,"maxOnVehicleMinutes":60,"overrides":[]},"pricePerJourneyPence":4500,"ecjPricePence":9000}"#
        #expect(try JSONDecoder().decode(TransportContract.self, from: Data(old.utf8)).cluster == "main")
        var contract = TransportContract(id: "renal", name: "Renal", clusterID: "north")
        contract = try JSONDecoder().decode(TransportContract.self, from: JSONEncoder().encode(contract))
        #expect(contract.clusterID == "north")
    }

    @Test("a cluster's journeys are those under its contracts; a journey naming no contract is under the lead, in the first cluster")
    func shareOfTheDay() {
        let lead = TransportContract(), renal = TransportContract(id: "renal", name: "Renal", clusterID: "north")
        var a = F.journey("jny_a"), b = F.journey("jny_b"), c = F.journey("jny_c")
        b.contractID = "renal"
        c.contractID = "dental"
        let all = [a, b, c]
        #expect(TransportDay.journeys(all, under: [lead], lead: lead).map(\.id) == ["jny_a"])
        #expect(TransportDay.journeys(all, under: [renal], lead: lead).map(\.id) == ["jny_b"])
        #expect(TransportDay.journeys(all, under: [], lead: lead).isEmpty)
        a.contractID = "main"
        #expect(TransportDay.journeys([a], under: [lead], lead: lead).map(\.id) == ["jny_a"])
    }
}
