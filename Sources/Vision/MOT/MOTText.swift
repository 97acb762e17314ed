/// Reads and writes the MOT Challenge 2D text format: `frame,id,left,top,width,height,conf,x,y,z`.
///
/// Readers accept commas or whitespace between fields and ignore blank lines; the world
/// coordinates are optional and ignored, since SafeCity maps boxes with the camera's homography.
public enum MOTText {
    /// Parses a whole file; the first bad line throws with its number and reason.
    public static func parse(_ text: String) throws(VisionError) -> [MOTRecord] {
        var records: [MOTRecord] = []
        var lineNumber = 0
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            lineNumber += 1
            let fields = line.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" || $0 == "\r" })
            if fields.isEmpty { continue }
            guard fields.count >= 6 else {
                throw .malformedLine(line: lineNumber, reason: "expected at least 6 fields (frame,id,left,top,width,height), found \(fields.count)")
            }
            func number(_ index: Int, _ name: String) throws(VisionError) -> Double {
                guard let value = Double(fields[index]), value.isFinite else {
                    throw .malformedLine(line: lineNumber, reason: "\(name) '\(fields[index])' is not a finite number")
                }
                return value
            }
            let frame = try number(0, "frame")
            let id = try number(1, "id")
            guard frame >= 0, frame == frame.rounded(), id == id.rounded() else {
                throw .malformedLine(line: lineNumber, reason: "frame and id must be whole numbers, frame ≥ 0")
            }
            let left = try number(2, "left"), top = try number(3, "top")
            let width = try number(4, "width"), height = try number(5, "height")
            let box: PixelBox
            do {
                box = try PixelBox.validated(left: left, top: top, width: width, height: height)
            } catch {
                throw .malformedLine(line: lineNumber, reason: error.description)
            }
            let confidence = fields.count > 6 ? try number(6, "confidence") : 1
            records.append(MOTRecord(frame: Int(frame), id: Int(id), box: box, confidence: confidence))
        }
        return records
    }

    /// Formats records one per line, sorted by frame then id, with two decimals as the benchmark files use.
    public static func format(_ records: [MOTRecord]) -> String {
        var out = ""
        for record in records.sorted(by: { ($0.frame, $0.id) < ($1.frame, $1.id) }) {
            out += "\(record.frame),\(record.id),\(fixed(record.box.left)),\(fixed(record.box.top)),"
            out += "\(fixed(record.box.width)),\(fixed(record.box.height)),\(fixed(record.confidence, digits: 3)),-1,-1,-1\n"
        }
        return out
    }

    /// Groups detections by frame, in frame order; frames with no detection are absent.
    public static func framesOfDetections(_ records: [MOTRecord]) -> [(frame: Int, detections: [Detection])] {
        var byFrame: [Int: [Detection]] = [:]
        for record in records { byFrame[record.frame, default: []].append(record.detection) }
        return byFrame.keys.sorted().map { ($0, byFrame[$0]!) }
    }

    private static func fixed(_ value: Double, digits: Int = 2) -> String {
        let scale = digits == 2 ? 100.0 : 1000.0
        let rounded = (value * scale).rounded() / scale
        var text = String(rounded)
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }
}
