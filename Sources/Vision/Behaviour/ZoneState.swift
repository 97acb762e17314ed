/// What a ``SceneAnalyser`` remembers about one zone as a whole.
struct ZoneState: Sendable {
    var density = SustainedCondition()
    var growth = SustainedCondition()
    var countTimes: [Double] = []
    var counts: [Int] = []
    var countHead = 0
    var speeds = SpeedModel()
    var headings = HeadingModel()
    var scattering = SustainedCondition()
    var scatteringTracks: [Int] = []
    var scatteringCentre = PlanePoint.zero

    /// Records this frame's count and returns the count at the latest frame at least `windowSeconds` ago.
    mutating func recordCount(_ count: Int, time: Double, windowSeconds: Double) -> (time: Double, count: Int)? {
        countTimes.append(time)
        counts.append(count)
        let start = time - windowSeconds + 1e-9
        while countHead + 1 < countTimes.count, countTimes[countHead + 1] <= start { countHead += 1 }
        if countHead > 64, countHead * 2 > countTimes.count {
            countTimes.removeFirst(countHead)
            counts.removeFirst(countHead)
            countHead = 0
        }
        guard countTimes[countHead] <= start else { return nil }
        return (countTimes[countHead], counts[countHead])
    }
}
