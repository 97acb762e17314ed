import Foundation
import Testing
@testable import Vision

@Suite struct DetectionFrameBatchTests {
    @Test func readsJSONAndNDJSON() throws {
        let body = """
        {"frames":[{"frame":1,"time":1796061600.0,"detections":[{"class":"person","score":0.9,"box":[10,20,30,80]}]},
                   {"frame":2,"time":"2026-11-30T18:00:00.200Z","detections":[{"class":"suitcase","score":0.7,"box":[50,60,20,20]}]}]}
        """
        let (frames, rejected) = try DetectionFrameBatch.parse(Data(body.utf8), ndjson: false)
        #expect(rejected.isEmpty)
        #expect(frames.map(\.frame) == [1, 2])
        #expect(frames[1].detections[0].objectClass == .suitcase)
        #expect(frames[1].detections[0].frame == 2)
        #expect(abs(frames[1].time - 1_796_061_600.2) < 1e-6)

        let lines = #"{"frame":7,"time":1796061600.7,"detections":[]}"# + "\n\n" + #"{"frame":8,"time":1796061600.8,"detections":[]}"#
        let ndjson = try DetectionFrameBatch.parse(Data(lines.utf8), ndjson: true)
        #expect(ndjson.frames.map(\.frame) == [7, 8])
    }

    @Test func aBadFrameIsRefusedAloneWithItsReason() throws {
        let body = """
        [{"frame":1,"time":1796061600.0,"detections":[{"score":0.9,"box":[10,20,-30,80]}]},
         {"frame":2,"time":1796061600.1,"detections":[{"score":1.5,"box":[10,20,30,80]}]},
         {"frame":-3,"time":1796061600.1,"detections":[]},
         {"frame":4,"time":"yesterday","detections":[]},
         {"frame":5,"time":1796061600.5,"detections":[{"score":0.5,"box":[1,2,3]}]},
         {"frame":6,"time":1796061600.6,"detections":[{"score":0.5,"box":[1,2,3,4]}]}]
        """
        let (frames, rejected) = try DetectionFrameBatch.parse(Data(body.utf8), ndjson: false)
        #expect(frames.map(\.frame) == [6])
        #expect(rejected.map(\.index) == [0, 1, 2, 3, 4])
        #expect(rejected[0].reason == "invalid configuration: detections[0]: invalid box: width and height must be positive (got -30.0 × 80.0)")
        #expect(rejected[1].reason.contains("score must be a number in 0…1"))
        #expect(rejected[3].reason.contains("ISO 8601"))
        #expect(throws: VisionError.invalidConfiguration("body is not JSON")) { try DetectionFrameBatch.parse(Data("{".utf8), ndjson: false) }
    }
}
