import Logging
import SafeCityDispatch
import ServiceLifecycle

/// Runs a piece of work every `interval` while the server runs; a failure is logged and the next round goes on.
struct PeriodicService: Service {
    let name: String
    let interval: Duration
    let logger: Logger
    let work: @Sendable () async throws -> Void

    func run() async throws {
        try await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await work()
                } catch {
                    // Cancelled by shutdown: not a failure worth a warning.
                    if Task.isCancelled { return }
                    logger.warning("\(name) failed", metadata: ["error": "\(error)"])
                }
                try await Task.sleep(for: interval)
            }
        }
    }

    /// Escalates incidents that wait too long for an acknowledging unit, every few seconds.
    static func escalation(_ dispatch: DispatchService, policy: EscalationPolicy, interval: Duration, logger: Logger) -> PeriodicService {
        PeriodicService(name: "escalation check", interval: interval, logger: logger) {
            let escalated = try await dispatch.escalateOverdue(policy: policy)
            if !escalated.isEmpty { logger.notice("escalated", metadata: ["incidents": "\(escalated.joined(separator: ","))"]) }
        }
    }

    /// Lets the social-media detector notice that a burst has gone quiet when no post arrives to say so.
    static func socialQuiet(_ social: SocialService, interval: Duration, logger: Logger) -> PeriodicService {
        PeriodicService(name: "social burst check", interval: interval, logger: logger) { try await social.tick() }
    }
}
