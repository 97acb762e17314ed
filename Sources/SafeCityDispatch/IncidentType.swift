/// An incident type from SafeCity's standard code list, with its run card.
///
/// The names follow the common incident types of APCO/NENA ANS 2.103.2 ("Public Safety
/// Communications Common Incident Types for Data Exchange"); the short codes are SafeCity's own.
public struct IncidentType: Sendable, Hashable, Codable {
    /// The short code, e.g. `FIRE-STRUCTURE`.
    public var code: String
    /// The human name.
    public var name: String
    /// The call category it answers: fire, medical, police, traffic or hazard.
    public var category: String
    /// The units it needs, filled in order.
    public var runCard: [RunCardSlot]

    public init(code: String, name: String, category: String, runCard: [RunCardSlot]) {
        self.code = code
        self.name = name
        self.category = category
        self.runCard = runCard
    }
}

/// One line of a run card: how many units of which kinds.
public struct RunCardSlot: Sendable, Hashable, Codable {
    /// A label for the explanation, e.g. `engine`.
    public var role: String
    /// Unit kinds that may fill the slot; the one with the lowest ETA wins.
    public var kinds: [String]
    public var count: Int
    /// Kinds of other agencies that may stand in when no unit of ``kinds`` is available (mutual aid),
    /// e.g. a fire engine's EMTs as first responders when every ambulance is out.
    public var mutualAid: [String]

    public init(role: String, kinds: [String], count: Int = 1, mutualAid: [String] = []) {
        self.role = role
        self.mutualAid = mutualAid
        self.kinds = kinds
        self.count = count
    }
}

extension IncidentType {
    /// The standard code list.
    public static let all: [IncidentType] = [
        IncidentType(code: "FIRE-STRUCTURE", name: "Structure fire", category: "fire", runCard: [
            RunCardSlot(role: "engine", kinds: ["engine"], count: 2), RunCardSlot(role: "ladder", kinds: ["ladder"]),
            RunCardSlot(role: "advanced life support", kinds: ["als-ambulance"]),
        ]),
        IncidentType(code: "FIRE-VEHICLE", name: "Vehicle fire", category: "fire", runCard: [
            RunCardSlot(role: "engine", kinds: ["engine"]),
        ]),
        IncidentType(code: "FIRE-OUTSIDE", name: "Outside fire", category: "fire", runCard: [
            RunCardSlot(role: "engine", kinds: ["engine"]),
        ]),
        IncidentType(code: "MED-CARDIAC", name: "Cardiac or respiratory arrest", category: "medical", runCard: [
            RunCardSlot(role: "advanced life support", kinds: ["als-ambulance"], mutualAid: ["bls-ambulance"]),
            RunCardSlot(role: "first responder", kinds: ["engine"], mutualAid: ["patrol"]),
        ]),
        IncidentType(code: "MED-INJURY", name: "Injured person", category: "medical", runCard: [
            RunCardSlot(role: "ambulance", kinds: ["bls-ambulance", "als-ambulance"], mutualAid: ["engine"]),
        ]),
        IncidentType(code: "MED-SICK", name: "Sick person", category: "medical", runCard: [
            RunCardSlot(role: "ambulance", kinds: ["bls-ambulance", "als-ambulance"], mutualAid: ["engine"]),
        ]),
        IncidentType(code: "LAW-ASSAULT", name: "Assault", category: "police", runCard: [
            RunCardSlot(role: "patrol", kinds: ["patrol"], count: 2),
        ]),
        IncidentType(code: "LAW-BURGLARY", name: "Burglary", category: "police", runCard: [
            RunCardSlot(role: "patrol", kinds: ["patrol"]),
        ]),
        IncidentType(code: "LAW-DISTURBANCE", name: "Disturbance", category: "police", runCard: [
            RunCardSlot(role: "patrol", kinds: ["patrol"]),
        ]),
        IncidentType(code: "TRAFFIC-INJURY", name: "Traffic collision with injuries", category: "traffic", runCard: [
            RunCardSlot(role: "patrol", kinds: ["patrol"]), RunCardSlot(role: "ambulance", kinds: ["als-ambulance", "bls-ambulance"]),
            RunCardSlot(role: "engine", kinds: ["engine"]),
        ]),
        IncidentType(code: "TRAFFIC-NOINJURY", name: "Traffic collision, no injuries", category: "traffic", runCard: [
            RunCardSlot(role: "patrol", kinds: ["patrol"]),
        ]),
        IncidentType(code: "HAZMAT", name: "Hazardous materials release", category: "hazard", runCard: [
            RunCardSlot(role: "hazmat", kinds: ["hazmat"]), RunCardSlot(role: "engine", kinds: ["engine"]),
            RunCardSlot(role: "patrol", kinds: ["patrol"]),
        ]),
        IncidentType(code: "GAS-LEAK", name: "Gas leak", category: "hazard", runCard: [
            RunCardSlot(role: "engine", kinds: ["engine", "hazmat"]),
        ]),
    ]

    private static let byCode: [String: IncidentType] = Dictionary(uniqueKeysWithValues: all.map { ($0.code, $0) })

    /// The type with a code, or nil when it is not on the list.
    public static func named(_ code: String) -> IncidentType? { byCode[code] }

    /// The default type for a call category (the demo's call-taker uses it).
    public static func defaultType(forCategory category: String) -> IncidentType? {
        let code: String? = switch category {
        case "fire": "FIRE-STRUCTURE"
        case "medical": "MED-SICK"
        case "police": "LAW-DISTURBANCE"
        case "traffic": "TRAFFIC-INJURY"
        case "hazard": "GAS-LEAK"
        default: nil
        }
        return code.flatMap(named)
    }
}
