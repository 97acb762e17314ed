import SafeCityCore

/// Runs a simulation in real time, appending what happens to the log once a second.
public actor SimulationDriver {
    private var simulation: CitySimulation
    private let clock: any WallClock
    private let append: @Sendable ([NewEvent]) async throws -> Void
    private var task: Task<Void, Never>?
    /// Events appended since start.
    public private(set) var appended = 0
    /// Batches the log refused, and why the last one was refused.
    public private(set) var failedBatches = 0
    public private(set) var lastFailure: String?

    public init(simulation: CitySimulation, clock: any WallClock, append: @escaping @Sendable ([NewEvent]) async throws -> Void) {
        self.simulation = simulation
        self.clock = clock
        self.append = append
    }

    /// Starts ticking every `interval` until ``stop()``.
    public func start(interval: Duration = .seconds(1)) {
        guard task == nil else { return }
        task = Task {
            while !Task.isCancelled {
                await tick()
                try? await Task.sleep(for: interval)
            }
        }
    }

    /// Advances to the clock's now and appends what happened.
    public func tick() async {
        let events = simulation.advance(to: clock.now())
        guard !events.isEmpty else { return }
        do {
            try await append(events)
            appended += events.count
        } catch {
            // The log refused (e.g. at shutdown); the next tick carries on with new events.
            failedBatches += 1
            lastFailure = String(describing: error)
        }
    }

    /// Gives orders to the simulated city between ticks (send a unit along a route, send it home, …).
    public func command<T: Sendable>(_ body: @Sendable (inout CitySimulation) -> T) -> T {
        body(&simulation)
    }

    public func stop() {
        task?.cancel()
        task = nil
    }
}
