import Foundation
import Testing
@testable import Vision

@Suite struct FrigateEventTests {
    /// The shape of a message on Frigate's `frigate/events` topic, as its documentation shows it.
    let update = """
    {"type":"update","before":{"id":"1607123955.475377-mxklsc","camera":"front_door","frame_time":1607123958.5,"label":"person",
     "score":0.7,"box":[420,500,530,700]},
     "after":{"id":"1607123955.475377-mxklsc","camera":"front_door","frame_time":1607123961.837752,"snapshot_time":1607123961.837752,
     "label":"person","sub_label":["Jane Doe",0.91],"top_score":0.958984375,"false_positive":false,"start_time":1607123955.475377,
     "end_time":null,"score":0.7890625,"box":[424,500,536,712],"area":23744,"ratio":2.113207,"region":[264,450,667,853],
     "current_zones":["driveway"],"entered_zones":["yard","driveway"],"stationary":false,"motionless_count":0,"position_changes":2}}
    """

    @Test func readsTheAfterStateAndDropsSubLabels() throws {
        let event = try FrigateEvent.parse(Data(update.utf8))
        #expect(event.kind == .update)
        #expect(event.camera == "front_door")
        #expect(event.objectClass == .person)
        #expect(event.box == PixelBox(left: 424, top: 500, width: 112, height: 212))
        #expect(event.frameTime == 1607123961.837752)
        // The recognised name in sub_label must not survive in any field.
        #expect(!String(describing: event).contains("Jane"))
    }

    @Test func badMessagesGiveReasons() {
        #expect(throws: VisionError.invalidConfiguration("Frigate event: not a JSON object of the events topic")) {
            try FrigateEvent.parse(Data("not json".utf8))
        }
        #expect(throws: VisionError.invalidConfiguration("Frigate event: missing 'after'")) {
            try FrigateEvent.parse(Data(#"{"type":"new"}"#.utf8))
        }
        let inverted = update.replacingOccurrences(of: "[424,500,536,712]", with: "[536,500,424,712]")
        #expect(throws: VisionError.invalidBox("width and height must be positive (got -112.0 × 212.0)")) {
            try FrigateEvent.parse(Data(inverted.utf8))
        }
        let wrongKind = update.replacingOccurrences(of: #""type":"update""#, with: #""type":"snapshot""#)
        #expect(throws: VisionError.invalidConfiguration("Frigate event: type 'snapshot' is not new, update or end")) {
            try FrigateEvent.parse(Data(wrongKind.utf8))
        }
    }
}
