import Foundation
import Geo
import SafeCityCore
import Testing
@testable import Community

/// Every writer's output, parsed back, against the spec's own examples and the Swagger draft's definitions.
@Suite struct GeoReportFormatTests {
    static let yaml = try! GeoReportSpec.yamlDefinitions()

    /// A request with every public field filled, plus private contact details that must never appear.
    static func fullRequest() -> ServiceRequest {
        let submission = ServiceRequestSubmission(
            serviceCode: "road-hazard",
            location: SubmissionLocation(point: GeoPoint(latitude: 37.762221815, longitude: -122.4651145), addressString: "8TH AVE and JUDAH ST", addressID: "545483"),
            attributes: [SubmittedAttribute(code: "HAZARD_KIND", answer: .choice("debris"))],
            description: "Ladder in the left lane & a <small> box",
            mediaURL: "http://city.gov.s3.amazonaws.com/requests/media/638344.jpg",
            contact: ReporterContact(email: "private.person@example.org", firstName: "Privatus", phone: "+1 555 0100"))
        var request = ServiceRequest.open(
            id: "638344", submission: submission, service: ServiceCatalog.safeCity.service("road-hazard")!,
            at: Timestamp(millisecondsSince1970: 1_271_255_858_000)).request
        request.zipcode = "94122"
        try! request.move(to: .closed, publicNote: "Duplicate request.", at: Timestamp(millisecondsSince1970: 1_271_259_458_000))
        return request
    }

    // MARK: JSON shapes

