import Foundation
import Hummingbird
import SafeCityCore
import Vision

/// `/v1/cameras`: the camera registry, detection intake (SafeCity frames or Frigate events) and the live view.
///
/// Admins register cameras with their calibration, zones and lines; edge devices (sensor-role keys)
/// post detections; staff see the cameras and their counts; only the desk and analysts see tracks.
enum CameraRoutes {
    static func register(in catalog: RouteCatalog, platform: Platform) {
        let vision = platform.vision
        catalog.secured(.post, "/v1/cameras", action: .camerasManage) { request, context in
            var request = request
            let identity = try context.requireIdentity()
            let camera: CameraConfiguration
            do { camera = try await request.decodeJSON(CameraConfiguration.self, context: context) } catch let error as VisionError {
                throw invalid(error)
            }
            do {
                let record = try await vision.register(camera, actor: identity.actorName)
                return try .json(encoding: Registered(camera: camera, sequence: record.sequence), status: .created)
            } catch let error as VisionError {
                throw invalid(error)
            }
        }

        catalog.secured(.get, "/v1/cameras", action: .camerasRead) { _, _ in
            try .json(encoding: ["cameras": await vision.configurations()])
        }

        catalog.secured(.get, "/v1/cameras/{id}", action: .camerasRead) { _, context in
            let id = try context.parameters.require("id")
            guard let camera = await vision.configuration(id: id) else { throw notFound(id) }
            return try .json(encoding: camera)
        }

        catalog.secured(.delete, "/v1/cameras/{id}", action: .camerasManage) { _, context in
            let identity = try context.requireIdentity()
            let id = try context.parameters.require("id")
            guard try await vision.retire(cameraID: id, actor: identity.actorName) != nil else { throw notFound(id) }
            return Response(status: .noContent)
        }

        catalog.secured(.get, "/v1/cameras/{id}/status", action: .tracksRead) { _, context in
            let id = try context.parameters.require("id")
            guard let status = await vision.status(cameraID: id) else { throw notFound(id) }
            return try .json(encoding: status)
        }

        // Counts and occupancy without the tracks, for every staff role (the dashboard's camera panel).
        catalog.secured(.get, "/v1/camera-counts", action: .camerasRead) { _, _ in
            let statuses = await vision.statuses().map { status in
                var counts = status
                counts.trails = []
                return counts
            }
            return try .json(encoding: ["cameras": statuses])
        }

        catalog.secured(.post, "/v1/cameras/{id}/detections", action: .detectionsWrite) { request, context in
            var request = request
            let identity = try context.requireIdentity()
            let id = try context.parameters.require("id")
            let body = try await collect(&request, context: context)
            let isNDJSON = request.headers[.contentType].map { $0.hasPrefix("application/x-ndjson") || $0.hasPrefix("application/ndjson") } ?? false
            let parsed: (frames: [DetectionFrame], rejected: [DetectionFrameBatch.Rejection])
            do { parsed = try DetectionFrameBatch.parse(body, ndjson: isNDJSON) } catch {
                platform.metrics.recordFramesRejected(reason: "malformed", count: 1)
                throw SafeCityError.badRequest("\(error)")
            }
            var report: VisionIngestReport
            do { report = try await vision.ingest(cameraID: id, frames: parsed.frames, actor: identity.actorName) } catch let error as VisionError {
                platform.metrics.recordFramesRejected(reason: "unknown_camera", count: parsed.frames.count)
                throw SafeCityError(.notFound, title: "Unknown camera", detail: error.description, field: "id")
            }
            // Report positions in the request, not in the list of frames that parsed.
            let parsedIndices = (0..<(parsed.frames.count + parsed.rejected.count)).filter { index in !parsed.rejected.contains { $0.index == index } }
            report.rejected = report.rejected.map { .init(index: parsedIndices[$0.index], reason: $0.reason) }
                + parsed.rejected.map { .init(index: $0.index, reason: $0.reason) }
            report.rejected.sort { $0.index < $1.index }
            platform.metrics.record(report)
            let status: HTTPResponse.Status = report.framesAccepted == 0 && !report.rejected.isEmpty ? .unprocessableContent : .ok
            return try .json(encoding: report, status: status)
        }

        // A plain GET of the WebSocket path means the client did not ask for an upgrade.
        catalog.secured(.get, "/v1/cameras/{id}/detections/ws", action: .detectionsWrite) { _, context in
            let id = try context.parameters.require("id")
            guard await vision.configuration(id: id) != nil else { throw notFound(id) }
            throw SafeCityError(.upgradeRequired, title: "WebSocket upgrade required",
                                detail: "open this path as a WebSocket (Upgrade: websocket) and send detection frames as text messages")
        }

        catalog.secured(.post, "/v1/cameras/frigate", action: .detectionsWrite) { request, context in
            var request = request
            let identity = try context.requireIdentity()
            let event: FrigateEvent
            do { event = try FrigateEvent.parse(try await collect(&request, context: context)) } catch let error as VisionError {
                platform.metrics.recordFramesRejected(reason: "malformed", count: 1)
                throw SafeCityError.badRequest(error.description)
            }
            do {
                let report = try await vision.ingest(frigate: event, actor: identity.actorName)
                platform.metrics.record(report)
                return try .json(encoding: report, status: report.rejected.isEmpty ? .ok : .unprocessableContent)
            } catch let error as VisionError {
                platform.metrics.recordFramesRejected(reason: "unknown_camera", count: 1)
                throw SafeCityError(.notFound, title: "Unknown camera", detail: "\(error.description); Frigate camera names must be registered camera ids",
                                    field: "after.camera")
            }
        }
    }

    private static func collect(_ request: inout Request, context: AppRequestContext) async throws -> Data {
        let buffer: ByteBuffer
        do { buffer = try await request.collectBody(upTo: context.maxUploadSize) } catch {
            throw SafeCityError.tooLarge(limit: context.maxUploadSize)
        }
        guard buffer.readableBytes > 0 else { throw SafeCityError.badRequest("the request body is empty; send JSON") }
        return Data(buffer.readableBytesView)
    }

    static func invalid(_ error: VisionError) -> SafeCityError {
        SafeCityError(.unprocessableContent, title: "Invalid camera", detail: error.description)
    }

    static func notFound(_ id: String) -> SafeCityError {
        SafeCityError(.notFound, title: "Unknown camera", detail: "no camera \"\(id)\" is registered", field: "id")
    }

    struct Registered: Encodable {
        var camera: CameraConfiguration
        var sequence: Int64
    }
}
