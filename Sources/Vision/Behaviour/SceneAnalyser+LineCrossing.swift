extension SceneAnalyser {
    /// Which side of a line a track was last confirmed on, and whether it has crossed within the segment since.
    struct LineSide: Sendable {
        var confirmedSide: Int
        var lastOffLine: PlanePoint?
        var crossedWithin = false
        var crossingPoint = PlanePoint.zero
    }

    mutating func checkLine(_ lineIndex: Int, observation: TrackObservation, time: Double) -> BehaviourEvent? {
        let settings = configuration.lines[lineIndex]
        guard settings.objectClasses.contains(observation.objectClass) else { return nil }
        let line = settings.line
        let key = LineTrack(line: lineIndex, track: observation.trackId)
        let distance = line.signedDistance(observation.position)
        let side = distance > 0 ? 1 : (distance < 0 ? -1 : 0)
        let confirmed = side != 0 && abs(distance) >= settings.hysteresisMetres
        guard var state = lineSides[key] else {
            lineSides[key] = LineSide(confirmedSide: confirmed ? side : 0, lastOffLine: side != 0 ? observation.position : nil)
            return nil
        }
        if side != 0 {
            if let from = state.lastOffLine, line.signedDistance(from) * distance < 0 {
                // A sign change beyond the segment's ends means the track went round the line.
                if let crossing = line.crossing(from: from, to: observation.position) {
                    state.crossedWithin = true
                    state.crossingPoint = crossing.point
                } else {
                    state.crossedWithin = false
                }
            }
            state.lastOffLine = observation.position
        }
        var event: BehaviourEvent?
        if confirmed {
            if state.confirmedSide != 0, side != state.confirmedSide, state.crossedWithin {
                let direction: CrossingDirection = side > 0 ? .negativeToPositive : .positiveToNegative
                crossingCounts[line.name, default: CrossingCounts()][direction] += 1
                let count = crossingCounts[line.name]![direction]
                event = BehaviourEvent(
                    kind: .lineCrossing, phase: .instant, episodeId: newEpisode(), place: line.name, sensitivity: .normal,
                    time: time, startTime: time, trackIds: [observation.trackId], position: state.crossingPoint,
                    evidence: [EvidencePoint(trackId: observation.trackId, time: time, position: observation.position)],
                    measurement: Double(count), direction: direction,
                    explanation: "\(Format.track(observation.objectClass, observation.trackId)) crossed '\(line.name)' "
                        + (direction == .negativeToPositive ? "to its positive (left) side" : "to its negative (right) side")
                        + "; \(count) so far this way.")
            }
            state.confirmedSide = side
            state.crossedWithin = false
        }
        lineSides[key] = state
        return event
    }
}
