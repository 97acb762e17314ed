/// One line of a MOT Challenge 2D text file: a box in a frame, with an identity (or −1) and a confidence.
public struct MOTRecord: Hashable, Sendable {
    /// Frame number, 1-based.
    public var frame: Int
    /// Object or track identity; −1 for plain detections.
    public var id: Int
    /// The box.
    public var box: PixelBox
    /// Detection score, or for ground truth 1 = consider and 0 = ignore.
    public var confidence: Double

    /// Creates a record.
    public init(frame: Int, id: Int, box: PixelBox, confidence: Double) {
        self.frame = frame
        self.id = id
        self.box = box
        self.confidence = confidence
    }

    /// The record as a detection, dropping its identity.
    public var detection: Detection { Detection(frame: frame, box: box, score: confidence) }
}
