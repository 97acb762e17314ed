import Foundation

/// One message of Frigate's `frigate/events` MQTT topic (or its HTTP events API): an object that
/// Frigate's own tracker follows, as it was when the message was sent.
///
/// Only what SafeCity needs is read. Frigate's `sub_label`, which Frigate can fill from face or
/// licence-plate recognition, is never read, so no identity can enter SafeCity this way.
public struct FrigateEvent: Sendable, Equatable {
    /// `new`, `update` or `end`.
    public var kind: Kind
    /// Frigate's camera name.
    public var camera: String
    /// Frigate's id of the tracked object; the pipeline replaces it with its own number.
    public var objectKey: String
    /// Frame time in seconds since 1970.
    public var frameTime: Double
    /// Object class.
    public var objectClass: ObjectClass
    /// Current score.
    public var score: Double
    /// Box in pixels.
    public var box: PixelBox
    /// Whether Frigate considers the object stationary.
    public var stationary: Bool

    /// The message kinds Frigate sends.
    public enum Kind: String, Sendable, Equatable { case new, update, end }

    /// Reads one message; the `after` state is the one that counts.
    public static func parse(_ data: Data) throws(VisionError) -> FrigateEvent {
        let message: Message
        do {
            message = try JSONDecoder().decode(Message.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw .invalidConfiguration("Frigate event: missing '\((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))'")
        } catch let DecodingError.typeMismatch(_, context) {
            throw .invalidConfiguration("Frigate event: wrong type at '\(context.codingPath.map(\.stringValue).joined(separator: "."))'")
        } catch {
            throw .invalidConfiguration("Frigate event: not a JSON object of the events topic")
        }
        guard let kind = Kind(rawValue: message.type) else {
            throw .invalidConfiguration("Frigate event: type '\(message.type)' is not new, update or end")
        }
        let after = message.after
        guard after.box.count == 4 else { throw .invalidConfiguration("Frigate event: box must be [x1, y1, x2, y2]") }
        guard after.frame_time.isFinite, after.frame_time > 0 else { throw .invalidConfiguration("Frigate event: frame_time must be a positive number") }
        guard after.score.isFinite, (0...1).contains(after.score) else { throw .invalidConfiguration("Frigate event: score must lie in 0…1") }
        let box = try PixelBox.validated(left: after.box[0], top: after.box[1], width: after.box[2] - after.box[0], height: after.box[3] - after.box[1])
        return FrigateEvent(kind: kind, camera: after.camera, objectKey: after.id, frameTime: after.frame_time,
                            objectClass: ObjectClass(label: after.label), score: after.score, box: box, stationary: after.stationary ?? false)
    }

    private struct Message: Decodable {
        var type: String
        var after: State
    }

    private struct State: Decodable {
        var id: String
        var camera: String
        var frame_time: Double
        var label: String
        var score: Double
        var box: [Double]
        var stationary: Bool?
    }
}
