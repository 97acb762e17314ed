import Logging
import SafeCityDispatch
import ServiceLifecycle

/// Escalates incidents that wait too long for an acknowledging unit, checking every few seconds
/// while the server runs.
struct EscalationWatch: Service {
    let dispatch: DispatchService
    let policy: EscalationPolicy
    let interval: Duration
    let logger: Logger

    func run() async throws {
        try await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let escalated = try await dispatch.escalateOverdue(policy: policy)
                    if !escalated.isEmpty { logger.notice("escalated", metadata: ["incidents": "\(escalated.joined(separator: ","))"]) }
                } catch {
                    // Cancelled by shutdown: not a failure worth a warning.
                    if Task.isCancelled { return }
                    logger.warning("escalation check failed", metadata: ["error": "\(error)"])
                }
                try await Task.sleep(for: interval)
            }
        }
    }
}
