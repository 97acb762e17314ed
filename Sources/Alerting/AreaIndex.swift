import Geo

/// A static packed R-tree (sort-tile-recursive) over bounding boxes, built once and queried many times.
///
/// Items are numbered by their position in the array given to ``init(boxes:nodeSize:)``.
/// A query returns every item whose box meets the query box; callers run the exact test after.
/// - Note: Boxes are in degrees (longitude as x, latitude as y); the tree is immutable and `Sendable`.
public struct AreaIndex: Sendable {
    /// Boxes of all nodes, level by level from the leaves up, four values each: minX, minY, maxX, maxY.
    private let boxes: [Double]
    /// For a leaf entry, the item number; for an inner entry, the position of its first child.
    private let links: [Int32]
    /// Where each level starts in `links`; the last level holds the root alone.
    private let levelStarts: [Int]
    private let nodeSize: Int
    /// The number of items indexed.
    public let count: Int

    /// Builds the tree over item boxes.
    public init(boxes items: [BoundingBox], nodeSize: Int = 16) {
        self.nodeSize = max(2, nodeSize)
        count = items.count
        var order = Array(0..<items.count)
        var centreX = [Double](repeating: 0, count: items.count), centreY = centreX
        for (i, box) in items.enumerated() {
            centreX[i] = box.minLongitude + box.maxLongitude
            centreY[i] = box.minLatitude + box.maxLatitude
        }
        order.sort { centreX[$0] < centreX[$1] }
        let leafNodes = (items.count + self.nodeSize - 1) / self.nodeSize
        let slices = max(1, Int(Double(leafNodes).squareRoot().rounded(.up)))
        let sliceSize = slices * self.nodeSize
        var start = 0
        while start < order.count {
            let end = min(order.count, start + sliceSize)
            order[start..<end].sort { centreY[$0] < centreY[$1] }
            start = end
        }
        var boxes: [Double] = []
        var links: [Int32] = []
        boxes.reserveCapacity(items.count * 4 * 2)
        links.reserveCapacity(items.count * 2)
        for item in order {
            let box = items[item]
            boxes += [box.minLongitude, box.minLatitude, box.maxLongitude, box.maxLatitude]
            links.append(Int32(item))
        }
        var levelStarts = [0]
        var levelStart = 0, levelEnd = links.count
        while levelEnd - levelStart > 1 {
            levelStarts.append(levelEnd)
            var child = levelStart
            while child < levelEnd {
                let last = min(levelEnd, child + self.nodeSize)
                var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
                for c in child..<last {
                    minX = min(minX, boxes[4 * c]); minY = min(minY, boxes[4 * c + 1])
                    maxX = max(maxX, boxes[4 * c + 2]); maxY = max(maxY, boxes[4 * c + 3])
                }
                boxes += [minX, minY, maxX, maxY]
                links.append(Int32(child))
                child = last
            }
            levelStart = levelEnd
            levelEnd = links.count
        }
        self.boxes = boxes
        self.links = links
        self.levelStarts = levelStarts
    }

    /// Appends to `result` the item numbers whose boxes meet `box` (in no particular order).
    public func search(_ box: BoundingBox, into result: inout [Int]) {
        guard count > 0 else { return }
        let qMinX = box.minLongitude, qMinY = box.minLatitude, qMaxX = box.maxLongitude, qMaxY = box.maxLatitude
        var stack: [(node: Int, level: Int)] = [(links.count - 1, levelStarts.count - 1)]
        while let top = stack.popLast() {
            let node = top.node, level = top.level
            guard boxes[4 * node] <= qMaxX, boxes[4 * node + 1] <= qMaxY, boxes[4 * node + 2] >= qMinX, boxes[4 * node + 3] >= qMinY else { continue }
            if level == 0 {
                result.append(Int(links[node]))
                continue
            }
            let first = Int(links[node])
            let end = min(first + nodeSize, levelStarts[level])
            for child in first..<end { stack.append((child, level - 1)) }
        }
    }

    /// The item numbers whose boxes meet `box`, in ascending order.
    public func search(_ box: BoundingBox) -> [Int] {
        var result: [Int] = []
        search(box, into: &result)
        return result.sorted()
    }
}
