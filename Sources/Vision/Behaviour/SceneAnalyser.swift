/// Recognises behaviours in one camera's scene from its confirmed tracks, frame by frame.
///
/// Feed it every frame's tracks, placed on the ground plane, with ``update(time:observations:)``;
/// it returns the events that began, cleared or happened in that frame. Each episode fires once
/// (``BehaviourPhase/began``) and clears once (``BehaviourPhase/cleared``) with the same
/// ``BehaviourEvent/episodeId``; line crossings are ``BehaviourPhase/instant``.
///
/// - Note: Per-frame cost is O(observations × zones) with state in dictionaries keyed by track id;
///   only abandoned-object checks compare luggage against every person in the frame.
public struct SceneAnalyser: Sendable {
    /// The configuration in force.
    public let configuration: SceneConfiguration
    /// Time of the last update, in seconds.
    public private(set) var lastTime: Double?
    /// Crossings counted so far, per trip line name.
    public internal(set) var crossingCounts: [String: CrossingCounts]
    /// People observed inside each zone in the last frame, per zone name.
    public private(set) var occupancy: [String: Int]

    struct TrackState: Sendable {
        var objectClass: ObjectClass
        var path = TrackPath()
        var lastSeen: Double
        var latestPosition: PlanePoint
    }

    struct ZoneTrack: Hashable, Sendable {
        var zone: Int
        var track: Int
    }

    struct LineTrack: Hashable, Sendable {
        var line: Int
        var track: Int
    }

    var tracks: [Int: TrackState] = [:]
    var nextEpisodeId = 1
    let keepSeconds: Double
    var zoneStates: [ZoneState]
    var loiterings: [ZoneTrack: LoiteringVisit] = [:]
    var luggage: [ZoneTrack: LuggageRest] = [:]
    var wrongWays: [ZoneTrack: WrongWayProgress] = [:]
    var stops: [ZoneTrack: VehicleStop] = [:]
    var unusualSpeeds: [ZoneTrack: SustainedCondition] = [:]
    var unusualHeadings: [ZoneTrack: SustainedCondition] = [:]
    var lineSides: [LineTrack: LineSide] = [:]

    /// Creates an analyser, checking the configuration.
    public init(configuration: SceneConfiguration) throws(VisionError) {
        try configuration.validate()
        self.configuration = configuration
        let longestLookBack = configuration.zones.compactMap { $0.unusualMotion?.accelerationWindowSeconds }.max() ?? 0
        keepSeconds = configuration.velocityWindowSeconds + longestLookBack + 1
        zoneStates = Array(repeating: ZoneState(), count: configuration.zones.count)
        crossingCounts = Dictionary(uniqueKeysWithValues: configuration.lines.map { ($0.line.name, CrossingCounts()) })
        occupancy = Dictionary(uniqueKeysWithValues: configuration.zones.map { ($0.zone.name, 0) })
    }

    /// Takes one frame's tracks and returns the events it produced, in a deterministic order.
    ///
    /// - Throws: ``VisionError/invalidObservation(_:)`` when the time does not increase, or when an
    ///   observation repeats a track id or has a non-finite position; the analyser is then unchanged.
    public mutating func update(time: Double, observations: [TrackObservation]) throws(VisionError) -> [BehaviourEvent] {
        guard time.isFinite else { throw .invalidObservation("frame time \(time) is not finite") }
        if let lastTime, time <= lastTime {
            throw .invalidObservation("frame time \(time) s does not come after the previous frame's \(lastTime) s")
        }
        var seen = Set<Int>()
        seen.reserveCapacity(observations.count)
        for (index, observation) in observations.enumerated() {
            guard observation.position.isFinite else {
                throw .invalidObservation("observation \(index + 1) (track \(observation.trackId)): position is not finite")
            }
            guard seen.insert(observation.trackId).inserted else {
                throw .invalidObservation("observation \(index + 1): track \(observation.trackId) appears twice in one frame")
            }
        }
        lastTime = time
        var events: [BehaviourEvent] = []
        var frame = FrameScratch(zoneCount: configuration.zones.count)

        for observation in observations {
            var track = tracks[observation.trackId]
                ?? TrackState(objectClass: observation.objectClass, lastSeen: time, latestPosition: observation.position)
            track.objectClass = observation.objectClass
            track.lastSeen = time
            track.latestPosition = observation.position
            track.path.append(time: time, point: observation.position, keepSeconds: keepSeconds)
            tracks[observation.trackId] = track
            if observation.objectClass == .person { frame.people.append(observation) }

            for lineIndex in configuration.lines.indices {
                if let event = checkLine(lineIndex, observation: observation, time: time) { events.append(event) }
            }
            for zoneIndex in configuration.zones.indices {
                observe(zoneIndex, observation: observation, track: track, time: time, frame: &frame, events: &events)
            }
        }
        for zoneIndex in configuration.zones.indices {
            occupancy[configuration.zones[zoneIndex].zone.name] = frame.peopleInZone[zoneIndex]
            checkLuggage(zoneIndex, frame: frame, time: time, events: &events)
            checkCrowding(zoneIndex, frame: frame, time: time, events: &events)
            checkScattering(zoneIndex, frame: frame, time: time, events: &events)
        }
        expireTracks(time: time, events: &events)
        return events
    }

