import Foundation

/// The coupled model: problems whose start times are tied across routes (groups of visits served
/// together, e.g. home-care double-ups or a second carer within a gap), whose stops have several
/// windows, whose resources take breaks, or whose visits are priced for lateness. A move in one
/// route can shift times in another, so segment concatenation no longer prices a move exactly;
/// this search schedules the whole plan at once instead.
///
/// The schedule of a plan is the least solution of its constraints (travel and service along each
/// route, windows' earliest starts, group gaps, ride times): every start as early as it may be,
/// which also minimises lateness since lateness only grows with time. It is found by repeated
/// forward passes (Bellman–Ford over the few backward edges: a group's largest gap, a request's
/// ride time, which delays the pickup); one that keeps growing is a cycle of waiting (carer A
/// waits for B who waits for A) and is infeasible.
///
/// Nodes are those of ``CompiledProblem``: visits, then each request's pickup and delivery.
/// Tasks: a visit outside every group is a task; a group is one task served whole or not at all;
/// a request is one task whose two nodes share a route, pickup first.
struct CoupledModel: Sendable {
    let p: CompiledProblem
    /// Per task: member nodes (one for a single visit; a group's visits, the first its reference;
    /// a request's pickup and delivery).
    let members: [[Int]]
    let minGap: [Int]
    let maxGap: [Int]
    /// Per node: its task.
    let taskOfNode: [Int]
    let penalty: [Int]
    /// Tasks that are groups.
    let groupTasks: [Int]
    /// Per task: whether it is a request.
    let isRequest: [Bool]
    /// Per task: the task of ``CompiledProblem`` (visit index, or visits + request index) of its
    /// first member, for resource rules and assignment costs.
    let compiledTask: [Int]
    /// Per node: the longest ride ending here (a delivery with a ride limit), or -1.
    let rideLimit: [Int]
    /// Per node: soft deadline (`Int.max / 4` when none).
    let lateAfter: [Int]
    let latenessCost: Int
    let maxLatenessCost: Int
    /// Bound on scheduling rounds before a plan is declared a waiting cycle.
    let roundLimit: Int
    /// Per node: all its windows sorted by start (empty when it has only its one window).
    let windows: [[TimeWindow]]
    /// Per node: the end of its last window.
    let latest: [Int]
    /// Per resource: its breaks in order.
    let breaks: [[Break]]
    /// Per resource: the total duration of its breaks.
    let breakTime: [Int]
    /// Per resource: breaks only with no request on board (``Resource/breaksWithNobodyOnBoard``).
    let breaksWithNobodyOnBoard: [Bool]
    /// Whether any resource takes a break.
    let hasBreaks: Bool
    /// Whether scheduling stops as soon as a plan can no longer end feasible
    /// (``isHopeless(_:_:)``); off only in tests comparing against the plain fixed point.
    var stopsHopelessEarly = true
    /// Per task: whether it is frozen (never moved by the search).
    let locked: [Bool]

