import Geo
import SafeCityCore

/// What the analyser tells the operations centre: a stream rule's transition or a sensor-health change.
public enum SensingSignal: Sendable, Hashable {
    case rule(RuleFiring)
    case health(SensorHealthChange)

    /// A key that is the same for the same transition, so that a replay after a restart emits nothing twice.
    public var key: String {
        switch self {
        case let .rule(firing):
            "rule|\(firing.ruleID)|\(firing.subject)|\(firing.state.rawValue)|\(firing.time.millisecondsSince1970)" + (firing.isRetraction ? "|retracted" : "")
        case let .health(change):
            "health|\(change.sensorID)|\(change.quantity?.name ?? "")|\(change.problem.rawValue)|\(change.state.rawValue)|\(change.time.millisecondsSince1970)"
        }
    }
}
