import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import HummingbirdWSClient
import Logging
import SafeCityCore
import SafeCityServer
import Testing
import Vision

/// The demo's first camera, as a registration body and a scene that produces its frames.
private func demoSite(id: String = "cam-casino") throws -> DemoCameras.Site {
    var site = try DemoCameras.sites(start: 1_796_061_600, seed: 42)[0]
    site.configuration.id = id
    return site
}

private func json(_ value: some Encodable) throws -> String { String(decoding: try JSONEncoder().encode(value), as: UTF8.self) }

/// Frames as the detections endpoint takes them.
private func framesBody(_ frames: [DetectionFrame]) -> String {
    let items = frames.map { frame in
        let detections = frame.detections.map { d in
            #"{"class":"\#(d.objectClass.rawValue)","score":\#(d.score),"box":[\#(d.box.left),\#(d.box.top),\#(d.box.width),\#(d.box.height)]}"#
        }.joined(separator: ",")
        return #"{"frame":\#(frame.frame),"time":\#(frame.time),"detections":[\#(detections)]}"#
    }
    return #"{"frames":[\#(items.joined(separator: ","))]}"#
}

@Suite struct CameraRoutesTests {
    @Test func adminsRegisterStaffListAndTheRestAreRefused() async throws {
        let fixture = try await ServerFixture()
        let body = try json(try demoSite().configuration)
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/v1/cameras", method: .post, headers: fixture.headers(.admin), body: buffer(body)) { response in
                #expect(response.status == .created)
            }
            try await client.execute(uri: "/v1/cameras", method: .post, headers: fixture.headers(.dispatcher), body: buffer(body)) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/v1/cameras", method: .get, headers: fixture.headers(.analyst)) { response in
                #expect((response.json["cameras"] as? [[String: Any]])?.map { $0["id"] as? String } == ["cam-casino"])
            }
            try await client.execute(uri: "/v1/cameras", method: .get, headers: fixture.headers(.public)) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/v1/cameras", method: .get) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "/v1/cameras/cam-casino", method: .delete, headers: fixture.headers(.admin)) { response in
                #expect(response.status == .noContent)
            }
            try await client.execute(uri: "/v1/cameras/cam-casino", method: .get, headers: fixture.headers(.admin)) { response in
                #expect(response.status == .notFound)
            }
        }
        await fixture.close()
    }

    @Test func badSetUpsAreRefusedWithTheReason() async throws {
        let fixture = try await ServerFixture()
        var threePoints = try demoSite().configuration
        threePoints.calibration.removeLast(2)
        var noOutline = try demoSite().configuration
        noOutline.zones[0].polygon = nil
        let cases: [(String, HTTPResponse.Status, String)] = [
            (try json(threePoints), .unprocessableContent, "calibration needs at least 4"),
            (try json(noOutline), .unprocessableContent, "zone 'entrance' needs a polygon"),
            (try json(try demoSite().configuration).replacingOccurrences(of: #""dwellSeconds":90"#, with: #""dwellSeconds":-5"#),
             .unprocessableContent, "dwellSeconds"),
            ("{not json", .badRequest, "not valid JSON"),
        ]
        try await fixture.app.test(.router) { client in
            for (body, status, reason) in cases {
                try await client.execute(uri: "/v1/cameras", method: .post, headers: fixture.headers(.admin), body: buffer(body)) { response in
                    #expect(response.status == status, "\(reason)")
                    #expect(response.headers[.contentType] == "application/problem+json")
                    #expect((response.json["detail"] as? String)?.contains(reason) == true, "\(response.json)")
                }
            }
        }
        #expect(await fixture.platform.vision.configurations().isEmpty)
        await fixture.close()
    }

    @Test func detectionsBecomeSignalsOnTheBoardAndTracksStayInMemory() async throws {
        let fixture = try await ServerFixture()
        let site = try demoSite()
        var scene = site.scene
        // 150 s of scene: the first loiterer arrives at 20 s and dwells past the 90 s limit.
        let batches = (0..<15).map { _ in (0..<50).map { _ in scene.step() } }
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/v1/cameras", method: .post, headers: fixture.headers(.admin), body: buffer(try json(site.configuration))) { response in
                #expect(response.status == .created)
            }
            var accepted = 0
            for frames in batches {
                try await client.execute(uri: "/v1/cameras/cam-casino/detections", method: .post, headers: fixture.headers(.sensor),
                                         body: buffer(framesBody(frames))) { response in
                    #expect(response.status == .ok)
                    accepted += response.json["framesAccepted"] as? Int ?? 0
                }
            }
            #expect(accepted == 750)
            var loiteringSequence = 0
            try await client.execute(uri: "/v1/signals", method: .get, headers: fixture.headers(.dispatcher)) { response in
                let signals = response.json["signals"] as? [[String: Any]] ?? []
                let loitering = signals.first { $0["behaviour"] as? String == "loitering" }
                #expect(loitering?["subject"] as? String == "cam-casino")
                #expect((loitering?["threatScore"] as? Double ?? 0) > 0)
                #expect((loitering?["summary"] as? String)?.contains("entrance") == true)
                loiteringSequence = loitering?["sequence"] as? Int ?? 0
            }
            // A person confirms: the signal becomes an incident where it was seen, and is acknowledged.
            try await client.execute(uri: "/v1/signals/\(loiteringSequence)/incident", method: .post, headers: fixture.headers(.analyst), body: buffer("{}")) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/v1/signals/\(loiteringSequence)/incident", method: .post, headers: fixture.headers(.dispatcher),
                                     body: buffer(#"{"priority":3}"#)) { response in
                #expect(response.status == .created)
                #expect(response.json["typeCode"] as? String == "LAW-DISTURBANCE")
                #expect(response.json["priority"] as? Int == 3)
                #expect((response.json["summary"] as? String)?.contains("From signal #\(loiteringSequence)") == true)
            }
            try await client.execute(uri: "/v1/signals/\(loiteringSequence)/incident", method: .post, headers: fixture.headers(.dispatcher), body: buffer("{}")) { response in
                #expect(response.status == .conflict)
            }
            // The desk sees the tracks; a health officer sees the counts only.
            try await client.execute(uri: "/v1/cameras/cam-casino/status", method: .get, headers: fixture.headers(.dispatcher)) { response in
                #expect(response.status == .ok)
                #expect(!(response.json["trails"] as? [Any] ?? []).isEmpty)
                #expect(response.json["framesTotal"] as? Int == 750)
            }
            try await client.execute(uri: "/v1/cameras/cam-casino/status", method: .get, headers: fixture.headers(.healthOfficer)) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/v1/camera-counts", method: .get, headers: fixture.headers(.healthOfficer)) { response in
                let cameras = response.json["cameras"] as? [[String: Any]] ?? []
                #expect(cameras.count == 1)
                #expect((cameras.first?["trails"] as? [Any])?.isEmpty == true)
                let crossings = cameras.first?["crossings"] as? [String: [String: Int]]
                #expect(crossings?["crossing"] != nil)
            }
        }
        // Behaviour signals are in the log with their evidence; detections are not.
        let records = try await fixture.platform.log.read(after: 0, limit: 10_000, types: [VisionEvents.signal]).records
        #expect(!records.isEmpty)
        let first = try records[0].event.payload.decode(VisionEvents.SignalPayload.self)
        #expect(!first.evidence.isEmpty && first.evidence.count <= 24)
        #expect(first.threatTerms.reduce(0) { $0 + $1.value } == first.threatScore)
        await fixture.close()
    }

    @Test func badFramesAreRefusedAloneAndCounted() async throws {
        let fixture = try await ServerFixture()
        var site = try demoSite()
        try await fixture.platform.vision.register(site.configuration, actor: "test")
        let frames = (0..<5).map { _ in site.scene.step() }
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/v1/cameras/cam-casino/detections", method: .post, headers: fixture.headers(.sensor),
                                     body: buffer(framesBody(Array(frames[2...])))) { response in
                #expect(response.json["framesAccepted"] as? Int == 3)
            }
            // Frames 1 and 2 are older than what the camera already sent; frame 3 of this body has a box of negative width.
            let late = framesBody(Array(frames[..<2]))
            let bad = #"{"frames":[{"frame":99,"time":1796061700,"detections":[]},{"frame":100,"time":1796061701,"detections":[{"score":0.8,"box":[1,1,-4,9]}]}]}"#
            for (body, expected) in [(late, [0, 1]), (bad, [1])] {
                try await client.execute(uri: "/v1/cameras/cam-casino/detections", method: .post, headers: fixture.headers(.sensor), body: buffer(body)) { response in
                    let rejected = response.json["rejected"] as? [[String: Any]] ?? []
                    #expect(rejected.map { $0["index"] as? Int } == expected)
                }
            }
            try await client.execute(uri: "/v1/cameras/nowhere/detections", method: .post, headers: fixture.headers(.sensor), body: buffer(late)) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "application/problem+json")
            }
            try await client.execute(uri: "/v1/cameras/cam-casino/detections", method: .post, headers: fixture.headers(.sensor), body: buffer("[1,")) { response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(uri: "/v1/cameras/cam-casino/detections", method: .post, headers: fixture.headers(.dispatcher), body: buffer(late)) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/metrics", method: .get, headers: fixture.headers(.admin, json: false)) { response in
                let text = String(buffer: response.body)
                #expect(text.contains(#"safecity_camera_frames_rejected_total{reason="out_of_order"} 2"#))
                #expect(text.contains(#"safecity_camera_frames_rejected_total{reason="invalid_box"} 1"#))
                #expect(text.contains("safecity_camera_frames_accepted_total 4"))
            }
        }
        await fixture.close()
    }

    @Test func frigateEventsFeedTheCameraNamedInThem() async throws {
        let fixture = try await ServerFixture()
        try await fixture.platform.vision.register(try demoSite(id: "front_door").configuration, actor: "test")
        @Sendable func message(_ camera: String, time: Double, x: Double) -> String {
            #"{"type":"update","after":{"id":"1607123955.475377-mxklsc","camera":"\#(camera)","frame_time":\#(time),"label":"person","sub_label":["Jane Doe",0.9],"score":0.8,"box":[\#(x),300,\#(x + 40),420],"stationary":false}}"#
        }
        try await fixture.app.test(.router) { client in
            for step in 0..<5 {
                try await client.execute(uri: "/v1/cameras/frigate", method: .post, headers: fixture.headers(.sensor),
                                         body: buffer(message("front_door", time: 1_796_061_600 + Double(step), x: 600 + Double(step) * 5))) { response in
                    #expect(response.status == .ok)
                }
            }
            try await client.execute(uri: "/v1/cameras/frigate", method: .post, headers: fixture.headers(.sensor), body: buffer(message("garage", time: 1_796_061_610, x: 1))) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/v1/cameras/frigate", method: .post, headers: fixture.headers(.sensor), body: buffer(#"{"type":"new"}"#)) { response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(uri: "/v1/cameras/front_door/status", method: .get, headers: fixture.headers(.admin)) { response in
                #expect(response.json["objectsInView"] as? [String: Int] == ["person": 1])
                #expect(!String(buffer: response.body).contains("Jane"))
            }
        }
        await fixture.close()
    }

    @Test func camerasSurviveARestart() async throws {
        let fixture = try await ServerFixture()
        try await fixture.platform.vision.register(try demoSite().configuration, actor: "test")
        try await fixture.platform.vision.register(try demoSite(id: "cam-2").configuration, actor: "test")
        _ = try await fixture.platform.vision.retire(cameraID: "cam-2", actor: "test")
        await fixture.platform.shutdown()
        let reopened = try await Platform(databasePath: fixture.directory.path("server.sqlite"))
        #expect(await reopened.vision.configurations().map(\.id) == ["cam-casino"])
        await reopened.shutdown()
        fixture.directory.remove()
    }
}

