import SafeCityCore
import Testing

@Suite struct EventSchemaTests {
    let schema = EventSchema(type: "t", fields: [
        .init("name", .string(maxLength: 5)), .init("level", .integer(range: 1...5)),
        .init("ratio", .number(range: 0...1), required: false), .init("kind", .oneOf(["a", "b"]), required: false),
    ], submitters: [.admin])

    @Test func acceptsAValidPayload() throws {
        try schema.validate(.object(["name": .string("ok"), "level": .number(3), "ratio": .number(0.5), "kind": .string("a")]))
    }

    @Test(arguments: [
        (JSONValue.object(["level": .number(1)]), "payload.name"),
        (.object(["name": .number(1), "level": .number(1)]), "payload.name"),
        (.object(["name": .string("toolong"), "level": .number(1)]), "payload.name"),
        (.object(["name": .string("x"), "level": .number(1.5)]), "payload.level"),
        (.object(["name": .string("x"), "level": .number(9)]), "payload.level"),
        (.object(["name": .string("x"), "level": .number(1), "ratio": .number(2)]), "payload.ratio"),
        (.object(["name": .string("x"), "level": .number(1), "kind": .string("c")]), "payload.kind"),
        (.array([]), "payload"),
    ])
    func namesTheFieldAtFault(payload: JSONValue, field: String) {
        #expect(throws: ValidationError.self) { try schema.validate(payload) }
        do { try schema.validate(payload) } catch { #expect(error.field == field) }
    }
}
