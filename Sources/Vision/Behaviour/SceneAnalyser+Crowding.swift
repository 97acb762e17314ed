extension SceneAnalyser {
    mutating func checkCrowding(_ zoneIndex: Int, frame: FrameScratch, time: Double, events: inout [BehaviourEvent]) {
        guard let rule = configuration.zones[zoneIndex].crowding else { return }
        let zoneConfig = configuration.zones[zoneIndex].zone
        let crowd = frame.crowdInZone[zoneIndex]
        let count = crowd.count
        var zone = zoneStates[zoneIndex]
        defer { zoneStates[zoneIndex] = zone }

        if let level = rule.densityPerSquareMetre {
            let density = Double(count) / zoneConfig.areaSquareMetres
            switch zone.density.update(holds: density >= level, released: density < level * rule.clearFraction, time: time,
                                       onAfterSeconds: rule.minimumDurationSeconds, offAfterSeconds: rule.minimumDurationSeconds,
                                       newEpisode: { newEpisode() }) {
            case .began:
                events.append(crowdEvent(.crowdDensity, .began, zone.density, zoneIndex, crowd, time, measurement: density,
                    explanation: "\(count) people in '\(zoneConfig.name)' (\(Format.number(zoneConfig.areaSquareMetres)) m²): "
                        + "\(Format.number(density, digits: 2)) per m², at or above \(Format.number(level, digits: 2)) for "
                        + "\(Format.seconds(time - zone.density.episodeStart))."))
            case .ended:
                events.append(crowdEvent(.crowdDensity, .cleared, zone.density, zoneIndex, crowd, time, measurement: density,
                    explanation: "'\(zoneConfig.name)' has thinned to \(Format.number(density, digits: 2)) people per m²."))
                zone.density.reset()
            case nil:
                break
            }
        }
        if let level = rule.growthPerMinute {
            let before = zone.recordCount(count, time: time, windowSeconds: rule.growthWindowSeconds)
            let rate = before.map { Double(count - $0.count) / (time - $0.time) * 60 }
            switch zone.growth.update(holds: (rate ?? 0) >= level, released: (rate ?? 0) < level * rule.clearFraction,
                                      time: time, onAfterSeconds: rule.minimumDurationSeconds,
                                      offAfterSeconds: rule.minimumDurationSeconds, newEpisode: { newEpisode() }) {
            case .began:
                events.append(crowdEvent(.crowdGrowth, .began, zone.growth, zoneIndex, crowd, time, measurement: rate ?? 0,
                    explanation: "'\(zoneConfig.name)' went from \(before?.count ?? 0) to \(count) people in "
                        + "\(Format.seconds(time - (before?.time ?? time))): \(Format.number(rate ?? 0)) per minute, "
                        + "at or above \(Format.number(level)) per minute."))
            case .ended:
                events.append(crowdEvent(.crowdGrowth, .cleared, zone.growth, zoneIndex, crowd, time, measurement: rate ?? 0,
                    explanation: "The crowd in '\(zoneConfig.name)' has stopped growing quickly (\(count) people)."))
                zone.growth.reset()
            case nil:
                break
            }
        }
    }

    private func crowdEvent(_ kind: BehaviourKind, _ phase: BehaviourPhase, _ condition: SustainedCondition, _ zoneIndex: Int,
                            _ crowd: [TrackObservation], _ time: Double, measurement: Double, explanation: String) -> BehaviourEvent {
        BehaviourEvent(
            kind: kind, phase: phase, episodeId: condition.episodeId!, place: zoneName(zoneIndex),
            sensitivity: zoneSensitivity(zoneIndex), time: time, startTime: condition.episodeStart,
            trackIds: crowd.map(\.trackId), position: configuration.zones[zoneIndex].zone.centroid,
            evidence: crowd.map { EvidencePoint(trackId: $0.trackId, time: time, position: $0.position) },
            measurement: measurement, explanation: explanation)
    }
}
