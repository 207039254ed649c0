import Prometheus
import SchedulingServices
import Synchronization

/// The application's Prometheus metrics, in a registry owned by the application (never the
/// process-global metrics system, which may be bootstrapped only once).
public struct KairosMetrics: JobMetrics {
    /// The registry rendered at `/metrics`.
    public let registry: PrometheusCollectorRegistry
    /// Each route's request counter and latency histogram, looked up once.
    private let requestMetrics = RequestMetricHandles()
    /// Job kinds pre-registered so that dashboards see zeros before the first job.
    public static let jobKinds = ["routing", "transport-plan", "rota", "allocation", "reschedule"]
    static let latencyBuckets: [Duration] = [.milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25),
                                             .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
                                             .seconds(1), .seconds(2.5), .seconds(5)]
    static let jobBuckets: [Duration] = [.milliseconds(100), .milliseconds(500), .seconds(1), .seconds(5), .seconds(10),
                                         .seconds(30), .seconds(60), .seconds(300)]

    /// Creates the metrics in a fresh registry.
    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        for kind in KairosMetrics.jobKinds {
            _ = registry.makeCounter(descriptor: .init(namespace: "kairos", metricName: "solver_jobs_started", unitName: "total", helpText: "Solver jobs started."), labels: [("kind", kind)])
            _ = registry.makeDurationHistogram(descriptor: .init(namespace: "kairos", metricName: "solver_job_duration", unitName: "seconds", helpText: "Solver job durations."), labels: [("kind", kind), ("outcome", "succeeded")], buckets: KairosMetrics.jobBuckets)
        }
    }

    /// Counts a store operation that failed for a reason other than the data (disk full, I/O).
    func recordStoreFailure() {
        registry.makeCounter(descriptor: .init(namespace: "kairos", metricName: "store_failures", unitName: "total",
                                               helpText: "Store operations that failed (disk full, I/O error, read-only), not rule violations.")).increment()
    }

    /// Records a readiness check's outcome (the gauge is 1 while ready).
    func recordReadiness(_ ready: Bool) {
        registry.makeGauge(descriptor: .init(namespace: "kairos", metricName: "ready", unitName: "", helpText: "1 while the store can read and write, else 0."))
            .set(Int64(ready ? 1 : 0))
        if !ready {
            registry.makeCounter(descriptor: .init(namespace: "kairos", metricName: "readiness_failures", unitName: "total",
                                                   helpText: "Readiness checks that found the store unable to read or write.")).increment()
        }
    }

    /// Records one HTTP request.
    func recordRequest(method: String, route: String, status: Int, duration: Duration) {
        let key = RequestMetricHandles.Key(method: method, route: route, status: status)
        let (counter, histogram) = requestMetrics.handles(for: key) {
            (registry.makeCounter(
                descriptor: .init(namespace: "kairos", metricName: "http_requests", unitName: "total", helpText: "HTTP requests by route and status."),
                labels: [("method", method), ("route", route), ("status", String(status))]),
             registry.makeDurationHistogram(
                descriptor: .init(namespace: "kairos", metricName: "http_request_duration", unitName: "seconds", helpText: "HTTP request latency by route."),
                labels: [("method", method), ("route", route)], buckets: KairosMetrics.latencyBuckets))
        }
        counter.increment()
        histogram.recordNanoseconds(duration.nanoseconds)
    }

    public func jobStarted(kind: String) {
        registry.makeCounter(descriptor: .init(namespace: "kairos", metricName: "solver_jobs_started", unitName: "total", helpText: "Solver jobs started."), labels: [("kind", kind)]).increment()
    }

    public func jobFinished(kind: String, outcome: String, duration: Duration) {
        registry.makeDurationHistogram(
            descriptor: .init(namespace: "kairos", metricName: "solver_job_duration", unitName: "seconds", helpText: "Solver job durations."),
            labels: [("kind", kind), ("outcome", outcome)], buckets: KairosMetrics.jobBuckets
        ).recordNanoseconds(duration.nanoseconds)
    }

    /// The text exposition format.
    func render() -> String { registry.emitToString() }
}

/// The request metrics already made, by method, route and status: making one looks it up in the
/// registry by its name and labels, which every request would otherwise pay for.
private final class RequestMetricHandles: Sendable {
    struct Key: Hashable {
        let method: String
        let route: String
        let status: Int
    }
    private let made = Mutex<[Key: (Counter, DurationHistogram)]>([:])

    func handles(for key: Key, make: () -> (Counter, DurationHistogram)) -> (Counter, DurationHistogram) {
        if let found = made.withLock({ $0[key] }) { return found }
        let handles = make()
        made.withLock { $0[key] = handles }
        return handles
    }
}

extension Duration {
    /// Whole nanoseconds.
    var nanoseconds: Int64 {
        components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000
    }
}
