extension SceneAnalyser {
    /// Distance a track has covered against, and then with, a zone's allowed heading.
    struct WrongWayProgress: Sendable {
        var objectClass: ObjectClass
        var wrongMetres = 0.0
        var rightMetres = 0.0
        var since = 0.0
        var start = PlanePoint.zero
        var lastPosition = PlanePoint.zero
        var episodeId: Int?
    }

    mutating func checkWrongWay(_ key: ZoneTrack, rule: WrongWayRule, inside: Bool, track: TrackState, time: Double,
                                events: inout [BehaviourEvent]) {
        guard inside else {
            if let progress = wrongWays.removeValue(forKey: key), let episode = progress.episodeId {
                events.append(wrongWayCleared(key, progress: progress, episode: episode, time: time, reason: "left the zone"))
            }
            return
        }
        var progress = wrongWays[key] ?? WrongWayProgress(objectClass: track.objectClass)
        progress.lastPosition = track.latestPosition
        defer { wrongWays[key] = progress }
        // Headings come from the smoothed velocity; distance from the last step, so stops add nothing.
        guard let previous = track.path.previous,
              let velocity = track.path.velocity(at: time, windowSeconds: configuration.velocityWindowSeconds),
              velocity.length >= max(configuration.minimumMovingSpeedMetresPerSecond, 1e-9),
              let heading = velocity.headingDegrees else { return }
        let step = previous.point.distance(to: track.latestPosition)
        let offBy = PlanePoint.headingDifferenceDegrees(heading, rule.allowedHeadingDegrees)
        if offBy > rule.toleranceDegrees {
            if progress.wrongMetres == 0 {
                progress.since = previous.time
                progress.start = previous.point
            }
            progress.wrongMetres += step
            progress.rightMetres = 0
            if progress.episodeId == nil, progress.wrongMetres >= rule.minimumDistanceMetres {
                let episode = newEpisode()
                progress.episodeId = episode
                events.append(BehaviourEvent(
                    kind: .wrongWay, phase: .began, episodeId: episode, place: zoneName(key.zone),
                    sensitivity: zoneSensitivity(key.zone), time: time, startTime: progress.since, trackIds: [key.track],
                    position: track.latestPosition,
                    evidence: [EvidencePoint(trackId: key.track, time: progress.since, position: progress.start),
                               EvidencePoint(trackId: key.track, time: time, position: track.latestPosition)],
                    measurement: progress.wrongMetres,
                    explanation: "\(Format.track(track.objectClass, key.track)) has moved \(Format.metres(progress.wrongMetres)) "
                        + "heading \(Format.number(heading, digits: 0))° in '\(zoneName(key.zone))', where the allowed heading is "
                        + "\(Format.number(rule.allowedHeadingDegrees, digits: 0))° ± \(Format.number(rule.toleranceDegrees, digits: 0))°."))
            }
        } else {
            progress.rightMetres += step
            if progress.episodeId == nil {
                progress.wrongMetres = 0
            } else if progress.rightMetres >= rule.minimumDistanceMetres, let episode = progress.episodeId {
                events.append(wrongWayCleared(key, progress: progress, episode: episode, time: time,
                                              reason: "is moving the allowed way again"))
                progress = WrongWayProgress(objectClass: track.objectClass, lastPosition: track.latestPosition)
            }
        }
    }

    func wrongWayCleared(_ key: ZoneTrack, progress: WrongWayProgress, episode: Int, time: Double, reason: String) -> BehaviourEvent {
        BehaviourEvent(
            kind: .wrongWay, phase: .cleared, episodeId: episode, place: zoneName(key.zone),
            sensitivity: zoneSensitivity(key.zone), time: time, startTime: progress.since, trackIds: [key.track],
            position: progress.lastPosition,
            evidence: [EvidencePoint(trackId: key.track, time: time, position: progress.lastPosition)],
            measurement: progress.wrongMetres,
            explanation: "\(Format.track(progress.objectClass, key.track)) in '\(zoneName(key.zone))' \(reason) after "
                + "\(Format.metres(progress.wrongMetres)) the wrong way.")
    }
}
