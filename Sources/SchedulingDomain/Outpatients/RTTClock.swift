/// The referral-to-treatment clock of a consultant-led pathway (OP-02, *NHS rule*): it starts
/// when the referral is received, stops at first definitive treatment or a decision not to treat,
/// and is nullified when the patient does not attend their first appointment after it was clearly
/// communicated; a new clock then starts when the patient is rebooked. There are no pauses:
/// weeks waited count every day since the start.
public struct RTTClock: Hashable, Codable, Sendable {
    /// The 18-week standard.
    public static let targetWeeks = 18

    /// Where the clock stands.
    public enum Status: String, Codable, Sendable, CaseIterable {
        case running, stopped, nullified
    }

    /// Why a clock stopped.
    public enum StopReason: String, Codable, Sendable, CaseIterable {
        case firstDefinitiveTreatment = "first-definitive-treatment"
        case decisionNotToTreat = "decision-not-to-treat"
        case activeMonitoring = "active-monitoring"
        case patientDeclined = "patient-declined"
        case removedFromList = "removed-from-list"
    }

    /// A rule the requested change breaks.
    public typealias RuleBroken = DomainRuleBroken

    /// The day the clock (re)started.
    public private(set) var start: LocalDate
    /// Running, stopped or nullified.
    public private(set) var status: Status
    /// The day it stopped or was nullified.
    public private(set) var endedOn: LocalDate?
    /// Why it stopped (stopped clocks only).
    public private(set) var stopReason: StopReason?
    /// How many times it was nullified and restarted.
    public private(set) var restarts: Int

    /// A running clock started on `start`.
    public init(start: LocalDate) {
        self.start = start
        status = .running
        restarts = 0
    }

    /// A stored clock, exactly as it was (storage adapters only); `nil` if the parts contradict
    /// each other (a running clock with an end, a stopped one without a reason).
    public static func restored(start: LocalDate, status: Status, endedOn: LocalDate?, stopReason: StopReason?, restarts: Int) -> RTTClock? {
        guard (status == .running) == (endedOn == nil), (status == .stopped) == (stopReason != nil), restarts >= 0 else { return nil }
        var clock = RTTClock(start: start)
        clock.status = status
        clock.endedOn = endedOn
        clock.stopReason = stopReason
        clock.restarts = restarts
        return clock
    }

    /// 18 weeks after the start: waiting beyond this day is a breach.
    public var breachDate: LocalDate { start.adding(days: Self.targetWeeks * 7) }

    /// Days waited by `date` (or until the clock stopped); 0 for a nullified clock.
    public func daysWaited(asOf date: LocalDate) -> Int {
        switch status {
        case .running: return max(0, start.days(until: date))
        case .stopped: return max(0, start.days(until: endedOn!))
        case .nullified: return 0
        }
    }

    /// Completed weeks waited by `date`.
    public func weeksWaited(asOf date: LocalDate) -> Int { daysWaited(asOf: date) / 7 }

    /// Whether the wait exceeds 18 weeks by `date` (a stopped clock: whether it stopped after its breach date).
    public func isBreached(asOf date: LocalDate) -> Bool {
        switch status {
        case .running: return date > breachDate
        case .stopped: return endedOn! > breachDate
        case .nullified: return false
        }
    }

    /// Stops a running clock on `date`.
    public mutating func stop(on date: LocalDate, reason: StopReason) throws(RuleBroken) {
        try requireRunning(on: date, "stop")
        status = .stopped
        endedOn = date
        stopReason = reason
    }

    /// Nullifies a running clock on `date` (the patient did not attend the first appointment).
    public mutating func nullify(on date: LocalDate) throws(RuleBroken) {
        try requireRunning(on: date, "nullify")
        status = .nullified
        endedOn = date
    }

    /// Starts a new clock on `date` after a nullification (the patient is rebooked).
    public mutating func restart(on date: LocalDate) throws(RuleBroken) {
        guard status == .nullified else {
            throw RuleBroken(code: "rtt.notNullified", message: "only a nullified clock can restart; this one is \(status.rawValue).")
        }
        guard date >= endedOn! else {
            throw RuleBroken(code: "rtt.dateOrder", message: "a new clock cannot start (\(date)) before the old one was nullified (\(endedOn!)).")
        }
        start = date
        status = .running
        endedOn = nil
        restarts += 1
    }

    private func requireRunning(on date: LocalDate, _ verb: String) throws(RuleBroken) {
        guard status == .running else {
            throw RuleBroken(code: "rtt.notRunning", message: "cannot \(verb) a clock that is \(status.rawValue).")
        }
        guard date >= start else {
            throw RuleBroken(code: "rtt.dateOrder", message: "cannot \(verb) the clock on \(date), before it started on \(start).")
        }
    }
}

/// A domain rule the requested change breaks (a clock stopped twice, an appointment cancelled
/// after it was attended). Services report it as a conflict with its code.
public struct DomainRuleBroken: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable code, e.g. `rtt.notRunning`.
    public var code: String
    /// What is wrong.
    public var message: String
    public var description: String { message }

    /// Creates the error.
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }
}
