import Foundation
import Logging
import MQTT
import SafeCityCore
import SafeCityServer
import SafeCityTesting
import Testing
import Vision

@Suite(.serialized, .enabled(if: MosquittoBroker.testsEnabled, "mosquitto is not installed (apt-get install mosquitto); set SAFECITY_REQUIRE_MQTT=1 to make this a failure"))
struct CameraMQTTTests {
    @Test func framesAndFrigateEventsPublishedToTheBrokerReachTheirCameras() async throws {
        let broker = try MosquittoBroker()
        defer { broker.shutdown() }
        let fixture = try await ServerFixture()
        var site = try DemoCameras.sites(start: 1_796_061_600, seed: 42)[0]
        try await fixture.platform.vision.register(site.configuration, actor: "test")
        var frigateCamera = site.configuration
        frigateCamera.id = "front_door"
        try await fixture.platform.vision.register(frigateCamera, actor: "test")
        try await fixture.platform.startCameraMQTT(try MQTTSource(url: "mqtt://127.0.0.1:\(broker.port)/city/cameras/+/detections"), logger: Logger(label: "test"))
        try await fixture.platform.startCameraMQTT(try MQTTSource(url: "mqtt://127.0.0.1:\(broker.port)/frigate/events"), logger: Logger(label: "test"))

        let publisher = MQTTClient()
        try await publisher.connect(host: "127.0.0.1", port: broker.port, clientID: "test-camera")
        for _ in 0..<10 {
            let frame = site.scene.step()
            let detections = frame.detections.map { #"{"class":"\#($0.objectClass.rawValue)","score":\#($0.score),"box":[\#($0.box.left),\#($0.box.top),\#($0.box.width),\#($0.box.height)]}"# }
            let body = #"{"frame":\#(frame.frame),"time":\#(frame.time),"detections":[\#(detections.joined(separator: ","))]}"#
            try await publisher.publish(topic: "city/cameras/cam-casino/detections", payload: Array(body.utf8), qos: .atLeastOnce)
        }
        let frigate = #"{"type":"new","after":{"id":"a1","camera":"front_door","frame_time":1796061600.5,"label":"car","score":0.9,"box":[600,400,700,460]}}"#
        try await publisher.publish(topic: "frigate/events", payload: Array(frigate.utf8), qos: .atLeastOnce)
        try await publisher.publish(topic: "city/cameras/ghost/detections", payload: Array(#"{"frame":1,"time":1796061600,"detections":[]}"#.utf8), qos: .atLeastOnce)
        try await publisher.publish(topic: "frigate/events", payload: Array("\u{1}not json".utf8), qos: .atLeastOnce)
        await publisher.shutdown()

        var frames = 0, frigateSeen = 0
        var exposition = ""
        for _ in 0..<200 {
            frames = await fixture.platform.vision.status(cameraID: "cam-casino")?.framesTotal ?? 0
            frigateSeen = await fixture.platform.vision.status(cameraID: "front_door")?.framesTotal ?? 0
            exposition = String(decoding: fixture.platform.metrics.exposition(), as: UTF8.self)
            if frames == 10, frigateSeen == 1, exposition.contains(#"reason="unknown_camera"} 1"#), exposition.contains(#"reason="malformed"} 1"#) { break }
            try await Task.sleep(for: .milliseconds(25))
        }
        #expect(frames == 10)
        #expect(frigateSeen == 1)
        #expect(await fixture.platform.vision.status(cameraID: "front_door")?.objectsInView == ["car": 1])
        #expect(exposition.contains(#"safecity_camera_frames_rejected_total{reason="unknown_camera"} 1"#))
        #expect(exposition.contains(#"safecity_camera_frames_rejected_total{reason="malformed"} 1"#))
        await fixture.close()
    }
}
