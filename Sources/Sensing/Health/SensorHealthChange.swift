import SafeCityCore

/// A problem starting or ending for a sensor, as the health monitor reports it.
public struct SensorHealthChange: Sendable, Hashable, Codable {
    /// Whether the problem began or ended.
    public enum State: String, Sendable, Hashable, Codable {
        case raised
        case cleared
    }

    public var sensorID: String
    /// The quantity the problem concerns; nil for problems of the whole sensor (staleness).
    public var quantity: Quantity?
    public var problem: SensorProblem
    public var state: State
    /// When the problem began or ended (event time of the deciding reading, or the instant a silence became too long).
    public var time: Timestamp
    /// A sentence saying what was seen, for operators.
    public var evidence: String
    /// The figures behind the evidence, in the order the evidence names them.
    public var values: [Double]

    public init(sensorID: String, quantity: Quantity?, problem: SensorProblem, state: State, time: Timestamp, evidence: String, values: [Double]) {
        self.sensorID = sensorID
        self.quantity = quantity
        self.problem = problem
        self.state = state
        self.time = time
        self.evidence = evidence
        self.values = values
    }
}
