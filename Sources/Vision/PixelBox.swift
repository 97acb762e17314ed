/// An axis-aligned box in image pixels, top-left origin, as detectors report it.
public struct PixelBox: Hashable, Sendable, Codable {
    /// Left edge in pixels.
    public var left: Double
    /// Top edge in pixels.
    public var top: Double
    /// Width in pixels.
    public var width: Double
    /// Height in pixels.
    public var height: Double

    /// Creates a box without validation; use ``validated(left:top:width:height:)`` for input.
    public init(left: Double, top: Double, width: Double, height: Double) {
        self.left = left
        self.top = top
        self.width = width
        self.height = height
    }

    /// Creates a box from untrusted input: finite coordinates and a positive size.
    public static func validated(left: Double, top: Double, width: Double, height: Double) throws(VisionError) -> PixelBox {
        guard left.isFinite, top.isFinite, width.isFinite, height.isFinite else {
            throw .invalidBox("coordinates must be finite numbers")
        }
        guard width > 0, height > 0 else {
            throw .invalidBox("width and height must be positive (got \(width) × \(height))")
        }
        return PixelBox(left: left, top: top, width: width, height: height)
    }

    /// Right edge in pixels.
    public var right: Double { left + width }
    /// Bottom edge in pixels.
    public var bottom: Double { top + height }
    /// Area in square pixels.
    public var area: Double { width * height }
    /// Centre of the box.
    public var centre: PixelPoint { PixelPoint(x: left + width / 2, y: top + height / 2) }
    /// Middle of the bottom edge: where a standing person or a vehicle touches the ground.
    public var footPoint: PixelPoint { PixelPoint(x: left + width / 2, y: top + height) }

    /// Intersection over union with another box, 0…1.
    public func intersectionOverUnion(_ other: PixelBox) -> Double {
        let overlapWidth = min(right, other.right) - max(left, other.left)
        let overlapHeight = min(bottom, other.bottom) - max(top, other.top)
        guard overlapWidth > 0, overlapHeight > 0 else { return 0 }
        let intersection = overlapWidth * overlapHeight
        return intersection / (area + other.area - intersection)
    }
}

/// A point in image pixels.
public struct PixelPoint: Hashable, Sendable, Codable {
    /// Horizontal position, rightwards.
    public var x: Double
    /// Vertical position, downwards.
    public var y: Double

    /// Creates a point.
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}
