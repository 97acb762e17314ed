import Community
import Foundation
import Hummingbird
import SafeCityCore

/// `POST /v1/social/posts`: public posts from a feed integration (JSON array, `{"posts": […]}` or
/// NDJSON); `GET /v1/social/status`: the detector's counters.
///
/// Each item is judged alone: malformed or non-public items are counted by reason and skipped, the
/// rest go to the burst detector. Author handles are hashed on arrival and never stored or echoed.
enum SocialRoutes {
    static func register(in catalog: RouteCatalog, platform: Platform) {
        let social = platform.social
        catalog.secured(.post, "/v1/social/posts", action: .socialWrite) { request, context in
            var request = request
            let identity = try context.requireIdentity()
            let buffer: ByteBuffer
            do { buffer = try await request.collectBody(upTo: context.maxUploadSize) } catch {
                throw SafeCityError.tooLarge(limit: context.maxUploadSize)
            }
            guard buffer.readableBytes > 0 else { throw SafeCityError.badRequest("the request body is empty; send posts as JSON or NDJSON") }
            let result: SocialFeed.Result
            do { result = try SocialFeed.parse(Array(buffer.readableBytesView), salt: social.salt) } catch {
                platform.metrics.recordSocialRejected(reason: "malformed", count: 1)
                throw SafeCityError.badRequest("\(error)")
            }
            for (reason, count) in result.rejectedByReason { platform.metrics.recordSocialRejected(reason: reason.rawValue, count: count) }
            let (matched, signals) = try await social.ingest(result.posts, actor: identity.actorName)
            let report = Report(accepted: result.posts.count, matched: matched, signals: signals, rejected: result.rejected,
                                rejectedByReason: Dictionary(uniqueKeysWithValues: result.rejectedByReason.map { ($0.key.rawValue, $0.value) }))
            return try .json(encoding: report, status: result.posts.isEmpty && !result.rejected.isEmpty ? .unprocessableContent : .ok)
        }

        catalog.secured(.get, "/v1/social/status", action: .signalsRead) { _, _ in
            try .json(encoding: await social.statistics)
        }
    }

    struct Report: Encodable {
        var accepted: Int
        var matched: Int
        var signals: Int
        var rejected: [SocialFeed.Rejection]
        var rejectedByReason: [String: Int]
    }
}
