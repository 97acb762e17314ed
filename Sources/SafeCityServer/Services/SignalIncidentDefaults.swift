/// The incident type and priority a dispatcher is offered when a signal becomes an incident.
///
/// Only where the signal says enough: a camera's behaviour, a resident's suspicious-activity report, or a gunshot rule. Other signals need
/// the dispatcher to choose the type.
enum SignalIncidentDefaults {
    struct Suggestion: Equatable {
        var typeCode: String
        var priority: Int
    }

    static func suggestion(for entry: SignalBoard.Entry) -> Suggestion? {
        if let behaviour = entry.behaviour {
            switch behaviour {
            case "crowdScattering", "abandonedObject": return Suggestion(typeCode: "LAW-DISTURBANCE", priority: 2)
            case "crowdDensity", "crowdGrowth", "unusualSpeed": return Suggestion(typeCode: "LAW-DISTURBANCE", priority: 3)
            case "stoppedVehicle", "wrongWay": return Suggestion(typeCode: "TRAFFIC-NOINJURY", priority: 4)
            default: return Suggestion(typeCode: "LAW-DISTURBANCE", priority: 4)
            }
        }
        if entry.type == ReportEvents.signal.name { return Suggestion(typeCode: "LAW-DISTURBANCE", priority: 3) }
        if let rule = entry.ruleID, rule.contains("gunshot") { return Suggestion(typeCode: "LAW-ASSAULT", priority: 1) }
        return nil
    }
}
