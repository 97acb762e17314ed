/// Why an observation was refused. Each case is counted separately in `/metrics`.
public enum ObservationError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownSensor(String)
    case notFinite(quantity: Quantity)
    case wrongUnit(quantity: Quantity, unit: String, expected: String)
    case quantityNotMeasured(sensorID: String, quantity: Quantity)
    case malformed(String)
    case tooLate(maxLatenessSeconds: Int64)

    public var description: String {
        switch self {
        case let .unknownSensor(id): "sensor \"\(id)\" is not registered"
        case let .notFinite(quantity): "\(quantity) value is not a finite number"
        case let .wrongUnit(quantity, unit, expected): "\(quantity) cannot be given in \"\(unit)\"; send \(expected) or a unit that converts to it"
        case let .quantityNotMeasured(sensorID, quantity): "sensor \"\(sensorID)\" is not registered as measuring \(quantity)"
        case let .malformed(reason): reason
        case let .tooLate(seconds): "observation is more than \(seconds) s older than the newest of its series"
        }
    }

    /// A short stable label for metrics.
    public var reasonLabel: String {
        switch self {
        case .unknownSensor: "unknown_sensor"
        case .notFinite: "not_finite"
        case .wrongUnit: "wrong_unit"
        case .quantityNotMeasured: "quantity_not_measured"
        case .malformed: "malformed"
        case .tooLate: "too_late"
        }
    }
}
