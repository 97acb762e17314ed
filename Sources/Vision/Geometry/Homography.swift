/// A plane-to-plane projective map, here from image pixels to ground-plane metres.
///
/// - Note: Elements are row-major and defined up to scale. Scale them so that the third
///   coordinate w is positive for pixels that see the ground, as ``estimate(from:)`` and the ETH
///   `H.txt` files do; ``map(_:)`` then returns nil above the horizon, where w ≤ 0.
public struct Homography: Hashable, Sendable, Codable {
    /// The nine elements, row-major: h11 h12 h13 h21 h22 h23 h31 h32 h33.
    public let elements: [Double]

    /// Creates a homography from nine row-major elements, rejecting non-finite or singular matrices.
    public init(elements: [Double]) throws(VisionError) {
        guard elements.count == 9 else { throw .degenerateHomography("expected 9 elements, found \(elements.count)") }
        if let bad = elements.firstIndex(where: { !$0.isFinite }) {
            throw .degenerateHomography("element h\(bad / 3 + 1)\(bad % 3 + 1) is not finite")
        }
        guard Homography.relativeDeterminant(elements) > 1e-14 else {
            throw .degenerateHomography("the matrix is singular (or nearly so) and maps the image onto a line")
        }
        self.elements = elements
    }

    /// Creates a homography from three rows of three elements.
    public init(rows: [[Double]]) throws(VisionError) {
        guard rows.count == 3, rows.allSatisfy({ $0.count == 3 }) else {
            throw .degenerateHomography("expected 3 rows of 3 elements")
        }
        try self.init(elements: rows.flatMap { $0 })
    }

    /// Element at a 1-based row and column, as in h11…h33.
    public subscript(row: Int, column: Int) -> Double { elements[(row - 1) * 3 + (column - 1)] }

    /// Applies the matrix to (x, y, 1); nil when the result lies at or behind infinity (w ≤ 0).
    public func transform(x: Double, y: Double) -> (x: Double, y: Double)? {
        let e = elements
        let w = e[6] * x + e[7] * y + e[8]
        let magnitude = abs(e[6] * x) + abs(e[7] * y) + abs(e[8])
        guard w > 1e-12 * magnitude, w > 0 else { return nil }
        return ((e[0] * x + e[1] * y + e[2]) / w, (e[3] * x + e[4] * y + e[5]) / w)
    }

    /// The ground point seen at a pixel; nil above the horizon.
    public func map(_ pixel: PixelPoint) -> PlanePoint? {
        transform(x: pixel.x, y: pixel.y).map { PlanePoint(x: $0.x, y: $0.y) }
    }

    /// Where a detected object stands: the middle of its box's bottom edge, mapped to the ground.
    ///
    /// - Note: The matrix must take pixels in the order the boxes use (x rightwards, y downwards);
    ///   the ETH `H.txt` files take (row, column) instead.
    public func groundPosition(of box: PixelBox) -> PlanePoint? { map(box.footPoint) }

    /// The pixel at which a ground point appears, through the inverse; nil if it is behind the camera.
    public func pixel(for ground: PlanePoint) -> PixelPoint? {
        guard let inverse = try? inverse() else { return nil }
        return inverse.transform(x: ground.x, y: ground.y).map { PixelPoint(x: $0.x, y: $0.y) }
    }

    /// The inverse map (ground → image), keeping the sign convention so that visible points keep w > 0.
    public func inverse() throws(VisionError) -> Homography {
        let e = elements
        let cofactors = [
            e[4] * e[8] - e[5] * e[7], e[2] * e[7] - e[1] * e[8], e[1] * e[5] - e[2] * e[4],
            e[5] * e[6] - e[3] * e[8], e[0] * e[8] - e[2] * e[6], e[2] * e[3] - e[0] * e[5],
            e[3] * e[7] - e[4] * e[6], e[1] * e[6] - e[0] * e[7], e[0] * e[4] - e[1] * e[3],
        ]
        let determinant = e[0] * cofactors[0] + e[1] * cofactors[3] + e[2] * cofactors[6]
        guard determinant != 0, Homography.relativeDeterminant(e) > 1e-14 else {
            throw .degenerateHomography("the matrix is singular and has no inverse")
        }
        return try Homography(elements: cofactors.map { $0 / determinant })
    }

    /// The same map scaled so that h33 = 1; unchanged when h33 is zero.
    public func normalised() -> Homography {
        let h33 = elements[8]
        guard h33 != 0, let scaled = try? Homography(elements: elements.map { $0 / h33 }) else { return self }
        return scaled
    }

    /// |det| over the cube of the root-mean-square element norm: 1 for a rotation, 0 when singular.
    static func relativeDeterminant(_ e: [Double]) -> Double {
        let determinant = e[0] * (e[4] * e[8] - e[5] * e[7]) - e[1] * (e[3] * e[8] - e[5] * e[6])
            + e[2] * (e[3] * e[7] - e[4] * e[6])
        let rms = (e.reduce(0) { $0 + $1 * $1 } / 3).squareRoot()
        guard rms > 0 else { return 0 }
        return abs(determinant) / (rms * rms * rms)
    }
}
