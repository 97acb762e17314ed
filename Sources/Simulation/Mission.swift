import Geo

/// A simulated vehicle's drive along a given path, e.g. the route a dispatcher sent it on.
struct Mission: Sendable {
    let path: [GeoPoint]
    /// Whether the vehicle stops at the end (at its station) rather than waiting for orders (on scene).
    let parksAtEnd: Bool
    private var segment = 0
    private var metresAlong = 0.0

    init(path: [GeoPoint], parksAtEnd: Bool) {
        self.path = path
        self.parksAtEnd = parksAtEnd
    }

    var isComplete: Bool { segment >= path.count - 1 }

    /// Moves `metres` further along the path, stopping at its end.
    mutating func advance(metres: Double) {
        var remaining = metres
        while remaining > 0, !isComplete {
            let length = GreatCircle.distanceMetres(path[segment], path[segment + 1])
            if metresAlong + remaining < length {
                metresAlong += remaining
                return
            }
            remaining -= length - metresAlong
            segment += 1
            metresAlong = 0
        }
    }

    var position: GeoPoint {
        guard !isComplete else { return path.last! }
        let a = path[segment], b = path[segment + 1]
        let length = GreatCircle.distanceMetres(a, b)
        return GreatCircle.interpolate(a, b, fraction: length > 0 ? min(1, metresAlong / length) : 0)
    }

    var headingDegrees: Double {
        let at = min(segment, path.count - 2)
        guard at >= 0 else { return 0 }
        return (GreatCircle.bearingDegrees(from: path[at], to: path[at + 1]) * 10).rounded() / 10
    }
}
