import NIOCore
import SafeCityCore

/// Request bodies for `POST /v1/events`, built once before a load so that building them is not measured.
enum EventBodies {
    /// The first `count` events of `sample` in batches of `batch`, each batch one `{"events":[…]}` body; without
    /// `ids` the server gives each event a new id, so that a body can be sent again and again (the soak test).
    static func json(_ sample: [NewEvent], count: Int, batch: Int, ids: Bool = true) -> [ByteBuffer] {
        stride(from: 0, to: count, by: batch).map { offset in
            var out: [UInt8] = Array(#"{"events":["#.utf8)
            for (i, event) in sample[offset..<min(count, offset + batch)].enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                if ids {
                    out.append(contentsOf: #"{"id":""#.utf8)
                    out.append(contentsOf: event.id.description.utf8)
                    out.append(contentsOf: #"","#.utf8)
                } else {
                    out.append(UInt8(ascii: "{"))
                }
                out.append(contentsOf: #""type":"sensor.observation","source":"#.utf8)
                JSONValue.writeString(event.source, into: &out)
                out.append(contentsOf: #","occurredAt":""#.utf8)
                out.append(contentsOf: event.occurredAt.description.utf8)
                out.append(contentsOf: #"","location":{"latitude":\#(event.location!.latitude),"longitude":\#(event.location!.longitude)},"payload":"#.utf8)
                out.append(contentsOf: event.payload.bytes)
                out.append(UInt8(ascii: "}"))
            }
            out.append(contentsOf: "]}".utf8)
            return ByteBuffer(bytes: out)
        }
    }
}
