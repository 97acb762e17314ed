extension SceneAnalyser {
    /// One track's visit to a zone, which survives brief exits.
    struct LoiteringVisit: Sendable {
        var objectClass: ObjectClass
        var start: Double
        var lastInside: Double
        var entry: PlanePoint
        var lastPosition: PlanePoint
        var episodeId: Int?
    }

    mutating func checkLoitering(_ key: ZoneTrack, rule: LoiteringRule, inside: Bool, observation: TrackObservation,
                                 time: Double, events: inout [BehaviourEvent]) {
        // A visit survives a gap of up to the grace period since the track was last seen inside,
        // whether it spent the gap outside or unseen; a longer gap ends it.
        if let visit = loiterings[key], time - visit.lastInside > rule.graceSeconds {
            loiterings[key] = nil
            if let episode = visit.episodeId {
                events.append(loiteringCleared(key, visit: visit, episode: episode, time: time,
                                               reason: inside ? "was away for too long" : "left the zone"))
            }
        }
        guard inside else { return }
        var visit = loiterings[key] ?? LoiteringVisit(objectClass: observation.objectClass, start: time, lastInside: time,
                                                      entry: observation.position, lastPosition: observation.position)
        visit.lastInside = time
        visit.lastPosition = observation.position
        let dwell = time - visit.start
        if visit.episodeId == nil, dwell >= rule.dwellSeconds {
            let episode = newEpisode()
            visit.episodeId = episode
            events.append(BehaviourEvent(
                kind: .loitering, phase: .began, episodeId: episode, place: zoneName(key.zone),
                sensitivity: zoneSensitivity(key.zone), time: time, startTime: visit.start, trackIds: [key.track],
                position: observation.position,
                evidence: [EvidencePoint(trackId: key.track, time: visit.start, position: visit.entry),
                           EvidencePoint(trackId: key.track, time: time, position: observation.position)],
                measurement: dwell,
                explanation: "\(Format.track(visit.objectClass, key.track)) has stayed in '\(zoneName(key.zone))' for "
                    + "\(Format.seconds(dwell)) (limit \(Format.seconds(rule.dwellSeconds)); exits up to "
                    + "\(Format.seconds(rule.graceSeconds)) do not restart the clock)."))
        }
        loiterings[key] = visit
    }

    func loiteringCleared(_ key: ZoneTrack, visit: LoiteringVisit, episode: Int, time: Double, reason: String) -> BehaviourEvent {
        let dwell = visit.lastInside - visit.start
        return BehaviourEvent(
            kind: .loitering, phase: .cleared, episodeId: episode, place: zoneName(key.zone),
            sensitivity: zoneSensitivity(key.zone), time: time, startTime: visit.start, trackIds: [key.track],
            position: visit.lastPosition,
            evidence: [EvidencePoint(trackId: key.track, time: visit.lastInside, position: visit.lastPosition)],
            measurement: dwell,
            explanation: "\(Format.track(visit.objectClass, key.track)) \(reason) after \(Format.seconds(dwell)) in '\(zoneName(key.zone))'.")
    }
}