    /// Per-frame collections gathered while the observations are walked.
    struct FrameScratch {
        var people: [TrackObservation] = []
        var peopleInZone: [Int]
        var crowdInZone: [[TrackObservation]]
        var luggageInZone: [[TrackObservation]]
        var scatterCandidates: [[ScatterCandidate]]

        init(zoneCount: Int) {
            peopleInZone = Array(repeating: 0, count: zoneCount)
            crowdInZone = Array(repeating: [], count: zoneCount)
            luggageInZone = Array(repeating: [], count: zoneCount)
            scatterCandidates = Array(repeating: [], count: zoneCount)
        }
    }

    private mutating func observe(_ zoneIndex: Int, observation: TrackObservation, track: TrackState, time: Double,
                                  frame: inout FrameScratch, events: inout [BehaviourEvent]) {
        let settings = configuration.zones[zoneIndex]
        let inside = settings.zone.contains(observation.position)
        let key = ZoneTrack(zone: zoneIndex, track: observation.trackId)
        let objectClass = observation.objectClass
        if inside, objectClass == .person { frame.peopleInZone[zoneIndex] += 1 }
        if inside, let rule = settings.crowding, rule.objectClasses.contains(objectClass) {
            frame.crowdInZone[zoneIndex].append(observation)
        }
        if let rule = settings.loitering, rule.objectClasses.contains(objectClass) {
            checkLoitering(key, rule: rule, inside: inside, observation: observation, time: time, events: &events)
        }
        if let rule = settings.abandonedObject, rule.objectClasses.contains(objectClass) {
            if inside {
                frame.luggageInZone[zoneIndex].append(observation)
            } else if let rest = luggage.removeValue(forKey: key), let episode = rest.episodeId {
                events.append(luggageCleared(key, rest: rest, episode: episode, time: time,
                                             reason: "was carried out of the zone"))
            }
        }
        if let rule = settings.wrongWay, rule.objectClasses.contains(objectClass) {
            checkWrongWay(key, rule: rule, inside: inside, track: track, time: time, events: &events)
        }
        if let rule = settings.stoppedVehicle, rule.objectClasses.contains(objectClass) {
            checkStop(key, rule: rule, inside: inside, observation: observation, time: time, events: &events)
        }
        if let rule = settings.unusualMotion, rule.objectClasses.contains(objectClass) {
            checkMotion(key, rule: rule, inside: inside, track: track, time: time, frame: &frame, events: &events)
        }
    }

    mutating func newEpisode() -> Int {
        defer { nextEpisodeId += 1 }
        return nextEpisodeId
    }

    /// Forgets tracks unseen for the timeout, clearing their episodes in track-id order.
    private mutating func expireTracks(time: Double, events: inout [BehaviourEvent]) {
        let cutoff = time - configuration.trackTimeoutSeconds
        let expired = tracks.compactMap { $0.value.lastSeen < cutoff ? $0.key : nil }.sorted()
        for trackId in expired {
            tracks[trackId] = nil
            for zoneIndex in configuration.zones.indices {
                let key = ZoneTrack(zone: zoneIndex, track: trackId)
                if let visit = loiterings.removeValue(forKey: key), let episode = visit.episodeId {
                    events.append(loiteringCleared(key, visit: visit, episode: episode, time: time, reason: "the track was lost"))
                }
                if let rest = luggage.removeValue(forKey: key), let episode = rest.episodeId {
                    events.append(luggageCleared(key, rest: rest, episode: episode, time: time, reason: "is no longer seen"))
                }
                if let progress = wrongWays.removeValue(forKey: key), let episode = progress.episodeId {
                    events.append(wrongWayCleared(key, progress: progress, episode: episode, time: time, reason: "the track was lost"))
                }
                if let stop = stops.removeValue(forKey: key), let episode = stop.episodeId {
                    events.append(stopCleared(key, stop: stop, episode: episode, time: time, reason: "is no longer seen"))
                }
                if let condition = unusualSpeeds.removeValue(forKey: key), let episode = condition.episodeId {
                    events.append(motionCleared(key, kind: .unusualSpeed, condition: condition, episode: episode, time: time))
                }
                if let condition = unusualHeadings.removeValue(forKey: key), let episode = condition.episodeId {
                    events.append(motionCleared(key, kind: .unusualHeading, condition: condition, episode: episode, time: time))
                }
            }
            for lineIndex in configuration.lines.indices {
                lineSides[LineTrack(line: lineIndex, track: trackId)] = nil
            }
        }
    }

    func zoneName(_ index: Int) -> String { configuration.zones[index].zone.name }
    func zoneSensitivity(_ index: Int) -> ZoneSensitivity { configuration.zones[index].zone.sensitivity }
}
