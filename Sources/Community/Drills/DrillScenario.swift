import Geo

/// An exercise scenario: what is injected into the live system, when, and the response times it is judged by.
///
/// Everything a drill injects is marked as an exercise: the call's summary starts with
/// "EXERCISE —", and the public warning it drafts is a CAP alert with `status=Exercise`, which the
/// residents' portal does not show as an alert in effect and CAP receivers recognise as an exercise.
public struct DrillScenario: Hashable, Sendable, Codable {
    /// Identifier, e.g. `structure-fire`.
    public var id: String
    /// What agencies read before they start.
    public var title: String
    public var briefing: String
    /// The call the drill places.
    public var call: Call
    /// Seconds after the call when the public-information officer's warning is drafted for approval.
    public var warningAfterSeconds: Int
    /// The warning's hazard wording (English and Spanish), and the radius it covers.
    public var warning: Warning
    /// Targets the after-action report compares against.
    public var targets: Targets

    public struct Call: Hashable, Sendable, Codable {
        public var category: String
        public var priority: Int
        public var summary: String
    }

    public struct Warning: Hashable, Sendable, Codable {
        public var event: String
        public var headlineEnglish: String
        public var headlineSpanish: String
        public var instructionEnglish: String
        public var instructionSpanish: String
        public var radiusMetres: Double
    }

    /// Seconds each step should take at most.
    public struct Targets: Hashable, Sendable, Codable {
        public var callToIncident: Int
        public var incidentToDispatch: Int
        public var dispatchToOnScene: Int
        public var warningToApproval: Int
    }

    /// The scenarios SafeCity ships.
    public static let catalogue: [DrillScenario] = [
        DrillScenario(
            id: "structure-fire", title: "Structure fire with smoke over a busy square",
            briefing: "A caller reports smoke and flames from a building on a square full of people. Take the call, send the right units, warn the people around it.",
            call: Call(category: "fire", priority: 1, summary: "Smoke and flames from a building, people on the square"),
            warningAfterSeconds: 60,
            warning: Warning(
                event: "Fire", headlineEnglish: "EXERCISE: fire and smoke near you", headlineSpanish: "SIMULACRO: incendio y humo cerca de usted",
                instructionEnglish: "EXERCISE ONLY. Stay away from the area and keep windows closed.",
                instructionSpanish: "SOLO SIMULACRO. Aléjese de la zona y mantenga las ventanas cerradas.", radiusMetres: 400),
            targets: Targets(callToIncident: 60, incidentToDispatch: 60, dispatchToOnScene: 480, warningToApproval: 600)),
        DrillScenario(
            id: "gas-leak", title: "Gas leak next to a school",
            briefing: "A smell of gas is reported beside a school. Take the call, send fire and police, warn the neighbourhood to keep away.",
            call: Call(category: "hazard", priority: 2, summary: "Strong smell of gas beside a school"),
            warningAfterSeconds: 90,
            warning: Warning(
                event: "Gas leak", headlineEnglish: "EXERCISE: gas leak, keep away", headlineSpanish: "SIMULACRO: fuga de gas, manténgase alejado",
                instructionEnglish: "EXERCISE ONLY. Keep away from the area; do not use flames or switches.",
                instructionSpanish: "SOLO SIMULACRO. Manténgase alejado; no use llamas ni interruptores.", radiusMetres: 300),
            targets: Targets(callToIncident: 90, incidentToDispatch: 90, dispatchToOnScene: 600, warningToApproval: 600)),
    ]

    /// A scenario of the catalogue by id.
    public static func named(_ id: String) -> DrillScenario? { catalogue.first { $0.id == id } }
}
