/// A track's recent positions, oldest first, trimmed to the span the behaviours look back over.
struct TrackPath: Sendable {
    private var times: [Double] = []
    private var points: [PlanePoint] = []
    private var head = 0

    /// Adds the newest sample and forgets those older than needed, keeping one at or before the span's start.
    mutating func append(time: Double, point: PlanePoint, keepSeconds: Double) {
        times.append(time)
        points.append(point)
        while head + 1 < times.count, times[head + 1] <= time - keepSeconds { head += 1 }
        if head > 32, head * 2 > times.count {
            times.removeFirst(head)
            points.removeFirst(head)
            head = 0
        }
    }

    /// The newest sample.
    var latest: (time: Double, point: PlanePoint)? {
        times.count > head ? (times[times.count - 1], points[points.count - 1]) : nil
    }

    /// The sample before the newest.
    var previous: (time: Double, point: PlanePoint)? {
        times.count - head >= 2 ? (times[times.count - 2], points[points.count - 2]) : nil
    }

    /// The latest sample at or before a time (with a nanosecond of slack for frame times in floating point).
    func sample(atOrBefore time: Double) -> (time: Double, point: PlanePoint)? {
        let target = time + 1e-9
        guard times.count > head, times[head] <= target else { return nil }
        var low = head, high = times.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if times[middle] <= target { low = middle } else { high = middle - 1 }
        }
        return (times[low], points[low])
    }

    /// Mean velocity in m/s over the `windowSeconds` ending at the latest sample at or before `time`;
    /// nil until the path is that long.
    func velocity(at time: Double, windowSeconds: Double) -> PlanePoint? {
        guard let end = sample(atOrBefore: time), let start = sample(atOrBefore: end.time - windowSeconds),
              end.time > start.time else { return nil }
        return (end.point - start.point) * (1 / (end.time - start.time))
    }
}
