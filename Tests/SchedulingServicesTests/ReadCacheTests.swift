import Foundation
import SchedulingDomain
import SchedulingServices
import SchedulingTestSupport
import Testing

/// Expensive reads are kept while the store's version stands still (issue 15, item 3).
@Suite("Read cache")
struct ReadCacheTests {
    @Test("the store's version advances with each committed write that changed something, never with a read, an empty or a rolled-back write")
    func version() async throws {
        let harness = try TestHarness()
        let store = harness.services.shared.environment.store
        let v0 = try await store.read { try await $0.version() }
        try await store.write { try await $0.settings.set("x", for: "k") }
        let v1 = try await store.read { try await $0.version() }
        _ = try await store.read { try await $0.settings.value(for: "k") }
        struct Boom: Error {}
        await #expect(throws: Boom.self) { try await store.write { session in try await session.settings.set("y", for: "k"); throw Boom() } }
        _ = try await store.write { try await $0.settings.value(for: "k") }  // a job worker looking for work
        let v2 = try await store.read { try await $0.version() }
        #expect(v1 == v0 + 1 && v2 == v1)
    }

    @Test("a value is computed once per version and key; the least recently used entry leaves first")
    func cache() async throws {
        let cache = ReadCache(capacity: 2)
        var computed = 0
        for _ in 0..<3 { _ = await cache.value("a", version: 1) { computed += 1; return 1 } }
        #expect(computed == 1 && cache.counts == (hits: 2, misses: 1))
        _ = await cache.value("a", version: 2) { computed += 1; return 2 }
        #expect(computed == 2)
        _ = await cache.value("b", version: 2) { 3 }
        _ = await cache.value("a", version: 2) { computed += 1; return 2 }
        _ = await cache.value("c", version: 2) { 4 }  // "b" leaves
        #expect(computed == 2)
        var recomputed = false
        _ = await cache.value("b", version: 2) { recomputed = true; return 3 }
        #expect(recomputed)
    }

    @Test("the tracking list is computed again after a write, and only then")
    func trackingList() async throws {
        let harness = try TestHarness()
        let (user, _) = try await harness.user("booker", role: .bookingCoordinator)
        let caller = Caller(principal: Principal(user: user))
        try await harness.services.shared.environment.store.write { try await $0.organisation.insert(Specialty(id: "spc_1", code: "100", name: "General")) }
        let patient = try await harness.services.shared.patients.register(TestHarness.patientInput(), by: caller)
        let referrals = harness.services.outpatients.referrals
        #expect(try await referrals.trackingList(by: caller).entries.isEmpty)
        let before = harness.services.shared.environment.cache.counts
        #expect(try await referrals.trackingList(by: caller).entries.isEmpty)
        #expect(harness.services.shared.environment.cache.counts.hits == before.hits + 1)
        _ = try await referrals.create(.init(patientID: patient.id.rawValue, specialtyID: "spc_1", referrer: "GP", priority: "routine",
                                             received: "2026-11-01"), by: caller)
        #expect(try await referrals.trackingList(by: caller).entries.count == 1)
    }
}
