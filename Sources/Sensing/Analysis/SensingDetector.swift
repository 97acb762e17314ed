import Geo
import SafeCityCore

/// Runs the ``SensingAnalyser`` over the log as it grows and appends the signals it raises.
///
/// It judges `sensor.*` records in log order whatever wrote them, so observations that came by HTTP,
/// WebSocket, MQTT, the events API or another node are judged alike. What ``SensingService`` commits
/// arrives in memory through ``feed``; everything else — records of other writers, chunks the feed
/// dropped, the log before start — is read from the log, so every record is folded exactly once. On
/// start it replays the log and skips every signal already recorded, so a restart raises nothing twice
/// and misses nothing.
public actor SensingDetector {
    public typealias Append = @Sendable ([NewEvent]) async throws -> [EventRecord]

    private let log: any EventLog
    private let clock: any WallClock
    private let append: Append
    /// The intake's committed records, in memory; give it to ``SensingService``.
    public nonisolated let feed: SensingFeed
    private var analyser: SensingAnalyser
    private var recorded: Set<String> = []
    private var task: Task<Void, Never>?
    private var ticker: Task<Void, Never>?
    /// The last sequence number folded in.
    public private(set) var sequence: Int64 = 0
    public private(set) var signalsRaised = 0
    /// Records folded from the in-memory feed and read from the log, for metrics.
    public private(set) var recordsFromFeed = 0
    public private(set) var recordsFromLog = 0
    /// Why the last append of signals failed, if one did.
    public private(set) var lastFailure: String?
    private var waiters: [(target: Int64, continuation: CheckedContinuation<Void, Never>)] = []
    /// Sequence numbers of the signals this detector appended and has not yet stepped over: they hold
    /// nothing to judge, so the log need not be read for them.
    private var ownRecords: [ClosedRange<Int64>] = []
    /// Signals are appended in order by a writer task, so that judging goes on while they are committed.
    private var signalQueue: AsyncStream<SignalBatch>.Continuation?
    private var signalWriter: Task<Void, Never>?
    /// Signal batches queued and not yet committed, and the basis of the last one committed (or given up).
    private var signalBatchesPending = 0
    private var signalsWrittenThrough: Int64 = 0

    private struct SignalBatch: Sendable {
        var events: [NewEvent]
        var keys: [String]
        var basis: Int64
    }

    static let types: Set<EventType> = [SensingEvents.observation, SensingEvents.registered, SensingEvents.retired]

    public init(log: any EventLog, clock: any WallClock, rules: RuleSet, feed: SensingFeed = SensingFeed(), append: @escaping Append) {
        self.log = log
        self.clock = clock
        self.append = append
        self.feed = feed
        self.analyser = SensingAnalyser(rules: rules)
    }

    /// Reads the signals already recorded, then follows the log; `tickInterval` paces absence and staleness checks.
    public func start(tickInterval: Duration = .seconds(5)) async throws {
        guard task == nil else { return }
        try await log.forEachRecord(ofTypes: [SensingEvents.ruleSignal, SensingEvents.healthSignal]) { record in
            if let key = try? record.event.payload.decode(SignalKey.self).key { recorded.insert(key) }
        }
        let (batches, queue) = AsyncStream<SignalBatch>.makeStream()
        signalQueue = queue
        let append = self.append
        signalWriter = Task { [weak self] in
            for await batch in batches {
                let outcome: Result<[EventRecord], any Error>
                do { outcome = .success(try await append(batch.events)) } catch { outcome = .failure(error) }
                await self?.written(batch, outcome)
            }
        }
        task = Task { [weak self] in
            await self?.follow()
        }
        ticker = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: tickInterval)
                await self?.tick()
            }
        }
    }

    /// Stops judging; signals not yet committed are dropped, and raised again by the replay after a restart.
    public func stop() {
        task?.cancel()
        ticker?.cancel()
        signalQueue?.finish()
        signalWriter?.cancel()
        task = nil
        ticker = nil
        signalQueue = nil
        signalWriter = nil
        for waiter in waiters { waiter.continuation.resume() }
        waiters.removeAll()
    }

    /// Reads the log page by page and raises each page's signals in one append, so that a burst of
    /// firings costs one transaction, not one per firing.
    static let pageSize = 2_000
    /// Feed entries folded before their signals are raised in one append, when the detector is behind.
    static let feedBatch = 8_000

    private func follow() async {
        while !Task.isCancelled {
            do {
                stepOverOwnRecords()
                if let chunk = feed.take() {
                    try await fold(first: chunk)
                    continue
                }
                if await log.headSignal.current > sequence {
                    // The intake's records are on their way in memory; reading them from the log would be waste.
                    if feed.appendsInFlight {
                        await feed.waitForAppends()
                        continue
                    }
                    try await readPage(through: .max)
                    continue
                }
                if await log.headSignal.isClosed { return }
                // The timeout also bounds how late a record appended by another process is seen.
                _ = await log.headSignal.wait(beyond: sequence, timeout: .seconds(1))
            } catch {
                lastFailure = String(describing: error)
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }

    /// Folds `first` and the chunks queued behind it (up to ``feedBatch`` entries), reading from the log
    /// whatever lies between them, then raises their signals in one append.
    private func fold(first: SensingFeed.Chunk) async throws {
        var chunk = first
        var signals: [SensingSignal] = []
        var folded = 0
        while true {
            if chunk.lastSequence > sequence {
                if chunk.firstSequence > sequence + 1 {
                    if !signals.isEmpty {
                        await raise(signals, basis: sequence)
                        signals.removeAll()
                    }
                    stepOverOwnRecords()
                    while chunk.firstSequence > sequence + 1 {
                        let before = sequence
                        try await readPage(through: chunk.firstSequence - 1)
                        // The chunk is committed, so the log holds everything before it; if a read cannot reach
                        // it, drop the chunk and let the follower read it from the log too.
                        guard sequence > before else { throw EventLogError.storage("the log did not return records before \(chunk.firstSequence)") }
                    }
                }
                var at = chunk.firstSequence
                for entry in chunk.entries {
                    if at > sequence {
                        switch entry {
                        case let .observation(observation): signals += analyser.apply(recorded: observation)
                        case let .record(record): signals += analyser.apply(record)
                        }
                    }
                    at += 1
                }
                recordsFromFeed += Int(chunk.lastSequence - max(sequence, chunk.firstSequence - 1))
                folded += chunk.entries.count
                sequence = chunk.lastSequence
            }
            guard folded < Self.feedBatch, let next = feed.take() else { break }
            chunk = next
        }
        if !signals.isEmpty { await raise(signals, basis: sequence) }
        resumeWaiters()
    }

    /// Reads one page of the log after ``sequence``, no further than `limit`, folds it and raises its signals.
    private func readPage(through limit: Int64) async throws {
        let span = limit == .max ? Self.pageSize : Int(min(Int64(Self.pageSize), limit - sequence))
        let page = try await log.page(after: sequence, limit: span, types: Self.types)
        var signals: [SensingSignal] = []
        for record in page.records where record.sequence <= limit {
            signals += analyser.apply(record)
            recordsFromLog += 1
        }
        let through = min(limit, max(page.scannedThrough, page.records.last?.sequence ?? sequence))
        if !signals.isEmpty { await raise(signals, basis: through) }
        sequence = max(sequence, through)
        resumeWaiters()
    }

    /// Moves ``sequence`` over the signals this detector appended right after it.
    private func stepOverOwnRecords() {
        guard !ownRecords.isEmpty else { return }
        ownRecords.removeAll { $0.upperBound <= sequence }
        while let next = ownRecords.first(where: { $0.lowerBound == sequence + 1 }) {
            sequence = next.upperBound
            ownRecords.removeAll { $0.upperBound <= sequence }
        }
    }

    /// Judges absence and staleness against the clock, once the log has been read to within a page of
    /// its head: a detector still catching up would take unread readings for silence.
    public func tick() async {
        guard await log.headSignal.current - sequence < Self.pageSize else { return }
        let signals = analyser.advance(to: clock.now())
        if !signals.isEmpty { await raise(signals, basis: sequence) }
    }

    /// Queues the signals not recorded yet for the writer task, in order.
    private func raise(_ signals: [SensingSignal], basis: Int64) async {
        let fresh = signals.filter { !recorded.contains($0.key) }
        guard !fresh.isEmpty, let signalQueue else { return }
        let keys = fresh.map(\.key)
        for key in keys { recorded.insert(key) }
        signalBatchesPending += 1
        signalQueue.yield(SignalBatch(events: fresh.map { event(for: $0, basis: basis) }, keys: keys, basis: basis))
    }

    /// Books a batch of signals the writer task committed or failed to commit.
    private func written(_ batch: SignalBatch, _ outcome: Result<[EventRecord], any Error>) {
        switch outcome {
        case let .success(records):
            if let first = records.first, let last = records.last, last.sequence - first.sequence == Int64(records.count - 1) {
                ownRecords.append(first.sequence...last.sequence)
            }
            signalsRaised += records.count
        case let .failure(error):
            // Not recorded: the same transition may be raised again (after a restart's replay).
            for key in batch.keys { recorded.remove(key) }
            lastFailure = String(describing: error)
        }
        signalBatchesPending -= 1
        signalsWrittenThrough = max(signalsWrittenThrough, batch.basis)
        resumeWaiters()
    }

    /// Waits until records up to `target` are folded in and the signals they raised are committed
    /// (read-your-writes for the API).
    public func caughtUp(to target: Int64, timeout: Duration = .seconds(5)) async {
        if isCaughtUp(to: target) || task == nil { return }
        await withCheckedContinuation { continuation in
            waiters.append((target, continuation))
            Task { [weak self] in
                try? await Task.sleep(for: timeout)
                await self?.releaseAll(below: target)
            }
        }
    }

    private func resumeWaiters() {
        guard !waiters.isEmpty else { return }
        var kept: [(target: Int64, continuation: CheckedContinuation<Void, Never>)] = []
        for waiter in waiters {
            if isCaughtUp(to: waiter.target) { waiter.continuation.resume() } else { kept.append(waiter) }
        }
        waiters = kept
    }

    /// Whether records up to `target` are folded in and their signals committed: batches are written in
    /// order, and the first with a basis at or past `target` holds the last signals those records raised.
    private func isCaughtUp(to target: Int64) -> Bool {
        sequence >= target && (signalBatchesPending == 0 || signalsWrittenThrough >= target)
    }

    private func releaseAll(below target: Int64) {
        let (due, kept) = (waiters.filter { $0.target <= target }, waiters.filter { $0.target > target })
        for waiter in due { waiter.continuation.resume() }
        waiters = kept
    }

    // MARK: - Reading the state

    public func status(of sensorID: String) -> SensorStatus? { analyser.status(of: sensorID, now: clock.now()) }

    public func sensorAQIs() -> [SensorAQI] { analyser.sensorAQIs(now: clock.now()) }

    public func history(of sensorID: String, quantity: Quantity) -> SeriesHistory? { analyser.history(of: sensorID, quantity: quantity) }

    public var rules: RuleSet { analyser.rules }

    public var unhealthySensors: Set<String> { analyser.unhealthySensors }

    public var observationsSeen: Int { analyser.observationsSeen }

    // MARK: - Events

    private func event(for signal: SensingSignal, basis: Int64) -> NewEvent {
        switch signal {
        case let .rule(firing):
            let location = firing.evidence.first.flatMap { analyser.registry[$0.sensorID]?.location }
                ?? analyser.registry[firing.subject]?.location
            let payload = RuleSignalPayload(firing: firing, basisSequence: basis, key: signal.key)
            return NewEvent(id: Self.eventID(signal), type: SensingEvents.ruleSignal, source: "sensing:rules", actor: "system:sensing", occurredAt: firing.time,
                            location: location, payload: (try? EventPayload(encoding: payload)) ?? EventPayload(.null))
        case let .health(change):
            let payload = HealthSignalPayload(change: change, basisSequence: basis, key: signal.key)
            return NewEvent(id: Self.eventID(signal), type: SensingEvents.healthSignal, source: "sensing:health", actor: "system:sensing", occurredAt: change.time,
                            location: analyser.registry[change.sensorID]?.location,
                            payload: (try? EventPayload(encoding: payload)) ?? EventPayload(.null))
        }
    }

    /// A signal's event id follows from its key: detectors on several nodes judge the same readings, and
    /// the log keeps the first of their identical signals (``EventLog/appendNew(_:)``).
    static func eventID(_ signal: SensingSignal) -> EventID {
        EventID.derived(namespace: "sensing-signal", key: signal.key)
    }

    struct SignalKey: Decodable {
        var key: String
    }
}
