import Logging
import ServiceLifecycle

/// Lets the social-media detector notice that a burst has gone quiet when no post arrives to say so.
struct SocialQuietWatch: Service {
    let social: SocialService
    let interval: Duration
    let logger: Logger

    func run() async throws {
        try await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await social.tick()
                } catch {
                    if Task.isCancelled { return }
                    logger.warning("social burst check failed", metadata: ["error": "\(error)"])
                }
                try await Task.sleep(for: interval)
            }
        }
    }
}
