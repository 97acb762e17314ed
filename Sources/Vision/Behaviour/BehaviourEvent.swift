/// A behaviour recognised (or ended) in a scene, with the evidence behind it.
///
/// The meaning of ``measurement`` depends on ``kind``: dwell seconds (loitering), seconds
/// unattended (abandoned object), running count in that direction (line crossing), metres against
/// the allowed heading (wrong way), people per m² (crowd density), people per minute (crowd
/// growth), metres per second (unusual speed), degrees off every usual heading (unusual heading),
/// tracks moving apart (crowd scattering), seconds stopped (stopped vehicle).
public struct BehaviourEvent: Hashable, Sendable, Codable {
    /// What was recognised.
    public var kind: BehaviourKind
    /// Began, cleared or instant.
    public var phase: BehaviourPhase
    /// Shared by the began and cleared events of one episode; unique within an analyser.
    public var episodeId: Int
    /// The zone or trip line where it happened.
    public var place: String
    /// The sensitivity of that zone (`.normal` for trip lines).
    public var sensitivity: ZoneSensitivity
    /// Seconds on the analyser's clock when this event was produced.
    public var time: Double
    /// When the behaviour started (entry, rest, first wrong step); equals ``time`` for instants.
    public var startTime: Double
    /// The tracks involved; for an abandoned object the bag first, then its owner if known.
    public var trackIds: [Int]
    /// Where it happened, for maps and for grouping nearby events.
    public var position: PlanePoint
    /// Positions and times that support the event.
    public var evidence: [EvidencePoint]
    /// The behaviour's key figure; see the type's summary for its unit per kind.
    public var measurement: Double
    /// For line crossings, which way.
    public var direction: CrossingDirection?
    /// One sentence for an operator.
    public var explanation: String

    /// Whether this event ends an episode.
    public var isCleared: Bool { phase == .cleared }

    /// Creates an event.
    public init(kind: BehaviourKind, phase: BehaviourPhase, episodeId: Int, place: String,
                sensitivity: ZoneSensitivity, time: Double, startTime: Double, trackIds: [Int],
                position: PlanePoint, evidence: [EvidencePoint], measurement: Double,
                direction: CrossingDirection? = nil, explanation: String) {
        self.kind = kind
        self.phase = phase
        self.episodeId = episodeId
        self.place = place
        self.sensitivity = sensitivity
        self.time = time
        self.startTime = startTime
        self.trackIds = trackIds
        self.position = position
        self.evidence = evidence
        self.measurement = measurement
        self.direction = direction
        self.explanation = explanation
    }
}
