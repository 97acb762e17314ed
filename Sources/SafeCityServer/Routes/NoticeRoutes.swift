import Hummingbird
import SafeCityCore
import Storage

/// `GET /v1/reports/notices?state=&limit=`: the reporter notice outbox for staff: counts per channel and state, the
/// senders, and the latest notices (keys, requests, channels, attempts, errors; never an address).
enum NoticeRoutes {
    static func register(in catalog: RouteCatalog, platform: Platform) {
        catalog.secured(.get, "/v1/reports/notices", action: .reportsManage) { request, _ in
            let query = request.uri.queryParameters
            var state: OutboxRecord.State?
            if let text = query["state"].map(String.init), !text.isEmpty {
                guard let parsed = OutboxRecord.State(rawValue: text) else {
                    throw SafeCityError.invalid(ValidationError(field: "state", reason: "must be pending, delivered or abandoned, got \"\(text)\""))
                }
                state = parsed
            }
            let limit = try query.integer("limit", default: 50, range: 1...500)
            let outbox = platform.storage.notices
            let counts = try await outbox.counts()
            let recent = try await outbox.recent(state: state, limit: Int(limit))
            let body: JSONValue = .object([
                "senders": .object(platform.notices.senders.mapValues(JSONValue.string)),
                "counts": .object(counts.mapValues { states in .object(Dictionary(uniqueKeysWithValues: states.map { ($0.key.rawValue, .number(Double($0.value))) })) }),
                "notices": .array(recent.map { notice in
                    .object([
                        "key": .string(notice.key), "eventSequence": .number(Double(notice.eventSequence)), "requestID": .string(notice.requestID),
                        "reporterRequestID": .string(notice.reporterRequestID), "channel": .string(notice.channel), "state": .string(notice.state.rawValue),
                        "attempts": .number(Double(notice.attempts)), "nextAttemptAt": .string(notice.nextAttemptAt.description),
                        "lastError": notice.lastError.map(JSONValue.string) ?? .null,
                    ])
                }),
            ])
            return .json(body.canonicalBytes)
        }
    }
}
