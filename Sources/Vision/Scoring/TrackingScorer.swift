/// Scores a tracker's output against ground truth with the CLEAR-MOT and identity measures.
///
/// CLEAR-MOT follows Bernardin & Stiefelhagen, "Evaluating multiple object tracking performance:
/// the CLEAR MOT metrics" (EURASIP JIVP 2008), frame by frame in the way py-motmetrics 1.4.0
/// carries it out, so that our figures reproduce the numbers the MOT Challenge community
/// quotes: a pair may match when its distance 1 − IoU is at most 1 − `iouThreshold`; each
/// object first keeps the hypothesis it was last matched to (however many frames ago) if that
/// hypothesis is present and close enough, the rest are paired by a minimum-cost assignment that
/// maximises the number of pairs before minimising total distance; a switch is a match to a
/// different hypothesis than the object's last match; MOTP is the mean distance (1 − IoU, lower
/// is better) over matches; a fragmentation is a change from matched to missed between an
/// object's first and last match; mostly tracked is ≥ 80 % of an object's frames matched, mostly
/// lost < 20 %. The identity measures follow Ristani et al., "Performance measures and a data set
/// for multi-target, multi-camera tracking" (ECCV 2016 workshops): whole ground-truth and
/// hypothesis trajectories are paired one-to-one to maximise the frames in which paired boxes
/// overlap by at least the threshold (IDTP); every other box is an IDFN or IDFP. Ground-truth
/// records with confidence below 1 are ignored, as the MOT Challenge marks boxes not to score.
public enum TrackingScorer {
    /// Scores `hypotheses` (a tracker's output) against `groundTruth`, pairing boxes whose IoU is at least `iouThreshold`.
    ///
    /// Records are grouped by frame; within a frame their order is kept, which only matters for
    /// exact ties. Frames present in either input are scored, so a frame the tracker skipped
    /// counts its objects as misses.
    public static func score(groundTruth: [MOTRecord], hypotheses: [MOTRecord], iouThreshold: Double = 0.5) -> TrackingScore {
        precondition(iouThreshold > 0 && iouThreshold <= 1, "iouThreshold must be in (0, 1], got \(iouThreshold)")
        // py-motmetrics compares the distance, not the IoU, with its threshold; doing the same
        // keeps pairs that sit exactly on the threshold on the same side.
        let maximumDistance = 1 - iouThreshold
        let considered = groundTruth.filter { $0.confidence >= 1 }
        let objectsByFrame = Dictionary(grouping: considered, by: \.frame)
        let hypothesesByFrame = Dictionary(grouping: hypotheses, by: \.frame)
        let frames = Set(objectsByFrame.keys).union(hypothesesByFrame.keys).sorted()

        var lastTrackOfObject: [Int: Int] = [:]
        var matchedByObject: [Int: [Bool]] = [:]
        var overlappingFrames: [IdentityPair: Int] = [:]
        var matches = 0, switches = 0, misses = 0, falsePositives = 0
        var distanceSum = 0.0

        for frame in frames {
            let objects = objectsByFrame[frame] ?? [], tracks = hypothesesByFrame[frame] ?? []
            let columns = tracks.count
            var distances = [Double?](repeating: nil, count: objects.count * columns)
            for (row, object) in objects.enumerated() {
                for (column, track) in tracks.enumerated() {
                    let distance = 1 - overlap(object.box, track.box)
                    guard distance <= maximumDistance else { continue }
                    distances[row * columns + column] = distance
                    overlappingFrames[IdentityPair(object: object.id, track: track.id), default: 0] += 1
                }
            }
            var objectMatched = [Bool](repeating: false, count: objects.count)
            var trackMatched = [Bool](repeating: false, count: columns)
            func match(_ row: Int, _ column: Int) {
                let objectId = objects[row].id, trackId = tracks[column].id
                if let previous = lastTrackOfObject[objectId], previous != trackId { switches += 1 }
                lastTrackOfObject[objectId] = trackId
                objectMatched[row] = true
                trackMatched[column] = true
                matches += 1
                distanceSum += distances[row * columns + column]!
            }
            // Continuity first: an object stays with the track it last matched, even across a gap.
            for (row, object) in objects.enumerated() {
                guard let previous = lastTrackOfObject[object.id],
                      let column = tracks.indices.first(where: { !trackMatched[$0] && tracks[$0].id == previous }),
                      distances[row * columns + column] != nil
                else { continue }
                match(row, column)
            }
            var edges: [LinearAssignment.Edge] = []
            for row in objects.indices where !objectMatched[row] {
                for column in tracks.indices where !trackMatched[column] {
                    if let distance = distances[row * columns + column] {
                        edges.append(LinearAssignment.Edge(row: row, column: column, cost: distance))
                    }
                }
            }
            let pairs = LinearAssignment.sparse(rows: objects.count, columns: columns, edges: edges)
            for pair in pairs.sorted(by: { $0.row < $1.row }) { match(pair.row, pair.column) }
            for (row, object) in objects.enumerated() {
                matchedByObject[object.id, default: []].append(objectMatched[row])
                if !objectMatched[row] { misses += 1 }
            }
            falsePositives += trackMatched.count { !$0 }
        }

        var mostlyTracked = 0, partiallyTracked = 0, mostlyLost = 0, fragmentations = 0
        for history in matchedByObject.values {
            let ratio = Double(history.count { $0 }) / Double(history.count)
            if ratio >= 0.8 { mostlyTracked += 1 } else if ratio >= 0.2 { partiallyTracked += 1 } else { mostlyLost += 1 }
            guard let first = history.firstIndex(of: true), let last = history.lastIndex(of: true) else { continue }
            for index in (first + 1)..<(last + 1) where !history[index] && history[index - 1] { fragmentations += 1 }
        }

        let objectIds = Set(considered.map(\.id)).sorted(), trackIds = Set(hypotheses.map(\.id)).sorted()
        let identityTruePositives = identityMatches(objectIds: objectIds, trackIds: trackIds, overlappingFrames: overlappingFrames)
        let groundTruthCount = considered.count, hypothesisCount = hypotheses.count
        let identityFalseNegatives = groundTruthCount - identityTruePositives
        let identityFalsePositives = hypothesisCount - identityTruePositives
        func ratio(_ numerator: Int, _ denominator: Int) -> Double {
            denominator == 0 ? 0 : Double(numerator) / Double(denominator)
        }
        return TrackingScore(
            mota: groundTruthCount == 0 ? 0 : 1 - ratio(misses + switches + falsePositives, groundTruthCount),
            motp: matches == 0 ? 0 : distanceSum / Double(matches),
            idf1: ratio(2 * identityTruePositives, groundTruthCount + hypothesisCount),
            idp: ratio(identityTruePositives, identityTruePositives + identityFalsePositives),
            idr: ratio(identityTruePositives, identityTruePositives + identityFalseNegatives),
            recall: ratio(matches, groundTruthCount),
            precision: ratio(matches, matches + falsePositives),
            idSwitches: switches, falsePositives: falsePositives, misses: misses,
            mostlyTracked: mostlyTracked, partiallyTracked: partiallyTracked, mostlyLost: mostlyLost,
            fragmentations: fragmentations,
            groundTruthCount: groundTruthCount, hypothesisCount: hypothesisCount, matches: matches,
            objects: objectIds.count, tracks: trackIds.count,
            idTruePositives: identityTruePositives, idFalsePositives: identityFalsePositives,
            idFalseNegatives: identityFalseNegatives
        )
    }