    /// Our object has the spec example's keys, and each value has the type the YAML gives (ids as strings).
    func expectShape(_ ours: JSONValue, like spec: JSONValue, definition name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        guard case let .object(ourFields) = ours, case let .object(specFields) = spec else {
            Issue.record("expected objects, got \(ours.kindName) and \(spec.kindName)", sourceLocation: sourceLocation)
            return
        }
        #expect(Set(ourFields.keys) == Set(specFields.keys), "keys of \(name)", sourceLocation: sourceLocation)
        let definition = Self.yaml[name]!
        for required in definition.required {
            #expect(ourFields[required] != nil && ourFields[required] != .null, "\(name).\(required) is required", sourceLocation: sourceLocation)
        }
        for (key, value) in ourFields {
            guard let type = definition.types[key] else {
                #expect(specFields[key].map { $0 == .null || $0.kindName == value.kindName } ?? false, "\(name).\(key)", sourceLocation: sourceLocation)
                continue
            }
            let expected = switch type {
            case "string": "string"
            case "boolean": "boolean"
            case "integer", "number": "number"
            default: type
            }
            let nullAllowed = !definition.required.contains(key)
            #expect(value.kindName == expected || (nullAllowed && value == .null),
                    "\(name).\(key) is \(value.kindName), the YAML says \(type)", sourceLocation: sourceLocation)
        }
    }

    func array(_ text: String) throws -> [JSONValue] {
        guard case let .array(items) = try JSONParser.parse(Array(text.utf8)) else { throw GeoReportSpec.SpecError("not an array: \(text)") }
        return items
    }

    @Test func serviceListJSONMatchesTheSpec() throws {
        let spec = try GeoReportSpec.jsonExample("json-service-list")
        guard case let .array(specItems) = spec else { throw GeoReportSpec.SpecError("spec example is not a list") }
        let ours = try array(GeoReportFormat.json.services(ServiceCatalog.safeCity.services))
        #expect(ours.count == 8)
        for item in ours { expectShape(item, like: specItems[0], definition: "Service") }
        let codes = ours.compactMap { if case let .string(code)? = $0["service_code"] { code } else { nil } }
        #expect(codes.contains("suspicious-activity") && codes.contains("graffiti"))
        // metadata is true exactly for services that have a definition.
        for item in ours {
            guard case let .string(code)? = item["service_code"] else { continue }
            #expect(item["metadata"] == .bool(ServiceCatalog.safeCity.definition(code) != nil))
            #expect(["realtime", "batch", "blackbox"].contains(item["type"].flatMap { if case let .string(t) = $0 { t } else { nil } } ?? ""))
        }
    }

    @Test func serviceDefinitionJSONMatchesTheSpec() throws {
        let spec = try GeoReportSpec.jsonExample("json-service-definition")
        let definition = try #require(ServiceCatalog.safeCity.definition("road-hazard"))
        let ours = try JSONParser.parse(Array(GeoReportFormat.json.definition(definition).utf8))
        expectShape(ours, like: spec, definition: "ServiceDefinition")
        guard case let .array(specAttributes)? = spec["attributes"], case let .array(attributes)? = ours["attributes"] else {
            Issue.record("attributes are not lists")
            return
        }
        expectShape(attributes[0], like: specAttributes[0], definition: "ServiceAttribute")
        #expect(attributes[0]["datatype"] == .string("singlevaluelist"))
        guard case let .array(specValues)? = specAttributes[0]["values"], case let .array(values)? = attributes[0]["values"] else {
            Issue.record("values are not lists")
            return
        }
        expectShape(values[0], like: specValues[0], definition: "AttributeValue")
        #expect(values.count == 6)
    }

    @Test func requestsJSONMatchesTheSpec() throws {
        for anchor in ["json-service-requests", "json-service-request"] {
            let spec = try GeoReportSpec.jsonExample(anchor)
            guard case let .array(specItems) = spec else { throw GeoReportSpec.SpecError("\(anchor) is not a list") }
            let ours = try array(GeoReportFormat.json.requests([Self.fullRequest()], utcOffsetMinutes: -480))
            #expect(ours.count == 1, "a single request is a list of one")
            expectShape(ours[0], like: specItems[0], definition: "Request")
        }
        let ours = try array(GeoReportFormat.json.requests([Self.fullRequest()], utcOffsetMinutes: -480))[0]
        // The spec example's own values for the same request.
        #expect(ours["requested_datetime"] == .string("2010-04-14T06:37:38-08:00"))
        #expect(ours["status"] == .string("closed"))
        #expect(ours["status_notes"] == .string("Duplicate request."))
        #expect(ours["lat"] == .number(37.762221815))
        #expect(ours["long"] == .number(-122.4651145))
        #expect(ours["service_request_id"] == .string("638344"))
    }

    @Test func absentOptionalFieldsAreNull() throws {
        let submission = ServiceRequestSubmission(serviceCode: "flooding", location: SubmissionLocation(addressID: "A-1"))
        let request = ServiceRequest(id: "7", submission: submission, service: ServiceCatalog.safeCity.service("flooding")!, receivedAt: Timestamp(millisecondsSince1970: 0))
        let ours = try array(GeoReportFormat.json.requests([request]))[0]
        for key in ["status_notes", "description", "address", "zipcode", "lat", "long", "media_url"] {
            #expect(ours[key] == .null, "\(key)")
        }
        #expect(ours["status"] == .string("open"))
        #expect(ours["requested_datetime"] == .string("1970-01-01T00:00:00Z"))
    }

    @Test func postResponseJSONMatchesTheSpec() throws {
        let spec = try GeoReportSpec.jsonExample("json-service-request-post")
        guard case let .array(specItems) = spec else { throw GeoReportSpec.SpecError("not a list") }
        let receipt = SubmissionReceipt(request: Self.fullRequest(), accountID: nil)
        let ours = try array(GeoReportFormat.json.receipts([receipt]))
        expectShape(ours[0], like: specItems[0], definition: "RequestResponse")
        #expect(ours[0]["account_id"] == .null)
        // A batch service answers with a token instead of the id, never both.
        let token = try array(GeoReportFormat.json.receipts([SubmissionReceipt(handle: .token("12345"), serviceNotice: nil, accountID: "a1")]))[0]
        #expect(token["token"] == .string("12345") && token["service_request_id"] == nil)
    }

    @Test func tokenJSONMatchesTheSpec() throws {
        let spec = try GeoReportSpec.jsonExample("json-request-from-token")
        guard case let .array(specItems) = spec else { throw GeoReportSpec.SpecError("not a list") }
        let ours = try array(GeoReportFormat.json.tokens([TokenLookup(token: "12345", requestID: "638344")]))
        expectShape(ours[0], like: specItems[0], definition: "TokenResponse")
    }

    @Test func errorsJSONMatchesTheSpec() throws {
        let spec = try GeoReportSpec.jsonExample("json-errors")
        guard case let .array(specItems) = spec else { throw GeoReportSpec.SpecError("not a list") }
        let error = GeoReportError(CommunityError.forbidden("Invalid api_key received -- can't proceed with create_request."))
        let ours = try array(GeoReportFormat.json.errors([error]))
        #expect(ours == specItems, "the spec's example error, byte for byte once parsed")
        #expect(error.httpStatus == 403)
        #expect(GeoReportError(.notFound("service_code \"x\"")).httpStatus == 404)
        #expect(GeoReportError(.invalidField(field: "lat", reason: "r")).httpStatus == 400)
    }

    // MARK: XML shapes

    /// Same root, same item element, same child elements as the spec's XML example.
    func expectXMLShape(_ ours: String, like anchor: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(ours.hasPrefix("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"), sourceLocation: sourceLocation)
        let spec = try GeoReportSpec.xmlExample(anchor)
        let parsed = try SpecXMLElement.parse(ours)
        #expect(parsed.name == spec.name, sourceLocation: sourceLocation)
        #expect(parsed.childNames == spec.childNames, sourceLocation: sourceLocation)
        for child in parsed.children {
            let specChild = try #require(spec.child(child.name), sourceLocation: sourceLocation)
            #expect(child.childNames == specChild.childNames, "children of <\(child.name)>", sourceLocation: sourceLocation)
        }
    }

    @Test func xmlDocumentsMatchTheSpec() throws {
        try expectXMLShape(GeoReportFormat.xml.services(ServiceCatalog.safeCity.services), like: "xml-service-list")
        try expectXMLShape(GeoReportFormat.xml.requests([Self.fullRequest()]), like: "xml-service-request")
        try expectXMLShape(GeoReportFormat.xml.requests([Self.fullRequest(), Self.fullRequest()]), like: "xml-service-requests")
        try expectXMLShape(GeoReportFormat.xml.receipts([SubmissionReceipt(request: Self.fullRequest(), accountID: nil)]), like: "xml-service-request-post")
        try expectXMLShape(GeoReportFormat.xml.tokens([TokenLookup(token: "12345", requestID: "638344")]), like: "xml-request-from-token")
        try expectXMLShape(GeoReportFormat.xml.errors([GeoReportError(.forbidden("no key"))]), like: "xml-errors")

        // The definition nests three levels: service_definition > attributes > attribute > values > value.
        let definition = try #require(ServiceCatalog.safeCity.definition("road-hazard"))
        let ours = try SpecXMLElement.parse(GeoReportFormat.xml.definition(definition))
        let spec = try GeoReportSpec.xmlExample("xml-service-definition")
        #expect(ours.name == spec.name && ours.childNames == spec.childNames)
        let attribute = try #require(ours.child("attributes")?.children.first)
        let specAttribute = try #require(spec.child("attributes")?.children.first)
        #expect(attribute.name == specAttribute.name && attribute.childNames == specAttribute.childNames)
        let value = try #require(attribute.child("values")?.children.first)
        let specValue = try #require(specAttribute.child("values")?.children.first)
        #expect(value.name == specValue.name && value.childNames == specValue.childNames)
    }

    @Test func xmlAndJSONCarryTheSameValues() throws {
        let request = Self.fullRequest()
        let json = try array(GeoReportFormat.json.requests([request]))[0]
        let xml = try #require(SpecXMLElement.parse(GeoReportFormat.xml.requests([request])).child("request"))
        guard case let .object(fields) = json else { throw GeoReportSpec.SpecError("not an object") }
        for (key, value) in fields {
            let text = try #require(xml.child(key)).text
            switch value {
            case let .string(string): #expect(text == string, "\(key)")
            case let .number(number): #expect(Double(text) == number, "\(key)")
            case .null: #expect(text.isEmpty, "\(key)")
            default: Issue.record("unexpected \(key)")
            }
        }
    }

    @Test func xmlEscapesMarkupAndDropsWhatXMLCannotCarry() throws {
        var request = Self.fullRequest()
        request.description = "a < b && c > \"d\" 'e' \u{1}bell"
        let xml = GeoReportFormat.xml.requests([request])
        #expect(xml.contains("a &lt; b &amp;&amp; c &gt; &quot;d&quot; &apos;e&apos; \u{FFFD}bell"))
        let parsed = try SpecXMLElement.parse(xml)
        #expect(parsed.child("request")?.child("description")?.text == "a < b && c > \"d\" 'e' \u{FFFD}bell")
        let json = try array(GeoReportFormat.json.requests([request]))[0]
        #expect(json["description"] == .string("a < b && c > \"d\" 'e' \u{1}bell"))
    }

    @Test func privateContactNeverAppears() {
        let request = Self.fullRequest()
        for format in GeoReportFormat.allCases {
            let text = format.requests([request])
            #expect(!text.contains("private.person") && !text.contains("Privatus") && !text.contains("555"))
            #expect(!text.contains("HAZARD_KIND"))
        }
    }

    @Test func formatsFromPathSegments() {
        #expect(GeoReportFormat.split("services.json")! == ("services", .json))
        #expect(GeoReportFormat.split("638344.XML")! == ("638344", .xml))
        #expect(GeoReportFormat.split("road-hazard.json")! == ("road-hazard", .json))
        #expect(GeoReportFormat.split("services") == nil)
        #expect(GeoReportFormat.split(".json") == nil)
        #expect(GeoReportFormat.split("x.html") == nil)
        #expect(GeoReportFormat.json.contentType == "application/json; charset=utf-8")
        #expect(GeoReportFormat.xml.contentType == "text/xml; charset=utf-8")
    }
}
