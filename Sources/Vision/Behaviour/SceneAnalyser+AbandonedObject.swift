extension SceneAnalyser {
    /// Where a piece of luggage came to rest, who was nearest then, and how long it has been unattended.
    struct LuggageRest: Sendable {
        var objectClass: ObjectClass
        var anchor: PlanePoint
        var restSince: Double
        var ownerId: Int?
        var ownerPositionAtRest: PlanePoint?
        var unattendedSince: Double?
        var episodeId: Int?
    }

    /// Luggage against every person in the frame: the one all-pairs step, kept because bags are few.
    mutating func checkLuggage(_ zoneIndex: Int, frame: FrameScratch, time: Double, events: inout [BehaviourEvent]) {
        guard let rule = configuration.zones[zoneIndex].abandonedObject else { return }
        for item in frame.luggageInZone[zoneIndex] {
            let key = ZoneTrack(zone: zoneIndex, track: item.trackId)
            guard var rest = luggage[key], item.position.distance(to: rest.anchor) <= rule.stationaryRadiusMetres else {
                if let moved = luggage[key], let episode = moved.episodeId {
                    events.append(luggageCleared(key, rest: moved, episode: episode, time: time, reason: "was moved"))
                }
                let owner = frame.people.min { $0.position.squaredDistance(to: item.position) < $1.position.squaredDistance(to: item.position) }
                luggage[key] = LuggageRest(objectClass: item.objectClass, anchor: item.position, restSince: time,
                                           ownerId: owner?.trackId, ownerPositionAtRest: owner?.position)
                continue
            }
            let ownerPosition = rest.ownerId.flatMap { tracks[$0]?.latestPosition }
            let ownerDistance = ownerPosition.map { $0.distance(to: item.position) } ?? .infinity
            let atRest = time - rest.restSince >= rule.stationarySeconds
            if ownerDistance <= rule.ownerDistanceMetres {
                rest.unattendedSince = nil
                if let episode = rest.episodeId {
                    events.append(luggageCleared(key, rest: rest, episode: episode, time: time,
                                                 reason: "has its owner back within \(Format.metres(rule.ownerDistanceMetres))"))
                    rest.episodeId = nil
                }
            } else if atRest {
                let since = rest.unattendedSince ?? time
                rest.unattendedSince = since
                if rest.episodeId == nil, time - since >= rule.unattendedSeconds {
                    let episode = newEpisode()
                    rest.episodeId = episode
                    var evidence = [EvidencePoint(trackId: item.trackId, time: rest.restSince, position: rest.anchor)]
                    var ids = [item.trackId]
                    var ownerText = "no person was near when it was left"
                    if let ownerId = rest.ownerId, let atRestPosition = rest.ownerPositionAtRest {
                        ids.append(ownerId)
                        evidence.append(EvidencePoint(trackId: ownerId, time: rest.restSince, position: atRestPosition))
                        if let ownerPosition {
                            evidence.append(EvidencePoint(trackId: ownerId, time: time, position: ownerPosition))
                            ownerText = "its owner (track \(ownerId)) is \(Format.metres(ownerDistance)) away"
                        } else {
                            ownerText = "its owner (track \(ownerId)) is no longer seen"
                        }
                    }
                    let unattended = time - since
                    events.append(BehaviourEvent(
                        kind: .abandonedObject, phase: .began, episodeId: episode, place: zoneName(zoneIndex),
                        sensitivity: zoneSensitivity(zoneIndex), time: time, startTime: since, trackIds: ids,
                        position: rest.anchor, evidence: evidence, measurement: unattended,
                        explanation: "\(Format.track(rest.objectClass, item.trackId)) has lain still in '\(zoneName(zoneIndex))' since "
                            + "\(Format.seconds(rest.restSince)) and \(ownerText), unattended for \(Format.seconds(unattended)) "
                            + "(limit \(Format.seconds(rule.unattendedSeconds)) beyond \(Format.metres(rule.ownerDistanceMetres)))."))
                }
            }
            luggage[key] = rest
        }
    }

    func luggageCleared(_ key: ZoneTrack, rest: LuggageRest, episode: Int, time: Double, reason: String) -> BehaviourEvent {
        BehaviourEvent(
            kind: .abandonedObject, phase: .cleared, episodeId: episode, place: zoneName(key.zone),
            sensitivity: zoneSensitivity(key.zone), time: time, startTime: rest.unattendedSince ?? rest.restSince,
            trackIds: [key.track] + (rest.ownerId.map { [$0] } ?? []), position: rest.anchor,
            evidence: [EvidencePoint(trackId: key.track, time: time, position: tracks[key.track]?.latestPosition ?? rest.anchor)],
            measurement: time - (rest.unattendedSince ?? rest.restSince),
            explanation: "\(Format.track(rest.objectClass, key.track)) in '\(zoneName(key.zone))' \(reason).")
    }
}
