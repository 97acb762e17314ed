import Foundation
import SafeCityCore

/// Turns ground-truth boxes into detections a real detector might give: missed, jittered and false boxes.
///
/// The recipe is the one that produced TUD-Campus `det_noisy.txt` (drop each box with
/// probability p, Gaussian jitter proportional to box size, Poisson false boxes per frame),
/// so trackers can be scored at other noise levels than the one shipped.
public struct DetectionDegradation: Hashable, Sendable, Codable {
    /// Probability that a true box is missed.
    public var dropProbability: Double
    /// Standard deviation of the jitter on x, y, width and height, as a fraction of the box size.
    public var jitterFraction: Double
    /// Mean number of false boxes per frame.
    public var falseBoxesPerFrame: Double
    /// Score range of true boxes.
    public var trueScores: ClosedRange<Double> = 0.5...0.999
    /// Score range of false boxes.
    public var falseScores: ClosedRange<Double> = 0.3...0.699

    /// Creates a recipe.
    public init(dropProbability: Double, jitterFraction: Double, falseBoxesPerFrame: Double) {
        self.dropProbability = dropProbability
        self.jitterFraction = jitterFraction
        self.falseBoxesPerFrame = falseBoxesPerFrame
    }

    /// Degrades every frame of `groundTruth` in an image of the given size; ids become −1.
    public func apply(
        to groundTruth: [MOTRecord], imageWidth: Double, imageHeight: Double, using generator: inout some RandomNumberGenerator
    ) -> [MOTRecord] {
        var output: [MOTRecord] = []
        let frames = Dictionary(grouping: groundTruth, by: \.frame)
        for frame in frames.keys.sorted() {
            let truth = frames[frame]!
            for record in truth.sorted(by: { $0.id < $1.id }) where Double.random(in: 0..<1, using: &generator) >= dropProbability {
                let box = record.box
                func jitter(_ scale: Double) -> Double { Self.gaussian(using: &generator) * jitterFraction * scale }
                let width = max(1, box.width + jitter(box.width)), height = max(1, box.height + jitter(box.height))
                let jittered = PixelBox(left: box.left + jitter(box.width), top: box.top + jitter(box.height), width: width, height: height)
                output.append(MOTRecord(frame: frame, id: -1, box: jittered, confidence: Double.random(in: trueScores, using: &generator)))
            }
            let typical = truth.first?.box ?? PixelBox(left: 0, top: 0, width: imageWidth / 10, height: imageHeight / 4)
            for _ in 0..<PoissonSample.draw(mean: falseBoxesPerFrame, using: &generator) {
                let width = typical.width * Double.random(in: 0.7...1.3, using: &generator)
                let height = typical.height * Double.random(in: 0.7...1.3, using: &generator)
                let box = PixelBox(left: Double.random(in: 0...max(1, imageWidth - width), using: &generator),
                                   top: Double.random(in: 0...max(1, imageHeight - height), using: &generator), width: width, height: height)
                output.append(MOTRecord(frame: frame, id: -1, box: box, confidence: Double.random(in: falseScores, using: &generator)))
            }
        }
        return output
    }

    /// A standard normal draw (Box–Muller).
    static func gaussian(using generator: inout some RandomNumberGenerator) -> Double {
        let u = Double.random(in: Double.ulpOfOne..<1, using: &generator)
        let v = Double.random(in: 0..<1, using: &generator)
        return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
    }
}
