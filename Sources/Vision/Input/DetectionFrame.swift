import Foundation

/// One camera frame's detections, as an edge detector posts them.
public struct DetectionFrame: Sendable, Equatable {
    /// Frame number, increasing per camera.
    public var frame: Int
    /// Capture time in seconds since 1970.
    public var time: Double
    /// The detections; their `frame` equals ``frame``.
    public var detections: [Detection]

    /// Creates a frame.
    public init(frame: Int, time: Double, detections: [Detection]) {
        self.frame = frame
        self.time = time
        self.detections = detections.map { var detection = $0; detection.frame = frame; return detection }
    }
}

/// Reads detection frames from JSON (`{"frames": [...]}`, an array, or one frame object) or NDJSON.
///
/// A frame is `{"frame": 12, "time": 1764525600.4, "detections": [{"class": "person", "score": 0.91,
/// "box": [left, top, width, height]}]}`; `time` may also be an ISO 8601 string. Each frame is
/// judged alone: a bad one is reported with its index and reason, and the others are kept.
public enum DetectionFrameBatch {
    /// A frame that could not be read.
    public struct Rejection: Sendable, Equatable {
        /// 0-based position of the frame in the request.
        public var index: Int
        /// What is wrong with it.
        public var reason: String
    }

    /// Parses a request body; the content type picks NDJSON (`application/x-ndjson`) or JSON.
    public static func parse(_ data: Data, ndjson: Bool) throws(VisionError) -> (frames: [DetectionFrame], rejected: [Rejection]) {
        var objects: [Any] = []
        if ndjson {
            for line in data.split(separator: UInt8(ascii: "\n")) where !line.allSatisfy({ $0 == 32 || $0 == 13 || $0 == 9 }) {
                objects.append((try? JSONSerialization.jsonObject(with: Data(line))) as Any)
            }
        } else {
            guard let root = try? JSONSerialization.jsonObject(with: data) else { throw .invalidConfiguration("body is not JSON") }
            if let dictionary = root as? [String: Any], let frames = dictionary["frames"] as? [Any] {
                objects = frames
            } else if let array = root as? [Any] {
                objects = array
            } else {
                objects = [root]
            }
        }
        var frames: [DetectionFrame] = [], rejected: [Rejection] = []
        for (index, object) in objects.enumerated() {
            do {
                frames.append(try frame(object))
            } catch {
                rejected.append(Rejection(index: index, reason: error.description))
            }
        }
        return (frames, rejected)
    }

    private static func frame(_ object: Any) throws(VisionError) -> DetectionFrame {
        guard let fields = object as? [String: Any] else { throw .invalidConfiguration("a frame must be a JSON object") }
        guard let number = (fields["frame"] as? NSNumber)?.doubleValue, number >= 0, number == number.rounded(), number < 1e15 else {
            throw .invalidConfiguration("'frame' must be a whole number ≥ 0")
        }
        let time: Double
        if let seconds = (fields["time"] as? NSNumber)?.doubleValue, seconds.isFinite, seconds > 0 {
            time = seconds
        } else if let text = fields["time"] as? String, let date = parseISO8601(text) {
            time = date.timeIntervalSince1970
        } else {
            throw .invalidConfiguration("'time' must be seconds since 1970 or an ISO 8601 time")
        }
        guard let list = fields["detections"] as? [Any] else { throw .invalidConfiguration("'detections' must be an array") }
        var detections: [Detection] = []
        for (position, item) in list.enumerated() {
            guard let detection = item as? [String: Any] else { throw .invalidConfiguration("detections[\(position)] must be an object") }
            guard let box = detection["box"] as? [Any], box.count == 4, case let values = box.compactMap({ ($0 as? NSNumber)?.doubleValue }),
                  values.count == 4 else {
                throw .invalidConfiguration("detections[\(position)].box must be [left, top, width, height]")
            }
            guard let score = (detection["score"] as? NSNumber)?.doubleValue, score.isFinite, (0...1).contains(score) else {
                throw .invalidConfiguration("detections[\(position)].score must be a number in 0…1")
            }
            let label = detection["class"] as? String ?? "person"
            do {
                let pixels = try PixelBox.validated(left: values[0], top: values[1], width: values[2], height: values[3])
                detections.append(Detection(frame: Int(number), box: pixels, score: score, objectClass: ObjectClass(label: label)))
            } catch {
                throw .invalidConfiguration("detections[\(position)]: \(error.description)")
            }
        }
        return DetectionFrame(frame: Int(number), time: time, detections: detections)
    }

    private static func parseISO8601(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
