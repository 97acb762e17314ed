import Geo

/// Finds the subscriber areas an alert reaches: a spatial index over their boxes, then the exact test.
///
/// - Note: Immutable once built; rebuild it when subscriptions change.
public struct SubscriberTargeting: Sendable {
    /// The subscriber areas, numbered by position.
    public let areas: [AreaShape]
    private let boxes: [BoundingBox]
    private let index: AreaIndex

    public init(areas: [AreaShape]) {
        self.areas = areas
        boxes = areas.map(\.boundingBox)
        index = AreaIndex(boxes: boxes)
    }

    /// Positions of the areas that meet any of the alert's shapes, ascending, each once.
    public func targets(of alertShapes: [AreaShape]) -> [Int] {
        var candidates: [Int] = []
        for shape in alertShapes { index.search(shape.boundingBox, into: &candidates) }
        return exact(Set(candidates).sorted(), alertShapes)
    }

    /// The same answer by testing every area's box in turn (the baseline the index is measured against).
    public func targetsByLinearScan(of alertShapes: [AreaShape]) -> [Int] {
        let alertBoxes = alertShapes.map(\.boundingBox)
        let candidates = boxes.indices.filter { i in alertBoxes.contains { Self.meet($0, boxes[i]) } }
        return exact(candidates, alertShapes)
    }

    private func exact(_ candidates: [Int], _ alertShapes: [AreaShape]) -> [Int] {
        candidates.filter { AreaIntersection.intersects(any: alertShapes, areas[$0]) }
    }

    static func meet(_ a: BoundingBox, _ b: BoundingBox) -> Bool {
        a.minLongitude <= b.maxLongitude && b.minLongitude <= a.maxLongitude && a.minLatitude <= b.maxLatitude && b.minLatitude <= a.maxLatitude
    }
}
