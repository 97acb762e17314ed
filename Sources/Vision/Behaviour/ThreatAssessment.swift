/// Scores behaviour events 0–100, term by term, for one camera's scene.
///
/// score = base weight of the behaviour
///       + base × (zone sensitivity factor − 1)
///       + base × sensitivity factor × (night factor − 1), at night
///       + points per concurrent event nearby (within R metres and T seconds before), capped
///       and then limited to 0…100 (the limit shows as its own term), so the terms always sum to the score.
///
/// - Note: It remembers recent events to find concurrent ones, so give each camera its own
///   assessment (positions on different cameras' planes are not comparable) and feed it every event.
public struct ThreatAssessment: Sendable {
    /// The weights in force.
    public let configuration: ThreatConfiguration
    private var recent: [BehaviourEvent] = []

    /// Creates an assessment, checking the configuration.
    public init(configuration: ThreatConfiguration = ThreatConfiguration()) throws(VisionError) {
        try configuration.validate()
        self.configuration = configuration
    }

    /// Scores an event at a local hour of day (0 ..< 24) and remembers it for later concurrency.
    public mutating func assess(_ event: BehaviourEvent, hourOfDay: Double) -> ThreatScore {
        let windowStart = event.time - configuration.concurrencyWindowSeconds
        recent.removeAll { $0.time < windowStart || ($0.episodeId == event.episodeId && event.isCleared) }
        let score = score(event, hourOfDay: hourOfDay, concurrent: recent)
        if !event.isCleared, !configuration.concurrencyIgnores.contains(event.kind) { recent.append(event) }
        return score
    }

    /// Scores an event against a given list of other events, without remembering anything.
    public func score(_ event: BehaviourEvent, hourOfDay: Double, concurrent others: [BehaviourEvent]) -> ThreatScore {
        var terms: [ThreatTerm] = []
        let base = configuration.baseWeights[event.kind] ?? 0
        terms.append(ThreatTerm(name: "base", value: base, explanation: "\(event.kind.rawValue) weighs \(Format.number(base, digits: 0)) points"))

        let sensitivityFactor = configuration.sensitivityFactors[event.sensitivity] ?? 1
        terms.append(ThreatTerm(name: "zone sensitivity", value: base * (sensitivityFactor - 1),
                                explanation: "'\(event.place)' is of \(event.sensitivity.rawValue) sensitivity (× \(Format.number(sensitivityFactor, digits: 2)))"))

        let hour = hourOfDay.isFinite ? (hourOfDay.truncatingRemainder(dividingBy: 24) + 24).truncatingRemainder(dividingBy: 24) : 12
        let start = configuration.nightStartHour, end = configuration.nightEndHour
        let isNight = start > end ? (hour >= start || hour < end) : (hour >= start && hour < end)
        let nightPoints = isNight ? base * sensitivityFactor * (configuration.nightFactor - 1) : 0
        terms.append(ThreatTerm(name: "night", value: nightPoints,
                                explanation: isNight
                                    ? "at \(Format.number(hour)) h it is night (× \(Format.number(configuration.nightFactor, digits: 2)))"
                                    : "at \(Format.number(hour)) h it is day"))

        let radiusSquared = configuration.concurrencyRadiusMetres * configuration.concurrencyRadiusMetres
        let nearby = others.filter { other in
            other.episodeId != event.episodeId && !other.isCleared
                && !configuration.concurrencyIgnores.contains(other.kind)
                && other.time <= event.time && event.time - other.time <= configuration.concurrencyWindowSeconds
                && other.position.squaredDistance(to: event.position) <= radiusSquared
        }
        let concurrencyPoints = min(Double(nearby.count) * configuration.pointsPerConcurrentEvent,
                                    configuration.maximumConcurrencyPoints)
        let kinds = Set(nearby.map(\.kind.rawValue)).sorted().joined(separator: ", ")
        terms.append(ThreatTerm(name: "nearby events", value: concurrencyPoints,
                                explanation: nearby.isEmpty
                                    ? "no other events within \(Format.metres(configuration.concurrencyRadiusMetres)) and \(Format.seconds(configuration.concurrencyWindowSeconds))"
                                    : "\(nearby.count) other events (\(kinds)) within \(Format.metres(configuration.concurrencyRadiusMetres)) and \(Format.seconds(configuration.concurrencyWindowSeconds))"))

        let raw = terms.reduce(0) { $0 + $1.value }
        let limited = min(max(raw, 0), 100)
        if limited != raw {
            terms.append(ThreatTerm(name: "limit", value: limited - raw, explanation: "scores are kept within 0…100"))
        }
        return ThreatScore(episodeId: event.episodeId, score: limited, terms: terms,
                           suggestsIncident: !event.isCleared && limited >= configuration.incidentLevel)
    }
}
