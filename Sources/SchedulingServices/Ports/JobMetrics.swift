import Foundation
import SchedulingDomain

/// Receives solver-job lifecycle events (counts and durations for monitoring).
public protocol JobMetrics: Sendable {
    /// A job of `kind` (e.g. `transport-plan`) started.
    func jobStarted(kind: String)
    /// A job of `kind` ended with `outcome` (`succeeded`, `failed`, `cancelled`) after `duration`.
    func jobFinished(kind: String, outcome: String, duration: Duration)
}
