import SafeCityCore
import Synchronization

/// Watches how credentials are used and says when it looks like abuse: one key or session used from
/// many addresses (a stolen credential), many failed sign-ins or many usernames tried from one address
/// (guessing, credential stuffing), and one caller reading far more of the log than a person would
/// (bulk export), and one credential that keeps running into its rate limit (a runaway script or a
/// scraper). Each finding is reported once per subject per quiet period.
public final class AccessWatch: Sendable {
    public struct Settings: Sendable {
        public var windowSeconds: Int64 = 600
        /// Distinct addresses one credential may come from within the window.
        public var maxAddressesPerCredential = 4
        /// Failed sign-ins from one address within the window.
        public var maxFailedSignInsPerAddress = 20
        /// Distinct usernames tried from one address within the window.
        public var maxUsernamesPerAddress = 8
        /// Log records one caller may read within the window.
        public var maxRecordsRead = 50_000
        /// Requests of one credential refused by its rate limit within the window.
        public var maxRefusalsPerCredential = 50
        /// A subject reported is not reported again for this long.
        public var quietSeconds: Int64 = 3_600

        public init() {}
    }

    /// Something that looks like abuse.
    public struct Finding: Sendable, Equatable, Codable {
        /// `credential-shared`, `sign-in-guessing`, `bulk-read` or `rate-limited`.
        public var kind: String
        /// The credential (`key:…`, `user:…`) or the address concerned.
        public var subject: String
        public var summary: String
    }

    private struct State {
        var addresses: [String: [(address: String, at: Int64)]] = [:]
        var failures: [String: [(username: String, at: Int64)]] = [:]
        var reads: [String: [(count: Int, at: Int64)]] = [:]
        var refusals: [String: [Int64]] = [:]
        var reported: [String: Int64] = [:]
    }

    public let settings: Settings
    private let state = Mutex(State())

    public init(_ settings: Settings = Settings()) { self.settings = settings }

    /// A request authenticated as `actor` came from `address`.
    public func used(_ actor: String, from address: String?, at time: Timestamp) -> Finding? {
        guard let address else { return nil }
        let now = time.millisecondsSince1970 / 1000
        return state.withLock { state in
            var seen = state.addresses[actor, default: []].filter { now - $0.at < settings.windowSeconds && $0.address != address }
            seen.append((address, now))
            state.addresses[actor] = seen
            prune(&state, at: now)
            guard seen.count > settings.maxAddressesPerCredential else { return nil }
            return report(&state, kind: "credential-shared", subject: actor, at: now,
                          summary: "\(actor) was used from \(seen.count) addresses within \(settings.windowSeconds / 60) minutes: a shared or stolen credential?")
        }
    }

    /// A sign-in as `username` from `address` failed.
    public func failedSignIn(_ username: String, from address: String?, at time: Timestamp) -> Finding? {
        let address = address ?? "unknown"
        let now = time.millisecondsSince1970 / 1000
        return state.withLock { state in
            var tries = state.failures[address, default: []].filter { now - $0.at < settings.windowSeconds }
            tries.append((username, now))
            state.failures[address] = tries
            prune(&state, at: now)
            let names = Set(tries.map(\.username)).count
            guard tries.count > settings.maxFailedSignInsPerAddress || names > settings.maxUsernamesPerAddress else { return nil }
            return report(&state, kind: "sign-in-guessing", subject: address, at: now,
                          summary: "\(tries.count) failed sign-ins for \(names) usernames from \(address) within \(settings.windowSeconds / 60) minutes")
        }
    }

    /// `actor` read `count` records of the log.
    public func read(_ count: Int, by actor: String, at time: Timestamp) -> Finding? {
        let now = time.millisecondsSince1970 / 1000
        return state.withLock { state in
            var reads = state.reads[actor, default: []].filter { now - $0.at < settings.windowSeconds }
            reads.append((count, now))
            state.reads[actor] = reads
            prune(&state, at: now)
            let total = reads.reduce(0) { $0 + $1.count }
            guard total > settings.maxRecordsRead else { return nil }
            return report(&state, kind: "bulk-read", subject: actor, at: now,
                          summary: "\(actor) read \(total) log records within \(settings.windowSeconds / 60) minutes: a bulk export?")
        }
    }

    /// A request of `actor` was refused by its credential's rate limit.
    public func limited(_ actor: String, at time: Timestamp) -> Finding? {
        let now = time.millisecondsSince1970 / 1000
        return state.withLock { state in
            var refusals = state.refusals[actor, default: []].filter { now - $0 < settings.windowSeconds }
            refusals.append(now)
            state.refusals[actor] = refusals
            prune(&state, at: now)
            guard refusals.count > settings.maxRefusalsPerCredential else { return nil }
            return report(&state, kind: "rate-limited", subject: actor, at: now,
                          summary: "\(actor) was refused \(refusals.count) requests by its rate limit within \(settings.windowSeconds / 60) minutes: a runaway client or a scraper?")
        }
    }

    /// Forgets subjects quiet for a whole window, so that memory follows the active callers only.
    private func prune(_ state: inout State, at now: Int64) {
        guard state.addresses.count + state.failures.count + state.reads.count + state.refusals.count > 20_000 else { return }
        state.addresses = state.addresses.filter { now - ($0.value.last?.at ?? 0) < settings.windowSeconds }
        state.failures = state.failures.filter { now - ($0.value.last?.at ?? 0) < settings.windowSeconds }
        state.reads = state.reads.filter { now - ($0.value.last?.at ?? 0) < settings.windowSeconds }
        state.refusals = state.refusals.filter { now - ($0.value.last ?? 0) < settings.windowSeconds }
        state.reported = state.reported.filter { now - $0.value < settings.quietSeconds }
    }

    private func report(_ state: inout State, kind: String, subject: String, at now: Int64, summary: String) -> Finding? {
        let key = "\(kind)|\(subject)"
        if let last = state.reported[key], now - last < settings.quietSeconds { return nil }
        state.reported[key] = now
        return Finding(kind: kind, subject: subject, summary: summary)
    }
}
