extension Homography {
    /// Estimates the image → ground homography from four or more pixel/ground pairs.
    ///
    /// Normalised direct linear transform (Hartley & Zisserman, Multiple View Geometry, alg. 4.2):
    /// both point sets are moved to their centroid and scaled to a mean distance of √2, the 2n × 9
    /// system is solved in the least-squares sense by its smallest right singular vector, and the
    /// result is denormalised. With exactly four pairs the fit is exact.
    ///
    /// - Throws: ``VisionError/degenerateHomography(_:)`` for fewer than four pairs, non-finite
    ///   coordinates, repeated or collinear points, pairs that straddle the horizon, or a singular fit.
    public static func estimate(from pairs: [(image: PixelPoint, ground: PlanePoint)]) throws(VisionError) -> Homography {
        guard pairs.count >= 4 else {
            throw .degenerateHomography("need at least 4 point pairs, found \(pairs.count)")
        }
        for (index, pair) in pairs.enumerated() {
            guard pair.image.x.isFinite, pair.image.y.isFinite, pair.ground.isFinite else {
                throw .degenerateHomography("pair \(index + 1) has a coordinate that is not finite")
            }
        }
        let image = try Similarity(normalising: pairs.map { ($0.image.x, $0.image.y) }, name: "image")
        let ground = try Similarity(normalising: pairs.map { ($0.ground.x, $0.ground.y) }, name: "ground")
        let imagePoints = pairs.map { image.apply($0.image.x, $0.image.y) }
        let groundPoints = pairs.map { ground.apply($0.ground.x, $0.ground.y) }
        try checkGeneralPosition(imagePoints, name: "image")
        try checkGeneralPosition(groundPoints, name: "ground")

        var columns = [[Double]](repeating: [], count: 9)
        for (p, q) in zip(imagePoints, groundPoints) {
            let rowA: [Double] = [-p.x, -p.y, -1, 0, 0, 0, q.x * p.x, q.x * p.y, q.x]
            let rowB: [Double] = [0, 0, 0, -p.x, -p.y, -1, q.y * p.x, q.y * p.y, q.y]
            for j in 0..<9 {
                columns[j].append(rowA[j])
                columns[j].append(rowB[j])
            }
        }
        let svd = SingularValueDecomposition(columns: columns)
        let order = svd.singularValues.indices.sorted { svd.singularValues[$0] < svd.singularValues[$1] }
        let largest = svd.singularValues[order[8]]
        guard svd.singularValues[order[1]] > 1e-9 * largest else {
            throw .degenerateHomography("the pairs do not determine a unique homography (too many collinear points)")
        }
        let normalisedH = svd.rightVectors[order[0]]
        guard relativeDeterminant(normalisedH) > 1e-8 else {
            throw .degenerateHomography("the fitted homography is singular: the points do not span the plane")
        }
        // H = T_ground⁻¹ · Hn · T_image
        var elements = multiply(ground.inverseMatrix, multiply(normalisedH, image.matrix))
        let ws = pairs.map { elements[6] * $0.image.x + elements[7] * $0.image.y + elements[8] }
        if ws.allSatisfy({ $0 < 0 }) {
            elements = elements.map { -$0 }
        } else if !ws.allSatisfy({ $0 > 0 }) {
            throw .degenerateHomography("the pairs lie on both sides of the horizon")
        }
        let norm = elements.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return try Homography(elements: elements.map { $0 / norm })
    }

    private static func checkGeneralPosition(_ points: [(x: Double, y: Double)], name: String) throws(VisionError) {
        var sxx = 0.0, syy = 0.0, sxy = 0.0
        for p in points {
            sxx += p.x * p.x
            syy += p.y * p.y
            sxy += p.x * p.y
        }
        // Smallest over largest eigenvalue of the (centred) scatter matrix: 0 when all are on a line.
        let mean = (sxx + syy) / 2, spread = (((sxx - syy) / 2) * ((sxx - syy) / 2) + sxy * sxy).squareRoot()
        guard (mean - spread) > 1e-10 * (mean + spread) else {
            throw .degenerateHomography("all \(name) points lie on one line")
        }
        guard points.count == 4 else { return }
        for skip in 0..<4 {
            let triple = (0..<4).filter { $0 != skip }
            let a = points[triple[0]], b = points[triple[1]], c = points[triple[2]]
            let twiceArea = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x)
            if abs(twiceArea) < 1e-9 {
                throw .degenerateHomography(
                    "\(name) points \(triple[0] + 1), \(triple[1] + 1) and \(triple[2] + 1) are collinear; 4 pairs need no 3 on a line")
            }
        }
    }

    private static func multiply(_ a: [Double], _ b: [Double]) -> [Double] {
        var result = [Double](repeating: 0, count: 9)
        for i in 0..<3 {
            for j in 0..<3 {
                result[i * 3 + j] = a[i * 3] * b[j] + a[i * 3 + 1] * b[3 + j] + a[i * 3 + 2] * b[6 + j]
            }
        }
        return result
    }

    /// Translation to the centroid and isotropic scaling to a mean distance of √2.
    private struct Similarity {
        let centreX: Double, centreY: Double, scale: Double

        init(normalising points: [(Double, Double)], name: String) throws(VisionError) {
            let count = Double(points.count)
            let x = points.reduce(0) { $0 + $1.0 } / count
            let y = points.reduce(0) { $0 + $1.1 } / count
            let meanDistance = points.reduce(0) { total, p in
                let dx = p.0 - x, dy = p.1 - y
                return total + (dx * dx + dy * dy).squareRoot()
            } / count
            centreX = x
            centreY = y
            guard meanDistance > 0, meanDistance.isFinite else {
                throw .degenerateHomography("all \(name) points are the same point")
            }
            scale = 2.0.squareRoot() / meanDistance
        }

        func apply(_ x: Double, _ y: Double) -> (x: Double, y: Double) { ((x - centreX) * scale, (y - centreY) * scale) }

        var matrix: [Double] { [scale, 0, -scale * centreX, 0, scale, -scale * centreY, 0, 0, 1] }
        var inverseMatrix: [Double] { [1 / scale, 0, centreX, 0, 1 / scale, centreY, 0, 0, 1] }
    }
}