    init(_ p: CompiledProblem) {
        self.p = p
        let problem = p.problem
        var members: [[Int]] = [], minGap: [Int] = [], maxGap: [Int] = [], penalty: [Int] = []
        var isRequest: [Bool] = [], compiledTask: [Int] = []
        var taskOfNode = [Int](repeating: -1, count: p.nodeCount)
        var groupTasks: [Int] = []
        var backwardEdges = 0
        for group in problem.groups {
            for v in group.visits { taskOfNode[v] = members.count }
            groupTasks.append(members.count)
            members.append(group.visits); minGap.append(group.minGap); maxGap.append(group.maxGap)
            penalty.append(group.visits.reduce(0) { $0 + p.penalty[$1] })
            isRequest.append(false); compiledTask.append(group.visits[0])
            backwardEdges += 2 * (group.visits.count - 1)
        }
        for v in 0..<p.visitCount where taskOfNode[v] < 0 {
            taskOfNode[v] = members.count
            members.append([v]); minGap.append(0); maxGap.append(0); penalty.append(p.penalty[v])
            isRequest.append(false); compiledTask.append(v)
        }
        var rideLimit = [Int](repeating: -1, count: p.nodeCount)
        for task in p.visitCount..<p.taskCount {
            let pickup = p.firstNode[task], delivery = pickup + 1
            taskOfNode[pickup] = members.count; taskOfNode[delivery] = members.count
            members.append([pickup, delivery]); minGap.append(0); maxGap.append(0); penalty.append(p.penalty[task])
            isRequest.append(true); compiledTask.append(task)
            if p.maxRide[task] != Int.max {
                rideLimit[delivery] = p.maxRide[task]
                backwardEdges += 1
            }
        }
        self.members = members; self.minGap = minGap; self.maxGap = maxGap; self.penalty = penalty
        self.taskOfNode = taskOfNode; self.groupTasks = groupTasks; self.isRequest = isRequest
        self.compiledTask = compiledTask; self.rideLimit = rideLimit
        // Each round settles at least one more backward edge of the longest chain; windows and
        // breaks can add a few rounds, so the bound is generous (a plan beyond it is refused).
        roundLimit = 2 * backwardEdges + 4
        var lateAfter = problem.visits.map { $0.lateAfter ?? Int.max / 4 }
        var windows: [[TimeWindow]] = problem.visits.map {
            $0.moreWindows.isEmpty ? [] : ([$0.stop.window] + $0.moreWindows).sorted { ($0.start, $0.end) < ($1.start, $1.end) }
        }
        for request in problem.requests {
            for (stop, more, due) in [(request.pickup, request.pickupMoreWindows, request.pickupLateAfter), (request.delivery, request.deliveryMoreWindows, nil)] {
                lateAfter.append(due ?? Int.max / 4)
                windows.append(more.isEmpty ? [] : ([stop.window] + more).sorted { ($0.start, $0.end) < ($1.start, $1.end) })
            }
        }
        self.lateAfter = lateAfter
        self.windows = windows
        latenessCost = problem.objective.latenessCost
        maxLatenessCost = problem.objective.maxLatenessCost
        latest = (0..<p.nodeCount).map { u in windows[u].isEmpty ? p.late[u] : windows[u].map(\.end).max()! }
        breaks = problem.resources.map(\.breaks)
        breakTime = problem.resources.map { $0.breaks.reduce(0) { $0 + $1.duration } }
        breaksWithNobodyOnBoard = problem.resources.map(\.breaksWithNobodyOnBoard)
        hasBreaks = problem.resources.contains { !$0.breaks.isEmpty }
        locked = members.map { $0.contains { p.locked[p.taskOfNode[$0]] } }
    }

    /// The earliest start of visit `v` at or after `time` inside one of its windows; past its
    /// last window, `time` itself (which then breaks the window rule).
    @inline(__always)
    func earliestStart(_ v: Int, _ time: Int) -> Int {
        let w = windows[v]
        if w.isEmpty { return max(time, p.early[v]) }
        for window in w where window.end >= time { return max(time, window.start) }
        return time
    }

    var taskCount: Int { members.count }

    // Read from the packed legs: one cache line holds both, for a quarter of the two matrices' lines.
    @inline(__always) func travel(_ r: Int, _ a: Int, _ b: Int) -> Int { Int(p.legs[p.profile[r]][a * p.locationCount + b].travel) }
    @inline(__always) func distance(_ r: Int, _ a: Int, _ b: Int) -> Int { Int(p.legs[p.profile[r]][a * p.locationCount + b].metres) }
}

extension CompiledProblem {
    /// The load on board of `route` before each of its stops and at its end, per dimension:
    /// `board[k * dims + d]` for `k` in `0...route.count` (it starts with the goods its stops
    /// deliver). `board` is grown if it is too short and otherwise reused.
    func fillOnBoard(_ route: [Int], into board: inout [Int]) {
        let size = (route.count + 1) * dims
        if board.count < size { board = Array(repeating: 0, count: 2 * size) }
        board.withUnsafeMutableBufferPointer { board in
            for d in 0..<dims { board[d] = 0 }
            for v in route { for d in 0..<dims { board[d] += startLoad[v * dims + d] } }
            for (k, v) in route.enumerated() {
                for d in 0..<dims { board[(k + 1) * dims + d] = board[k * dims + d] + loadDelta[v * dims + d] }
            }
        }
    }

    /// Whether the load pickup `u` takes on board fits on resource `r` at position `k` of a route
    /// whose loads are in `board` (``fillOnBoard(_:into:)``). A request picked up before stop `i`
    /// and delivered before stop `j` fits, in a route that fits without it, exactly when it fits
    /// at every `k` in `i...j`.
    @inline(__always)
    func fits(_ u: Int, resource r: Int, onBoard board: [Int], at k: Int) -> Bool {
        for d in 0..<dims where board[k * dims + d] + loadDelta[u * dims + d] > capacity[r * dims + d] { return false }
        return true
    }
}