@Suite struct CameraSocketTests {
    @Test func detectorsSendFramesOverAWebSocketAndGetAReportPerMessage() async throws {
        let fixture = try await ServerFixture()
        let site = try demoSite()
        try await fixture.platform.vision.register(site.configuration, actor: "test")
        var scene = site.scene
        let first = (0..<3).map { _ in scene.step() }
        let replies = Replies()
        try await fixture.app.test(.live) { client in
            var headers = HTTPFields()
            headers[.authorization] = "Bearer \(fixture.keys[.sensor]!)"
            try await WebSocketClient.connect(url: "ws://127.0.0.1:\(client.port!)/v1/cameras/cam-casino/detections/ws",
                                              configuration: .init(additionalHeaders: headers), logger: Logger(label: "test")) { inbound, outbound, _ in
                var messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                try await outbound.write(.text(framesBody(first)))
                if case let .text(text)? = try await messages.next() { replies.add(text) }
                // The same frames again are out of order now: refused one by one.
                try await outbound.write(.text(framesBody(Array(first.prefix(1)))))
                if case let .text(text)? = try await messages.next() { replies.add(text) }
                try await outbound.write(.text("{not json"))
                if case let .text(text)? = try await messages.next() { replies.add(text) }
                try await outbound.close(.normalClosure, reason: nil)
            }
        }
        let answers = replies.all.map { (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) ?? [:] }
        #expect(answers.count == 3)
        #expect(answers.first?["framesAccepted"] as? Int == 3)
        #expect((answers.dropFirst().first?["rejected"] as? [[String: Any]])?.first?["reason"] as? String == "camera cam-casino: frame 1 arrived after frame 3")
        #expect((answers.last?["error"] as? String)?.contains("not JSON") == true)
        await fixture.close()
    }

