extension SceneAnalyser {
    /// Where a vehicle stopped and since when.
    struct VehicleStop: Sendable {
        var objectClass: ObjectClass
        var anchor: PlanePoint
        var since: Double
        var lastPosition: PlanePoint
        var episodeId: Int?
    }

    mutating func checkStop(_ key: ZoneTrack, rule: StoppedVehicleRule, inside: Bool, observation: TrackObservation,
                            time: Double, events: inout [BehaviourEvent]) {
        guard inside else {
            if let stop = stops.removeValue(forKey: key), let episode = stop.episodeId {
                events.append(stopCleared(key, stop: stop, episode: episode, time: time, reason: "left the zone"))
            }
            return
        }
        guard var stop = stops[key], observation.position.distance(to: stop.anchor) <= rule.stationaryRadiusMetres else {
            if let moved = stops[key], let episode = moved.episodeId {
                events.append(stopCleared(key, stop: moved, episode: episode, time: time, reason: "moved off"))
            }
            stops[key] = VehicleStop(objectClass: observation.objectClass, anchor: observation.position, since: time,
                                     lastPosition: observation.position)
            return
        }
        stop.lastPosition = observation.position
        let stopped = time - stop.since
        if stop.episodeId == nil, stopped >= rule.maximumStopSeconds {
            let episode = newEpisode()
            stop.episodeId = episode
            events.append(BehaviourEvent(
                kind: .stoppedVehicle, phase: .began, episodeId: episode, place: zoneName(key.zone),
                sensitivity: zoneSensitivity(key.zone), time: time, startTime: stop.since, trackIds: [key.track],
                position: stop.anchor,
                evidence: [EvidencePoint(trackId: key.track, time: stop.since, position: stop.anchor),
                           EvidencePoint(trackId: key.track, time: time, position: observation.position)],
                measurement: stopped,
                explanation: "\(Format.track(stop.objectClass, key.track)) has stood in no-stopping zone '\(zoneName(key.zone))' for "
                    + "\(Format.seconds(stopped)) (limit \(Format.seconds(rule.maximumStopSeconds)))."))
        }
        stops[key] = stop
    }

    func stopCleared(_ key: ZoneTrack, stop: VehicleStop, episode: Int, time: Double, reason: String) -> BehaviourEvent {
        BehaviourEvent(
            kind: .stoppedVehicle, phase: .cleared, episodeId: episode, place: zoneName(key.zone),
            sensitivity: zoneSensitivity(key.zone), time: time, startTime: stop.since, trackIds: [key.track],
            position: stop.lastPosition,
            evidence: [EvidencePoint(trackId: key.track, time: time, position: stop.lastPosition)],
            measurement: time - stop.since,
            explanation: "\(Format.track(stop.objectClass, key.track)) in '\(zoneName(key.zone))' \(reason) after "
                + "\(Format.seconds(time - stop.since)).")
    }
}
