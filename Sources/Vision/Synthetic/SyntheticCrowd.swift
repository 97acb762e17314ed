import Foundation

/// A generated scene of people walking across an image at constant velocity, for tracker benches.
///
/// Objects keep a steady count: one that walks out of the image is replaced by a new one
/// entering from a random edge, so every frame holds `objectCount` true boxes.
public struct SyntheticCrowd: Sendable {
    /// Image width in pixels.
    public var imageWidth: Double = 1920
    /// Image height in pixels.
    public var imageHeight: Double = 1080
    /// People in every frame.
    public var objectCount: Int

    /// Creates a scene with `objectCount` people per frame.
    public init(objectCount: Int) {
        self.objectCount = objectCount
    }

    /// Ground truth for `frames` frames, numbered from 1.
    public func groundTruth(frames: Int, using generator: inout some RandomNumberGenerator) -> [MOTRecord] {
        var nextId = 1
        func spawn(anywhere: Bool) -> Walker {
            defer { nextId += 1 }
            let height = Double.random(in: 60...140, using: &generator)
            let width = height * Double.random(in: 0.35...0.45, using: &generator)
            let speed = Double.random(in: 1...6, using: &generator)
            let angle = Double.random(in: 0..<(2 * .pi), using: &generator)
            var x = Double.random(in: 0...(imageWidth - width), using: &generator)
            var y = Double.random(in: 0...(imageHeight - height), using: &generator)
            if !anywhere {
                if Bool.random(using: &generator) { x = angle.cosine > 0 ? 0 : imageWidth - width } else { y = angle.sine > 0 ? 0 : imageHeight - height }
            }
            return Walker(id: nextId, x: x, y: y, vx: speed * angle.cosine, vy: speed * angle.sine, width: width, height: height)
        }
        var walkers = (0..<objectCount).map { _ in spawn(anywhere: true) }
        var records: [MOTRecord] = []
        records.reserveCapacity(frames * objectCount)
        for frame in 1...max(frames, 1) {
            for index in walkers.indices {
                let walker = walkers[index]
                records.append(MOTRecord(frame: frame, id: walker.id,
                                         box: PixelBox(left: walker.x, top: walker.y, width: walker.width, height: walker.height), confidence: 1))
                walkers[index].x += walker.vx
                walkers[index].y += walker.vy
                let next = walkers[index]
                if next.x < -next.width || next.y < -next.height || next.x > imageWidth || next.y > imageHeight {
                    walkers[index] = spawn(anywhere: false)
                }
            }
        }
        return records
    }
}

private struct Walker { var id: Int; var x, y, vx, vy, width, height: Double }

private extension Double {
    var cosine: Double { Foundation.cos(self) }
    var sine: Double { Foundation.sin(self) }
}
