import Prometheus
import Storage

extension ServerMetrics {
    /// Records the database connection pool's use (PostgreSQL only) and dispatch commands retried on conflict.
    func recordStorage(pool: PostgresDatabase.PoolUsage?, maximumConnections: Int?, dispatchRetries: Int) {
        registry.makeGauge(descriptor: .init(
            namespace: "safecity", metricName: "dispatch_conflict_retries", unitName: "total",
            helpText: "Dispatch commands run again because another node changed the board"))
            .set(Double(dispatchRetries))
        guard let pool, let maximumConnections else { return }
        let gauges: [(String, String, Double)] = [
            ("db_pool_in_use", "Database operations holding a pooled connection now", Double(pool.inUse)),
            ("db_pool_peak_in_use", "Most database operations at once since start", Double(pool.peakInUse)),
            ("db_pool_max", "Connections the pool may open", Double(maximumConnections)),
            ("db_operations", "Database operations run since start", Double(pool.operations)),
            ("db_operation_failures", "Database operations that failed since start", Double(pool.failures)),
            ("db_busy_seconds", "Time database operations held a connection, summed", Double(pool.busyMicroseconds) / 1e6),
        ]
        for (name, help, value) in gauges {
            registry.makeGauge(descriptor: .init(namespace: "safecity", metricName: name, unitName: "", helpText: help)).set(value)
        }
    }
}
