import Hummingbird
import SafeCityCore

/// `POST /v1/events` appends a batch; `GET /v1/events` reads a range.
enum EventRoutes {
    static let maxReadLimit = 1_000

    static func register(in catalog: RouteCatalog, platform: Platform) {
        let intake = EventIntake(registry: platform.eventTypes)
        catalog.secured(.post, "/v1/events", action: .eventsAppend) { request, context in
            var request = request
            let identity = try context.requireIdentity()
            let events = try intake.accept(try await request.parseJSON(context: context), from: identity)
            let records: [EventRecord]
            do {
                records = try await platform.append(events)
            } catch let error as EventLogError {
                if case .duplicateEventID = error {
                    throw SafeCityError(.conflict, title: "Duplicate event", detail: error.description, field: "id")
                }
                throw error
            }
            let body = JSONValue.object([
                "count": .number(Double(records.count)),
                "firstSequence": .number(Double(records[0].sequence)),
                "lastSequence": .number(Double(records[records.count - 1].sequence)),
                "headHash": .string(Hex.encode(records[records.count - 1].hash)),
            ])
            return .json(body.canonicalBytes, status: .created)
        }

        catalog.secured(.get, "/v1/events", action: .eventsRead) { request, context in
            let after = try request.uri.queryParameters.integer("after", default: 0, range: 0...Int64.max)
            let limit = try request.uri.queryParameters.integer("limit", default: 100, range: 1...Int64(maxReadLimit))
            let records = try await platform.log.read(after: after, limit: Int(limit))
            // Reading the log in bulk is allowed, and watched: an export of everything is a security signal.
            await platform.noteAccess(try context.requireIdentity(), from: nil, recordsRead: records.count)
            var out: [UInt8] = Array(#"{"events":["#.utf8)
            for (index, record) in records.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                record.writeJSON(into: &out)
            }
            out.append(contentsOf: #"],"next":"#.utf8)
            out.append(contentsOf: String(records.last?.sequence ?? after).utf8)
            out.append(UInt8(ascii: "}"))
            return .json(out)
        }

        catalog.secured(.get, "/v1/event-types", action: .eventTypesRead) { _, _ in
            let types = platform.eventTypes.types.compactMap(platform.eventTypes.schema(for:)).map { schema in
                JSONValue.object([
                    "type": .string(schema.type.name), "schemaVersion": .number(Double(schema.version)),
                    "fields": .array(schema.fields.map { .object(["name": .string($0.name), "required": .bool($0.required)]) }),
                    "submitters": .array(schema.submitters.map(\.rawValue).sorted().map(JSONValue.string)),
                ])
            }
            return .json(JSONValue.object(["eventTypes": .array(types)]).canonicalBytes)
        }
    }
}

extension Parameters {
    /// An integer query parameter within a range, or a 422 problem naming it.
    func integer(_ name: String, default value: Int64, range: ClosedRange<Int64>) throws -> Int64 {
        guard let text = self.get(name) else { return value }
        guard let number = Int64(text), range.contains(number) else {
            throw SafeCityError.invalid(ValidationError(field: name, reason: "must be an integer within \(range.lowerBound)…\(range.upperBound), got \"\(text)\""))
        }
        return number
    }
}