    /// The largest total of overlapping frames over one-to-one pairings of objects with tracks.
    private static func identityMatches(objectIds: [Int], trackIds: [Int], overlappingFrames: [IdentityPair: Int]) -> Int {
        if objectIds.isEmpty || trackIds.isEmpty || overlappingFrames.isEmpty { return 0 }
        let columns = trackIds.count
        let columnOfTrack = Dictionary(uniqueKeysWithValues: trackIds.enumerated().map { ($1, $0) })
        let rowOfObject = Dictionary(uniqueKeysWithValues: objectIds.enumerated().map { ($1, $0) })
        // Negated counts: pairs that never overlap cost 0, the same as leaving both unpaired, so a
        // full assignment of the smaller side is free to use them as "no partner".
        var costs = [Double](repeating: 0, count: objectIds.count * columns)
        for (pair, count) in overlappingFrames {
            costs[rowOfObject[pair.object]! * columns + columnOfTrack[pair.track]!] = -Double(count)
        }
        let assignment = LinearAssignment.minimumCost(costs: costs, rows: objectIds.count, columns: columns)
        var total = 0
        for (row, column) in assignment.enumerated() {
            if let column { total += Int(-costs[row * columns + column]) }
        }
        return total
    }

    /// IoU computed from corners, as py-motmetrics does, so that boxes on the threshold round the same way.
    private static func overlap(_ a: PixelBox, _ b: PixelBox) -> Double {
        let aRight = a.left + a.width, aBottom = a.top + a.height
        let bRight = b.left + b.width, bBottom = b.top + b.height
        let intersection = max(min(aRight, bRight) - max(a.left, b.left), 0) * max(min(aBottom, bBottom) - max(a.top, b.top), 0)
        if intersection == 0 { return 0 }
        let aArea = max(aRight - a.left, 0) * max(aBottom - a.top, 0)
        let bArea = max(bRight - b.left, 0) * max(bBottom - b.top, 0)
        return intersection / (aArea + bArea - intersection)
    }

    private struct IdentityPair: Hashable {
        var object: Int
        var track: Int
    }
}
