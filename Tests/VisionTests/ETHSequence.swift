import Vision

/// An ETH walking-pedestrians sequence read straight from its fixture files, for checking engines.
struct ETHSequence {
    struct Row {
        var frame: Int
        var pedestrian: Int
        var x: Double
        var y: Double
    }

    /// Rows in file order (by frame).
    let rows: [Row]
    /// The published 3×3 image → world matrix, row-major.
    let h: [Double]
    /// Video frames per second: the frame numbers count video frames, annotated every 0.4 s.
    let framesPerSecond: Double

    init(_ name: String, framesPerSecond: Double) throws {
        // The files have CRLF line ends, which Swift reads as one Character: split on any newline.
        let fields = { (line: Substring) in line.split(whereSeparator: \.isWhitespace).compactMap { Double($0) } }
        rows = try Fixture.text("trajectories/\(name)/obsmat.txt").split(whereSeparator: \.isNewline).map(fields)
            .filter { $0.count == 8 }
            .map { Row(frame: Int($0[0]), pedestrian: Int($0[1]), x: $0[2], y: $0[4]) }
        h = try Fixture.text("trajectories/\(name)/H.txt").split(whereSeparator: \.isNewline).flatMap(fields)
        self.framesPerSecond = framesPerSecond
        guard !rows.isEmpty, h.count == 9 else { throw FixtureError.unreadable(name) }
    }

    enum FixtureError: Error { case unreadable(String) }

    static func eth() throws -> ETHSequence { try ETHSequence("eth_seq_eth", framesPerSecond: 15) }
    static func hotel() throws -> ETHSequence { try ETHSequence("eth_seq_hotel", framesPerSecond: 25) }

    func time(_ frame: Int) -> Double { Double(frame) / framesPerSecond }

    /// Rows grouped by frame, in frame order.
    func frames() -> [(frame: Int, rows: [Row])] {
        var result: [(frame: Int, rows: [Row])] = []
        for row in rows {
            if result.last?.frame == row.frame { result[result.count - 1].rows.append(row) } else { result.append((row.frame, [row])) }
        }
        return result
    }

    /// Each pedestrian's rows in frame order.
    var byPedestrian: [Int: [Row]] { Dictionary(grouping: rows, by: \.pedestrian) }

    /// Feeds every frame to an analyser as person tracks, returning all events.
    func run(_ analyser: inout SceneAnalyser, afterEachFrame: ([Row], SceneAnalyser) -> Void = { _, _ in }) throws -> [BehaviourEvent] {
        var events: [BehaviourEvent] = []
        for (frame, rows) in frames() {
            let observations = rows.map {
                TrackObservation(trackId: $0.pedestrian, objectClass: .person, position: PlanePoint(x: $0.x, y: $0.y))
            }
            events += try analyser.update(time: time(frame), observations: observations)
            afterEachFrame(rows, analyser)
        }
        return events
    }
}
