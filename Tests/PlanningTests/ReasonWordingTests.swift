import Planning
import RoutingEngine
import Testing

/// Engine reasons in a planner's words, with the planner's names.
@Suite("ReasonWording")
struct ReasonWordingTests {
    let wording = ReasonWording(resource: { ["Ambulance 1", "Ambulance 2", "Car 3"][$0] }, skill: { ["bariatric", "stretcher-trained"][$0] },
                                load: { d, n in "\(n) " + (d == 0 ? (n == 1 ? "seat" : "seats") : (n == 1 ? "wheelchair space" : "wheelchair spaces")) })

    @Test("each reason reads as a sentence naming resources, skills and loads, with the change that would admit the task")
    func sentences() {
        let capacity = RoutingSolution.Unassigned(kind: "request", task: 0, reason: .capacity(dimension: 1, excess: 1), feasibleAlone: [],
                                                  relaxations: [.init(constraint: "capacity", resource: 1, amount: 1, dimension: 1, position: 0)])
        #expect(wording.explain(capacity) == "It is too big for Ambulance 2: 1 wheelchair space over capacity. It would fit with room for 1 wheelchair space more on Ambulance 2.")
        let late = RoutingSolution.Unassigned(kind: "visit", task: 3, reason: .timeWindow(lateBy: 610), feasibleAlone: [],
                                              relaxations: [.init(constraint: "timeWindow", resource: 0, amount: 610, position: 2)])
        #expect(wording.explain(late) == "It cannot be reached within its time window: 11 min late at best (Ambulance 1). It would fit with its time window 11 min wider.")
        let skills = RoutingSolution.Unassigned(kind: "visit", task: 1, reason: .skills(missing: [0, 1]), feasibleAlone: [],
                                                relaxations: [.init(constraint: "skills", resource: 2, amount: 2, skills: [0, 1])])
        #expect(wording.explain(skills) == "It needs bariatric and stretcher-trained, which no resource that may serve it has. It would fit with Car 3 having bariatric and stretcher-trained.")
        let noRoom = RoutingSolution.Unassigned(kind: "visit", task: 2, reason: .noRoom(resources: [0, 2]), feasibleAlone: [0, 2],
                                                relaxations: [.init(constraint: "resources", resource: 0, amount: 1)])
        #expect(wording.explain(noRoom) == "It fits Ambulance 1 and Car 3 on its own, but not in the plan as it is. It would fit with one more resource like Ambulance 1.")
        #expect(wording.because(.init(kind: "visit", task: 0, reason: .notPlanned, feasibleAlone: [])) == "The plan given does not include it.")
        #expect(ReasonWording.minutes(60) == "1 min" && ReasonWording.minutes(61) == "2 min")
    }

    @Test("every reason the engine can give has words")
    func everyReason() {
        let reasons: [UnservedReason] = [.skills(missing: []), .skills(missing: [1]), .capacity(dimension: 0, excess: 0), .timeWindow(lateBy: 0), .shift,
                                         .rideTime(excess: 120), .group, .noRoom(resources: [0, 1, 2, 0, 1]), .cost(excess: 5), .notPlanned]
        for reason in reasons {
            let text = wording.because(.init(kind: "visit", task: 0, reason: reason, feasibleAlone: []))
            #expect(text.hasSuffix(".") && text.count > 20, "\(reason.code): \(text)")
        }
        #expect(Set(reasons.map(\.code)) == Set(UnservedReason.codes))
    }
}
