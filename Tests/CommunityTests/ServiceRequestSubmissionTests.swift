import Geo
import SafeCityCore
import Testing
@testable import Community

@Suite struct ServiceRequestSubmissionTests {
    let catalog = ServiceCatalog.safeCity
    static let key = "k-123"

    func parse(_ body: String, jurisdictionID: String? = nil) throws(CommunityError) -> ServiceRequestSubmission {
        try ServiceRequestSubmission.parse(body: body, catalog: catalog, jurisdictionID: jurisdictionID) { $0 == Self.key }
    }

    /// Expects the body to be refused with this field named; returns the reason.
    @discardableResult
    func expectInvalid(_ body: String, field: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        do {
            _ = try parse(body)
            Issue.record("accepted \(body)", sourceLocation: sourceLocation)
        } catch let .invalidField(actual, reason) {
            #expect(actual == field, "\(reason)", sourceLocation: sourceLocation)
            return reason
        } catch {
            Issue.record("expected invalidField(\(field)), got \(error)", sourceLocation: sourceLocation)
        }
        return ""
    }

    let base = "api_key=k-123&service_code=street-light&lat=43.7384&long=7.4246"

    /// The spec's own example POST body, decoded as the spec's text describes its fields.
    @Test func decodesTheSpecsExampleRequest() throws {
        let spec = try Fixture.text("GeoReport_v2.md")
        let body = try #require(spec.split(separator: "\n").first { $0.hasPrefix("api_key=xyz&") }).description
        let service = Open311Service(
            code: "001", name: "Cans left out 24x7", description: "", group: "sanitation",
            definition: ServiceDefinition(serviceCode: "001", attributes: [
                ServiceAttribute(code: "WHISPAWN", datatype: .number, required: true, order: 1, description: "number"),
                ServiceAttribute(code: "WHISDORN", datatype: .string, required: false, order: 2, description: "string"),
            ]),
            agency: .publicWorks)
        let submission = try ServiceRequestSubmission.parse(
            body: body, catalog: ServiceCatalog(services: [service]), jurisdictionID: "city.gov") { $0 == "xyz" }
        #expect(submission.serviceCode == "001")
        #expect(submission.location.point == GeoPoint(latitude: 37.76524078, longitude: -122.4212043))
        #expect(submission.location.addressString == "1234 5th street")
        #expect(submission.contact == ReporterContact(
            email: "smit333@sfgov.edu", firstName: "john", lastName: "smith", phone: "111111111", deviceID: "tt222111", accountID: "123456"))
        #expect(submission.description == "A large sinkhole is destroying the street")
        #expect(submission.mediaURL == "http://farm3.static.flickr.com/2002/2212426634_5ed477a060.jpg")
        #expect(submission.answer("WHISPAWN") == .number(123456))
        #expect(submission.answer("WHISDORN") == .string("COISL001"))
        // And a wrong key for the same body is the spec's 403.
        #expect(throws: CommunityError.self) {
            try ServiceRequestSubmission.parse(body: body, catalog: ServiceCatalog(services: [service])) { $0 == "other" }
        }
    }

    @Test func anyOneLocationIsEnough() throws {
        #expect(try parse(base).location.point == GeoPoint(latitude: 43.7384, longitude: 7.4246))
        #expect(try parse("api_key=k-123&service_code=street-light&address_string=Place+du+Casino").location.addressString == "Place du Casino")
        #expect(try parse("api_key=k-123&service_code=street-light&address_id=A17").location.addressID == "A17")
        // Empty means absent (the spec's Optional Arguments rule).
        #expect(try parse(base + "&email=&description=").contact.email == nil)
    }

    @Test func listAttributes() throws {
        let tree = try parse("api_key=k-123&service_code=fallen-tree&lat=1&long=2&attribute[BLOCKING][]=road&attribute[BLOCKING][]=power-lines")
        #expect(tree.answer("BLOCKING") == .choices(["road", "power-lines"]))
        let single = try parse("api_key=k-123&service_code=fallen-tree&lat=1&long=2&attribute[BLOCKING]=sidewalk")
        #expect(single.answer("BLOCKING") == .choices(["sidewalk"]))
        let noise = try parse("api_key=k-123&service_code=noise&lat=1&long=2&attribute[NOISE_KIND]=music&attribute[STARTED_AT]=2026-11-25T23:10:00%2B01:00")
        #expect(noise.answer("NOISE_KIND") == .choice("music"))
        // 2026-11-25T22:10:00Z; 1795644600 from Python calendar.timegm.
        #expect(noise.answer("STARTED_AT") == .datetime(Timestamp(millisecondsSince1970: 1_795_644_600_000)))
        let car = try parse("api_key=k-123&service_code=abandoned-vehicle&address_id=9&attribute[PLATE]=AB-123&attribute[DAYS_PARKED]=12.5")
        #expect(car.attributes == [SubmittedAttribute(code: "PLATE", answer: .string("AB-123")), SubmittedAttribute(code: "DAYS_PARKED", answer: .number(12.5))])
    }

    @Test func apiKeyIsForbiddenNotInvalid() {
        #expect(throws: CommunityError.forbidden("api_key is missing -- can't proceed with create_request")) {
            try parse("service_code=street-light&lat=1&long=2")
        }
        #expect(throws: CommunityError.forbidden("Invalid api_key received -- can't proceed with create_request")) {
            try parse("api_key=wrong&service_code=street-light&lat=1&long=2")
        }
        // The key is checked first, before any other mistake.
        #expect(throws: CommunityError.forbidden("Invalid api_key received -- can't proceed with create_request")) { try parse("api_key=wrong") }
    }

    @Test func unknownServiceOrJurisdictionIsNotFound() {
        #expect(throws: CommunityError.notFound("service_code \"pothole\"")) { try parse("api_key=k-123&service_code=pothole&lat=1&long=2") }
        #expect(throws: CommunityError.notFound("jurisdiction_id \"other.gov\"")) {
            try parse(base + "&jurisdiction_id=other.gov", jurisdictionID: "safecity.example")
        }
        #expect((try? parse(base + "&jurisdiction_id=safecity.example", jurisdictionID: "safecity.example")) != nil)
    }

    @Test func everyFieldError() {
        expectInvalid("api_key=k-123&lat=1&long=2", field: "service_code")
        expectInvalid("api_key=k-123&service_code=street-light", field: "lat")
        expectInvalid("api_key=k-123&service_code=street-light&lat=1", field: "long")
        expectInvalid("api_key=k-123&service_code=street-light&long=1", field: "lat")
        expectInvalid("api_key=k-123&service_code=street-light&lat=abc&long=1", field: "lat")
        expectInvalid("api_key=k-123&service_code=street-light&lat=1e3&long=1", field: "lat")
        expectInvalid("api_key=k-123&service_code=street-light&lat=nan&long=1", field: "lat")
        expectInvalid("api_key=k-123&service_code=street-light&lat=1-2&long=1", field: "lat")
        expectInvalid("api_key=k-123&service_code=street-light&lat=90.5&long=1", field: "lat")
        expectInvalid("api_key=k-123&service_code=street-light&lat=1&long=-180.01", field: "long")
        expectInvalid(base + "&lat=2", field: "lat")  // sent twice
        expectInvalid(base + "&email=not-an-address", field: "email")
        expectInvalid(base + "&email=a@b", field: "email")
        expectInvalid(base + "&email=a%20b@example.org", field: "email")
        expectInvalid(base + "&phone=call+me", field: "phone")
        expectInvalid(base + "&phone=12", field: "phone")
        expectInvalid(base + "&first_name=a%0Ab", field: "first_name")
        expectInvalid(base + "&media_url=ftp://example.org/a.jpg", field: "media_url")
        expectInvalid(base + "&media_url=javascript:alert(1)", field: "media_url")
        expectInvalid(base + "&media_url=https:///a.jpg", field: "media_url")
        expectInvalid(base + "&media_url=https://user:pw@example.org/a.jpg", field: "media_url")
        expectInvalid(base + "&media_url=https://exa%20mple.org/a.jpg", field: "media_url")
        expectInvalid(base + "&media_url=https://example.org:99999/a.jpg", field: "media_url")
        expectInvalid(base + "&description=" + String(repeating: "x", count: 4001), field: "description")
        expectInvalid(base + "&description=see+%3Cscript%3Ealert(1)%3C/script%3E", field: "description")
        expectInvalid(base + "&description=bell%07", field: "description")
        expectInvalid(base + "&attribute[X]=1", field: "attribute[X]")  // street-light has no attributes
        expectInvalid(base + "&attribute[=1", field: "attribute[")
        expectInvalid(base + "&attribute[]=1", field: "attribute[]")
    }

    @Test func limitsAreAtTheBoundary() throws {
        #expect(try parse(base + "&description=" + String(repeating: "é", count: 4000)).description?.count == 4000)
        #expect(try parse(base + "&description=line+one%0D%0Aline+two+%3C3").description == "line one\r\nline two <3")
        #expect(try parse(base + "&media_url=https://[2001:db8::1]:8443/p.jpg").mediaURL == "https://[2001:db8::1]:8443/p.jpg")
        #expect(try parse(base + "&phone=%2B377+(0)+98+98+80+00").contact.phone == "+377 (0) 98 98 80 00")
    }

    @Test func everyAttributeError() {
        let hazard = "api_key=k-123&service_code=road-hazard&lat=1&long=2"
        let reason = expectInvalid(hazard, field: "attribute[HAZARD_KIND]")
        #expect(reason.hasPrefix("is required"))
        expectInvalid(hazard + "&attribute[HAZARD_KIND]=", field: "attribute[HAZARD_KIND]")
        let notInList = expectInvalid(hazard + "&attribute[HAZARD_KIND]=meteor", field: "attribute[HAZARD_KIND]")
        #expect(notInList.contains("debris, pothole"))
        expectInvalid(hazard + "&attribute[HAZARD_KIND][]=debris&attribute[HAZARD_KIND][]=spill", field: "attribute[HAZARD_KIND]")
        expectInvalid(hazard + "&attribute[HAZARD_KIND]=debris&attribute[COLOUR]=red", field: "attribute[COLOUR]")
        expectInvalid("api_key=k-123&service_code=graffiti&lat=1&long=2&attribute[OFFENSIVE]=maybe", field: "attribute[OFFENSIVE]")
        expectInvalid("api_key=k-123&service_code=noise&lat=1&long=2", field: "attribute[NOISE_KIND]")
        expectInvalid("api_key=k-123&service_code=noise&lat=1&long=2&attribute[NOISE_KIND]=music&attribute[STARTED_AT]=2026-11-25T23:10:00", field: "attribute[STARTED_AT]")
        let tree = "api_key=k-123&service_code=fallen-tree&lat=1&long=2"
        expectInvalid(tree + "&attribute[BLOCKING][]=road&attribute[BLOCKING][]=river", field: "attribute[BLOCKING]")
        expectInvalid(tree + "&attribute[BLOCKING][]=road&attribute[BLOCKING][]=road", field: "attribute[BLOCKING]")
        let car = "api_key=k-123&service_code=abandoned-vehicle&lat=1&long=2"
        expectInvalid(car + "&attribute[DAYS_PARKED]=twelve", field: "attribute[DAYS_PARKED]")
        expectInvalid(car + "&attribute[PLATE]=AB%0A123", field: "attribute[PLATE]")
        let suspicious = "api_key=k-123&service_code=suspicious-activity&lat=1&long=2&attribute[ONGOING]=no"
        #expect((try? parse(suspicious)) != nil)
        let infoOnly = expectInvalid(suspicious + "&attribute[EMERGENCY]=yes", field: "attribute[EMERGENCY]")
        #expect(infoOnly.contains("information only"))
    }

    @Test func fieldErrorsReadWell() {
        #expect(CommunityError.invalidField(field: "lat", reason: "must be between -90 and 90 (WGS 84 degrees), got 91").description
            == "lat: must be between -90 and 90 (WGS 84 degrees), got 91")
        let reason = expectInvalid("api_key=k-123&service_code=street-light", field: "lat")
        #expect(reason == "a location is required: lat and long, address_string, or address_id")
    }
}
