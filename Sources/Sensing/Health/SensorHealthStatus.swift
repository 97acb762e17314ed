import SafeCityCore

/// A snapshot of one sensor's health for the API.
public struct SensorHealthStatus: Sendable, Hashable, Codable {
    /// Whether a sensor has any open problem.
    public enum State: String, Sendable, Hashable, Codable {
        case ok
        case unhealthy
    }

    /// A problem that is open now, and since when.
    public struct OpenProblem: Sendable, Hashable, Codable {
        public var problem: SensorProblem
        /// The quantity concerned; nil for staleness.
        public var quantity: Quantity?
        public var since: Timestamp
        public var evidence: String
        public var values: [Double]

        public init(problem: SensorProblem, quantity: Quantity?, since: Timestamp, evidence: String, values: [Double]) {
            self.problem = problem
            self.quantity = quantity
            self.since = since
            self.evidence = evidence
            self.values = values
        }
    }

    public var sensorID: String
    public var state: State
    /// Open problems, whole-sensor ones first, then by quantity and problem name.
    public var problems: [OpenProblem]
    /// Event time of the latest observation, nil when none has arrived.
    public var lastObservation: Timestamp?

    public init(sensorID: String, state: State, problems: [OpenProblem], lastObservation: Timestamp?) {
        self.sensorID = sensorID
        self.state = state
        self.problems = problems
        self.lastObservation = lastObservation
    }
}
