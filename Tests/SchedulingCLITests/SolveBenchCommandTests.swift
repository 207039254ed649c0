import Foundation
import Testing
@testable import SchedulingCLI

@Suite("kairos solve and bench")
struct SolveBenchCommandTests {
    /// The first ten customers of Solomon's C101.
    static let instance = """
        C101_10

        VEHICLE
        NUMBER     CAPACITY
          25         200

        CUSTOMER
        CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME

            0      40         50          0          0       1236          0
            1      45         68         10        912        967         90
            2      45         70         30        825        870         90
            3      42         66         10         65        146         90
            4      42         68         10        727        782         90
            5      42         65         10         15         67         90
            6      40         69         20        621        702         90
            7      40         66         20        170        225         90
            8      38         68         20        255        324         90
            9      38         70         10        534        605         90
           10      35         66         10        357        410         90

        """

    static func folder() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kairos-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try instance.write(to: dir.appendingPathComponent("C101_10.txt"), atomically: true, encoding: .utf8)
        try "instance,vehicles,distance,source\nC101_10,1,100.0,test\n".write(to: dir.appendingPathComponent("bks.csv"), atomically: true, encoding: .utf8)
        return dir.path
    }

    @Test("solve prints a feasible solution as JSON with the file's node ids")
    func solve() async throws {
        let cli = CLIHarness()
        let dir = try Self.folder()
        let result = await cli.runWithoutDatabase(["solve", "--format", "solomon", "--iterations", "200", "\(dir)/C101_10.txt"])
        #expect(result.code == 0, "\(result.output)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.last!.utf8)) as? [String: Any])
        #expect(json["feasible"] as? Bool == true)
        let routes = try #require(json["routes"] as? [[Int]])
        #expect(routes.flatMap { $0 }.sorted() == Array(1...10))
        #expect(json["vehicles"] as? Int == routes.count)
    }

    @Test("solve reads Kairos JSON by default and prints a checked solution")
    func solveKairosJSON() async throws {
        let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/examples/small-day.json").path
        let cli = CLIHarness()
        let result = await cli.runWithoutDatabase(["solve", "--iterations", "50", example])
        #expect(result.code == 0, "\(result.output)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.last!.utf8)) as? [String: Any])
        #expect((json["routes"] as? [Any])?.isEmpty == false)
        let bad = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).json")
        try #"{"matrices": [{"durations": [[0]]}], "resources": [{"start": 3}]}"#.write(to: bad, atomically: true, encoding: .utf8)
        let refused = await cli.runWithoutDatabase(["solve", bad.path])
        #expect(refused.code == 2)
        #expect(refused.output.joined().contains("resources[0].startLocation: not a location index."))
    }

    @Test("evaluate schedules a hand-made plan and lists its violations")
    func evaluate() async throws {
        let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/examples/small-day.json").path
        let plan = FileManager.default.temporaryDirectory.appendingPathComponent("plan-\(UUID().uuidString).json")
        // Visit 1 needs skill 0, which resource 1 lacks; the request is left out.
        try #"{"routes": [{"resource": 1, "stops": [{"kind": "visit", "task": 0}, {"kind": "visit", "task": 1}]}]}"#
            .write(to: plan, atomically: true, encoding: .utf8)
        let cli = CLIHarness()
        let result = await cli.runWithoutDatabase(["evaluate", example, "--plan", plan.path])
        #expect(result.code == 0, "\(result.output)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.last!.utf8)) as? [String: Any])
        #expect(json["feasible"] as? Bool == false)
        let rules = (json["violations"] as? [[String: Any]])?.compactMap { $0["rule"] as? String } ?? []
        #expect(rules.contains("skills"))
        let bad = await cli.runWithoutDatabase(["evaluate", example, "--plan", "/nonexistent.json"])
        #expect(bad.code == 2)
    }

    @Test("bench prints a row per instance and the summaries")
    func bench() async throws {
        let cli = CLIHarness()
        let result = await cli.runWithoutDatabase(["bench", "solomon", try Self.folder(), "--iterations", "100"])
        #expect(result.code == 0, "\(result.output)")
        #expect(result.output.contains { $0.hasPrefix("C101_10 ") && $0.contains("yes") })
        #expect(result.output.contains { $0.hasPrefix("overall: 1 instances, 1 feasible") })
        // The group named, and operators switched off, give the same shape of answer.
        let routing = await cli.runWithoutDatabase(["bench", "routing", "solomon", try Self.folder(), "--iterations", "100", "--without", "swapStar"])
        #expect(routing.code == 0 && routing.output.first?.hasPrefix("kairos bench routing solomon: 1 instances") == true, "\(routing.output)")
    }

    @Test("bench --rest-break gives every vehicle a break (the coupled search) and refuses a malformed one")
    func benchWithBreaks() async throws {
        let cli = CLIHarness()
        let folder = try Self.folder()
        let result = await cli.runWithoutDatabase(["bench", "solomon", folder, "--iterations", "50", "--rest-break", "100,400,10"])
        #expect(result.code == 0, "\(result.output)")
        #expect(result.output.first?.hasSuffix("a rest break 100,400,10 for every vehicle") == true, "\(result.output)")
        #expect(result.output.contains { $0.hasPrefix("C101_10 ") && $0.contains("yes") })
        for bad in ["100,50,10", "1,2", "a,b,c"] {
            let refused = await cli.runWithoutDatabase(["bench", "solomon", folder, "--iterations", "5", "--rest-break", bad])
            #expect(refused.code != 0)
            #expect(refused.output.joined(separator: "\n").contains("--rest-break: give START,END,DURATION"), "\(refused.output)")
        }
    }

    /// Three patients, two nurses, two services; patient 3 needs both at once (a double service).
    static let homeCare = """
        nbNodes
        5
        nbVehi
        2
        nbServi
        2
        r
        1 1
        1 0
        0 1
        1 1
        1 1
        DS
        4
        a
        1 1
        1 1
        x
        0 10 20 10 0
        y
        0 0 0 10 0
        d
        0 10 20 14.142136 0
        10 0 10 10 10
        20 10 0 14.142136 20
        14.142136 10 14.142136 0 14.142136
        0 10 20 14.142136 0
        p
        0 0
        0 0
        5 5
        5 5
        5 5
        5 5
        5 5
        5 5
        0 0
        0 0
        mind
        0 0 0 0 0
        maxd
        0 0 0 0 0
        e
        0 0 0 0 0
        l
        100 50 50 50 200

        """

    @Test("solve --format hhc and bench hhc report the home-care objective with both services of a double service")
    func homeHealthCare() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kairos-hhc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Self.homeCare.write(to: dir.appendingPathComponent("tiny.txt"), atomically: true, encoding: .utf8)
        try "instance,vehicles,distance,source,convention,label,objective\ntiny,,,\"a, b\",c,A1,30.0\n"
            .write(to: dir.appendingPathComponent("bks.csv"), atomically: true, encoding: .utf8)
        let cli = CLIHarness()
        let solved = await cli.runWithoutDatabase(["solve", "--format", "hhc", "--iterations", "50", dir.appendingPathComponent("tiny.txt").path])
        #expect(solved.code == 0, "\(solved.output)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(solved.output.last!.utf8)) as? [String: Any])
        #expect(json["feasible"] as? Bool == true)
        let routes = try #require(json["routes"] as? [[Int]])
        #expect(routes.count == 2)
        // Node 3 is visited by both nurses; nodes 1 and 2 once.
        #expect(routes.flatMap { $0 }.sorted() == [1, 2, 3, 3])
        #expect(routes.allSatisfy { $0.filter { $0 == 3 }.count == 1 })
        let cost = try #require(json["cost"] as? Double), distance = try #require(json["distance"] as? Double)
        #expect(abs(cost - (distance + (json["tardiness"] as? Double ?? -1) + (json["maxTardiness"] as? Double ?? -1)) / 3) < 0.01)

        let bench = await cli.runWithoutDatabase(["bench", "hhc", dir.path, "--iterations", "50"])
        #expect(bench.code == 0, "\(bench.output)")
        #expect(bench.output.contains { $0.hasPrefix("tiny ") && $0.contains("yes") && $0.contains("30.000") })
        #expect(bench.output.contains { $0.hasPrefix("overall: 1 instances, 1 feasible, 1 with a BKS") })
    }

    @Test("bench refuses a malformed instance file with exit 2 and its line")
    func benchMalformed() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kairos-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try "X\n\nVEHICLE\nNUMBER CAPACITY\n 25 200\n\nCUSTOMER\nCUST\n 0 1 2 3\n".write(
            to: dir.appendingPathComponent("bad.txt"), atomically: true, encoding: .utf8)
        let result = await CLIHarness().runWithoutDatabase(["bench", "solomon", dir.path, "--iterations", "10"])
        #expect(result.code == 2)
        #expect(result.output.joined().contains("bad.txt:9: expected 7 columns"))
    }

    @Test("bad input exits 2 naming the problem", arguments: [
        (["solve", "--format", "vroom-json", "x.txt"], "--format must be one of"),
        (["solve", "--format", "solomon", "/nonexistent/x.txt"], "cannot be read"),
        (["solve", "--format", "solomon", "--time-limit", "0", "x.txt"], "--time-limit must be positive"),
        (["bench", "solomon", "/nonexistent"], "is not a readable folder"),
        (["bench", "routing", "solomon", "/nonexistent"], "is not a readable folder"),
        (["solve", "--without", "threeOpt", "x.json"], "--without threeOpt: not an operator; use one of requestRelocate"),
        (["solve", "--fleet-stall", "0", "x.json"], "--fleet-stall must be more than 0 and at most 1."),
        (["bench", "routing", "solomon", "--fleet-stall", "1.5", "x"], "--fleet-stall must be more than 0 and at most 1."),
    ])
    func badInput(arguments: [String], message: String) async {
        let cli = CLIHarness()
        let result = await cli.runWithoutDatabase(arguments)
        #expect(result.code == 2, "\(result.output)")
        #expect(result.output.joined(separator: "\n").contains(message), "\(result.output)")
    }

    @Test("bench darp-generated solves a generated day, checks it and ends with its figures as JSON; bad counts are refused")
    func darpGenerated() async throws {
        let cli = CLIHarness()
        let result = await cli.runWithoutDatabase(["bench", "darp-generated", "--requests", "16", "--vehicles", "3", "--iterations", "20", "--seed", "5"])
        #expect(result.code == 0, "\(result.output)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.last!.utf8)) as? [String: Any])
        #expect(Set(json.keys) == ["requests", "served", "unservedAlone", "firstPlanSeconds", "iterations", "seconds", "cost", "checked"])
        #expect(json["requests"] as? Int == 16 && json["checked"] as? Bool == true && json["iterations"] as? Int == 20)
        let served = try #require(json["served"] as? Int), alone = try #require(json["unservedAlone"] as? Int)
        #expect(served > 0 && served + alone <= 16)
        // The same seed and iteration limit give the same plan.
        let again = await cli.runWithoutDatabase(["bench", "darp-generated", "--requests", "16", "--vehicles", "3", "--iterations", "20", "--seed", "5"])
        let second = try #require(try JSONSerialization.jsonObject(with: Data(again.output.last!.utf8)) as? [String: Any])
        #expect(second["cost"] as? Int == json["cost"] as? Int && second["served"] as? Int == served)

        // With a breakdown: the busiest vehicle fails at 11:00 and the day is planned again.
        let broken = await cli.runWithoutDatabase(["bench", "darp-generated", "--requests", "40", "--vehicles", "4", "--iterations", "50", "--breakdown"])
        #expect(broken.code == 0, "\(broken.output)")
        #expect(broken.output.contains { $0.hasPrefix("breakdown: vehicle ") && $0.contains("at 11:00") })
        let replan = try #require(try JSONSerialization.jsonObject(with: Data(broken.output.last!.utf8)) as? [String: Any])
        #expect(replan["replanChecked"] as? Bool == true && replan["replanRequests"] as? Int == 40)
        #expect((replan["rescuesServed"] as? Int ?? -1) <= (replan["rescues"] as? Int ?? -2) && replan["replanSeconds"] is Double)

        let bad = await cli.runWithoutDatabase(["bench", "darp-generated", "--requests", "0", "--vehicles", "4"])
        #expect(bad.code != 0)
        #expect(bad.output.joined(separator: "\n").contains("--requests must be between 1 and 20000"))
    }

    @Test("bench transport plans a generated Greater Manchester day, checks it twice and ends with its figures as JSON")
    func transport() async throws {
        let cli = CLIHarness()
        let arguments = ["bench", "transport", "--requests", "40", "--vehicles", "4", "--iterations", "30", "--seed", "3"]
        let result = await cli.runWithoutDatabase(arguments)
        #expect(result.code == 0, "\(result.output)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.last!.utf8)) as? [String: Any])
        #expect(Set(json.keys) == ["requests", "planned", "unplannableAlone", "cost", "seconds", "checked", "rideLimitKept"])
        #expect(json["requests"] as? Int == 40 && json["checked"] as? Bool == true && json["rideLimitKept"] as? Bool == true)
        let planned = try #require(json["planned"] as? Int)
        #expect(planned > 0 && planned + (json["unplannableAlone"] as? Int ?? 0) <= 40)
        let again = await cli.runWithoutDatabase(arguments)
        let second = try #require(try JSONSerialization.jsonObject(with: Data(again.output.last!.utf8)) as? [String: Any])
        #expect(second["cost"] as? Int == json["cost"] as? Int && second["planned"] as? Int == planned)
        // A breakdown of the two busiest vehicles at 11:00, the day planned again from the plan.
        let broken = await cli.runWithoutDatabase(arguments + ["--replan-at", "11:00", "--breakdowns", "2"])
        #expect(broken.code == 0, "\(broken.output)")
        #expect(broken.output.contains { $0.hasPrefix("breakdown of 2 vehicles at 11:00") })
        let replan = try #require(try JSONSerialization.jsonObject(with: Data(broken.output.last!.utf8)) as? [String: Any])
        #expect(replan["replanChecked"] as? Bool == true && replan["frozenMoved"] as? Int == 0 && replan["replanSeconds"] is Double)
        #expect((replan["rescued"] as? Int ?? -1) <= (replan["rescues"] as? Int ?? -2))
        // Third-party providers priced against the fleet's driving: four vehicles leave journeys for them.
        let bought = await cli.runWithoutDatabase(arguments + ["--providers"])
        #expect(bought.code == 0, "\(bought.output)")
        let offered = try #require(try JSONSerialization.jsonObject(with: Data(bought.output.last!.utf8)) as? [String: Any])
        #expect((offered["thirdParty"] as? Int ?? 0) > 0 && (offered["thirdPartySpendPence"] as? Int ?? 0) >= 3_500 && offered["checked"] as? Bool == true, "\(offered)")
        // The re-plan after a breakdown offers them journeys too, and keeps every rule.
        let boughtAgain = await cli.runWithoutDatabase(arguments + ["--providers", "--replan-at", "11:00"])
        let replanned = try #require(try JSONSerialization.jsonObject(with: Data(boughtAgain.output.last!.utf8)) as? [String: Any])
        #expect(boughtAgain.code == 0 && replanned["replanChecked"] as? Bool == true && replanned["frozenMoved"] as? Int == 0, "\(boughtAgain.output)")
        #expect(boughtAgain.output.contains { $0.hasPrefix("breakdown of 1 vehicle at 11:00") && $0.contains("by third parties") })
        let badRate = await cli.runWithoutDatabase(arguments + ["--providers", "--fleet-pence-per-km", "0"])
        #expect(badRate.code != 0 && badRate.output.joined(separator: "\n").contains("--fleet-pence-per-km must be between 1 and 10000"))
        let badTime = await cli.runWithoutDatabase(arguments + ["--replan-at", "25:00"])
        #expect(badTime.code != 0 && badTime.output.joined(separator: "\n").contains("--replan-at must be a time as HH:MM"))
        let bad = await cli.runWithoutDatabase(["bench", "transport", "--vehicles", "0"])
        #expect(bad.code != 0 && bad.output.joined(separator: "\n").contains("--vehicles must be between 1 and 2000"))
    }
}
