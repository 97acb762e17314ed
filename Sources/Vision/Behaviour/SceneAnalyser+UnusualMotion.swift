extension SceneAnalyser {
    /// A track that has sped up, with where it was before, for the scattering check.
    struct ScatterCandidate: Sendable {
        var trackId: Int
        var position: PlanePoint
        var earlierPosition: PlanePoint
        var velocity: PlanePoint
    }

    mutating func checkMotion(_ key: ZoneTrack, rule: UnusualMotionRule, inside: Bool, track: TrackState, time: Double,
                              frame: inout FrameScratch, events: inout [BehaviourEvent]) {
        guard inside else {
            if let condition = unusualSpeeds.removeValue(forKey: key), let episode = condition.episodeId {
                events.append(motionCleared(key, kind: .unusualSpeed, condition: condition, episode: episode, time: time))
            }
            if let condition = unusualHeadings.removeValue(forKey: key), let episode = condition.episodeId {
                events.append(motionCleared(key, kind: .unusualHeading, condition: condition, episode: episode, time: time))
            }
            return
        }
        guard let velocity = track.path.velocity(at: time, windowSeconds: configuration.velocityWindowSeconds) else { return }
        let speed = velocity.length
        var zone = zoneStates[key.zone]
        defer { zoneStates[key.zone] = zone }

        var unusualSpeed = false
        var zScore = 0.0
        if zone.speeds.isWarm(at: time, rule: rule) {
            let statistics = zone.speeds.statistics()
            zScore = (speed - statistics.median) / statistics.scale
            unusualSpeed = zScore >= rule.speedZScore && speed >= rule.minimumUnusualSpeedMetresPerSecond
        }
        // Only what looks normal is learned, so one runner does not teach the zone that running is usual.
        if !unusualSpeed { zone.speeds.add(speed, time: time) }
        var speedCondition = unusualSpeeds[key] ?? SustainedCondition()
        switch speedCondition.update(holds: unusualSpeed, released: !unusualSpeed, time: time,
                                     onAfterSeconds: rule.minimumDurationSeconds, offAfterSeconds: rule.minimumDurationSeconds,
                                     newEpisode: { newEpisode() }) {
        case .began:
            let statistics = zone.speeds.statistics()
            events.append(BehaviourEvent(
                kind: .unusualSpeed, phase: .began, episodeId: speedCondition.episodeId!, place: zoneName(key.zone),
                sensitivity: zoneSensitivity(key.zone), time: time, startTime: speedCondition.episodeStart,
                trackIds: [key.track], position: track.latestPosition,
                evidence: motionEvidence(key.track, track: track, since: speedCondition.episodeStart),
                measurement: speed,
                explanation: "\(Format.track(track.objectClass, key.track)) is moving at \(Format.speed(speed)) in '\(zoneName(key.zone))', "
                    + "where the usual speed is \(Format.speed(statistics.median)) (robust z = \(Format.number(zScore)), "
                    + "threshold \(Format.number(rule.speedZScore)))."))
        case .ended:
            events.append(motionCleared(key, kind: .unusualSpeed, condition: speedCondition, episode: speedCondition.episodeId!, time: time))
            speedCondition.reset()
        case nil:
            break
        }
        unusualSpeeds[key] = speedCondition

        if let rareFraction = rule.rareHeadingFraction, speed >= configuration.minimumMovingSpeedMetresPerSecond,
           let heading = velocity.headingDegrees {
            var rare = false
            var share = 1.0
            if zone.headings.isWarm(at: time, rule: rule) {
                share = zone.headings.share(near: heading)
                rare = share < rareFraction
            }
            if !rare { zone.headings.add(headingDegrees: heading, time: time) }
            var headingCondition = unusualHeadings[key] ?? SustainedCondition()
            switch headingCondition.update(holds: rare, released: !rare, time: time,
                                           onAfterSeconds: rule.minimumDurationSeconds,
                                           offAfterSeconds: rule.minimumDurationSeconds, newEpisode: { newEpisode() }) {
            case .began:
                events.append(BehaviourEvent(
                    kind: .unusualHeading, phase: .began, episodeId: headingCondition.episodeId!, place: zoneName(key.zone),
                    sensitivity: zoneSensitivity(key.zone), time: time, startTime: headingCondition.episodeStart,
                    trackIds: [key.track], position: track.latestPosition,
                    evidence: motionEvidence(key.track, track: track, since: headingCondition.episodeStart),
                    measurement: share,
                    explanation: "\(Format.track(track.objectClass, key.track)) is heading \(Format.number(heading, digits: 0))° in "
                        + "'\(zoneName(key.zone))'; only \(Format.number(share * 100))% of movement there goes within ±15° of that "
                        + "(threshold \(Format.number(rareFraction * 100))%)."))
            case .ended:
                events.append(motionCleared(key, kind: .unusualHeading, condition: headingCondition,
                                            episode: headingCondition.episodeId!, time: time))
                headingCondition.reset()
            case nil:
                break
            }
            unusualHeadings[key] = headingCondition
        }

        if rule.scatteringMinimumTracks != nil,
           let earlier = track.path.velocity(at: time - rule.accelerationWindowSeconds,
                                             windowSeconds: configuration.velocityWindowSeconds),
           speed - earlier.length >= rule.scatteringSpeedGainMetresPerSecond,
           let earlierSample = track.path.sample(atOrBefore: time - rule.accelerationWindowSeconds) {
            frame.scatterCandidates[key.zone].append(ScatterCandidate(
                trackId: key.track, position: track.latestPosition, earlierPosition: earlierSample.point, velocity: velocity))
        }
    }

    /// Many tracks speeding up away from where they were together: a crowd scattering.
    mutating func checkScattering(_ zoneIndex: Int, frame: FrameScratch, time: Double, events: inout [BehaviourEvent]) {
        guard let rule = configuration.zones[zoneIndex].unusualMotion, let minimumTracks = rule.scatteringMinimumTracks else { return }
        let candidates = frame.scatterCandidates[zoneIndex]
        var outward: [ScatterCandidate] = []
        var centre = PlanePoint.zero
        if candidates.count >= minimumTracks {
            let share = 1 / Double(candidates.count)
            centre = candidates.reduce(PlanePoint.zero) { $0 + $1.earlierPosition } * share
            // Judged in the group's own frame (current centroid, velocity less the mean), so a group
            // that speeds up together in one direction is not mistaken for one flying apart.
            let centroid = candidates.reduce(PlanePoint.zero) { $0 + $1.position } * share
            let meanVelocity = candidates.reduce(PlanePoint.zero) { $0 + $1.velocity } * share
            outward = candidates.filter { candidate in
                let away = candidate.position - centroid
                let relative = candidate.velocity - meanVelocity
                return relative.length >= rule.scatteringSpeedGainMetresPerSecond / 2 && away.length > 0
                    && away.dot(relative) >= 0.7071 * away.length * relative.length
            }
        }
        let holds = outward.count >= minimumTracks && 4 * outward.count >= 3 * candidates.count
        var zone = zoneStates[zoneIndex]
        defer { zoneStates[zoneIndex] = zone }
        switch zone.scattering.update(holds: holds, released: !holds, time: time, onAfterSeconds: 0,
                                      offAfterSeconds: max(rule.minimumDurationSeconds, rule.accelerationWindowSeconds),
                                      newEpisode: { newEpisode() }) {
        case .began:
            zone.scatteringTracks = outward.map(\.trackId)
            zone.scatteringCentre = centre
            events.append(BehaviourEvent(
                kind: .crowdScattering, phase: .began, episodeId: zone.scattering.episodeId!, place: zoneName(zoneIndex),
                sensitivity: zoneSensitivity(zoneIndex), time: time, startTime: time - rule.accelerationWindowSeconds,
                trackIds: zone.scatteringTracks, position: centre,
                evidence: outward.map { EvidencePoint(trackId: $0.trackId, time: time, position: $0.position) },
                measurement: Double(outward.count),
                explanation: "\(outward.count) tracks in '\(zoneName(zoneIndex))' sped up by at least "
                    + "\(Format.speed(rule.scatteringSpeedGainMetresPerSecond)) within \(Format.seconds(rule.accelerationWindowSeconds)), "
                    + "moving away from a common point: a crowd scattering."))
        case .ended:
            events.append(BehaviourEvent(
                kind: .crowdScattering, phase: .cleared, episodeId: zone.scattering.episodeId!, place: zoneName(zoneIndex),
                sensitivity: zoneSensitivity(zoneIndex), time: time, startTime: zone.scattering.episodeStart,
                trackIds: zone.scatteringTracks, position: zone.scatteringCentre, evidence: [],
                measurement: Double(zone.scatteringTracks.count),
                explanation: "The scattering in '\(zoneName(zoneIndex))' has stopped."))
            zone.scattering.reset()
        case nil:
            break
        }
    }

    func motionEvidence(_ trackId: Int, track: TrackState, since: Double) -> [EvidencePoint] {
        var evidence: [EvidencePoint] = []
        if let start = track.path.sample(atOrBefore: since) {
            evidence.append(EvidencePoint(trackId: trackId, time: start.time, position: start.point))
        }
        if let latest = track.path.latest {
            evidence.append(EvidencePoint(trackId: trackId, time: latest.time, position: latest.point))
        }
        return evidence
    }

    func motionCleared(_ key: ZoneTrack, kind: BehaviourKind, condition: SustainedCondition, episode: Int, time: Double) -> BehaviourEvent {
        let position = tracks[key.track]?.latestPosition ?? configuration.zones[key.zone].zone.centroid
        return BehaviourEvent(
            kind: kind, phase: .cleared, episodeId: episode, place: zoneName(key.zone),
            sensitivity: zoneSensitivity(key.zone), time: time, startTime: condition.episodeStart, trackIds: [key.track],
            position: position, evidence: [], measurement: time - condition.episodeStart,
            explanation: "Track \(key.track) in '\(zoneName(key.zone))' is moving normally again, or has left.")
    }
}
