import Logging
import Security

extension PeriodicService {
    /// Applies retention every `interval` (purges logged as events); first finishes a field-key rotation a crash interrupted.
    static func retention(_ privacy: PrivacyService, interval: Duration, logger: Logger) -> PeriodicService {
        PeriodicService(name: "retention", interval: interval, logger: logger) {
            if let next = privacy.vault.nextKEK, await privacy.rotationStatus()?.running != true {
                let status = try await privacy.rotateFieldKey(to: next)
                logger.notice("field-key rotation finished", metadata: ["rewrapped": "\(status.rewrapped)", "resealed": "\(status.resealed)"])
            }
            let purges = try await privacy.applyRetention()
            for purge in purges {
                logger.notice("retention purge", metadata: ["kind": "\(purge.kind)", "period": "\(purge.period)", "count": "\(purge.count)"])
            }
        }
    }
}