    @Test func theUpgradeNeedsAKeyWithTheRightRoleAndAKnownCamera() async throws {
        let fixture = try await ServerFixture()
        try await fixture.platform.vision.register(try demoSite().configuration, actor: "test")
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/v1/cameras/cam-casino/detections/ws", method: .get) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "/v1/cameras/cam-casino/detections/ws", method: .get, headers: fixture.headers(.dispatcher)) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/v1/cameras/cam-casino/detections/ws", method: .get, headers: fixture.headers(.sensor)) { response in
                #expect(response.status == .upgradeRequired)
            }
            try await client.execute(uri: "/v1/cameras/ghost/detections/ws", method: .get, headers: fixture.headers(.sensor)) { response in
                #expect(response.status == .notFound)
            }
        }
        await fixture.close()
    }
}

@Suite struct TrackRetentionTests {
    /// Feeds a minute of the demo scene to a camera with the given retention and returns its status.
    private func status(retention: Double) async throws -> CameraStatus {
        let fixture = try await ServerFixture()
        var site = try demoSite()
        site.configuration.trackRetentionSeconds = retention
        try await fixture.platform.vision.register(site.configuration, actor: "test")
        var scene = site.scene
        for _ in 0..<6 {
            _ = try await fixture.platform.vision.ingest(cameraID: "cam-casino", frames: (0..<50).map { _ in scene.step() }, actor: "test")
        }
        let status = try #require(await fixture.platform.vision.status(cameraID: "cam-casino"))
        await fixture.close()
        return status
    }

    @Test func trailsKeepOnlyTheRetentionWindow() async throws {
        let status = try await status(retention: 5)
        let last = try #require(status.lastFrameAt).millisecondsSince1970
        let points = status.trails.flatMap(\.points)
        #expect(!points.isEmpty)
        #expect(points.allSatisfy { Double(last) / 1_000 - $0[0] <= 5 + 1e-6 })
    }

    @Test func noRetentionKeepsNoTrailButStillCounts() async throws {
        let status = try await status(retention: 0)
        #expect(status.trails.isEmpty)
        #expect(status.framesTotal == 300)
        #expect((status.crossings["crossing"]?.forward ?? 0) + (status.crossings["crossing"]?.backward ?? 0) > 0)
    }
}
