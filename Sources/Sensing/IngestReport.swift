/// What became of a batch of observations.
public struct IngestReport: Sendable, Equatable {
    /// Observations newly recorded in the log.
    public var accepted = 0
    /// Observations already recorded (same sensor, quantity and time), dropped without error.
    public var duplicates = 0
    /// Items refused, with their position in the batch and the reason.
    public var rejected: [Rejection] = []
    /// The log sequence of the last accepted observation, to wait for read-your-writes.
    public var lastSequence: Int64?

    public init() {}

    /// One refused item.
    public struct Rejection: Sendable, Equatable {
        public var index: Int
        public var error: ObservationError
    }
}
