import Geo
import SafeCityCore
import Testing
@testable import Community

@Suite struct RequestQueryTests {
    static let day: Int64 = 86_400_000
    /// 2010-05-24T00:00:00Z, the spec's sample start_date (1274659200 from Python calendar.timegm).
    static let may24 = Timestamp(millisecondsSince1970: 1_274_659_200_000)

    static func request(_ id: String, _ code: String = "street-light", daysAfterMay24 days: Int64, closed: Bool = false) -> ServiceRequest {
        let at = may24.adding(milliseconds: days * day)
        var request = ServiceRequest(id: id, submission: ServiceRequestSubmission(serviceCode: code, location: SubmissionLocation(addressID: "A")),
                                     service: ServiceCatalog.safeCity.service(code)!, receivedAt: at)
        if closed { try! request.move(to: .closed, publicNote: "done", at: at) }
        return request
    }

    static let requests = [
        request("1", daysAfterMay24: 0),
        request("2", "graffiti", daysAfterMay24: 10, closed: true),
        request("3", daysAfterMay24: 31),
        request("4", "noise", daysAfterMay24: -1),
        request("5", daysAfterMay24: 100, closed: true),
    ]

    @Test func theSpecsSampleQuery() throws {
        // From the spec's sample URL: start_date=2010-05-24T00:00:00Z&end_date=2010-06-24T00:00:00Z&status=open
        let query = try RequestQuery.parse(queryString: "start_date=2010-05-24T00:00:00Z&end_date=2010-06-24T00:00:00Z&status=open&jurisdiction_id=city.gov")
        #expect(query.startDate == Self.may24)
        #expect(query.endDate == Self.may24.adding(milliseconds: 31 * Self.day))
        let found = query.apply(to: Self.requests, now: Self.may24.adding(milliseconds: 200 * Self.day))
        #expect(found.map(\.id) == ["3", "1"], "open, in range (end inclusive), newest first")
    }

    @Test func datesWithOffsetsAreInstants() throws {
        // 2010-05-23T20:00:00-04:00 is 2010-05-24T00:00:00Z.
        let query = try RequestQuery.parse(queryString: "start_date=2010-05-23T20:00:00-04:00&end_date=2010-05-24T02:00:00%2B02:00")
        #expect(query.apply(to: Self.requests, now: Self.may24).map(\.id) == ["1"])
    }

    @Test func commaListsAndRepeats() throws {
        let query = try RequestQuery.parse(queryString: "service_code=graffiti,noise&status=open&status=closed")
        let now = Self.may24.adding(milliseconds: 20 * Self.day)
        #expect(query.apply(to: Self.requests, now: now).map(\.id) == ["2", "4"])
        let both = try RequestQuery.parse(queryString: "service_code=graffiti&service_code=noise")
        #expect(both.serviceCodes == ["graffiti", "noise"])
    }

    @Test func requestIDsOverrideEverythingElse() throws {
        let query = try RequestQuery.parse(queryString: "service_request_id=5,1,nope,1&status=open&service_code=noise&start_date=2000-01-01T00:00:00Z&end_date=2000-01-02T00:00:00Z")
        #expect(query.apply(to: Self.requests, now: Self.may24).map(\.id) == ["5", "1"])
    }

    @Test func defaultsToTheLast90Days() throws {
        let query = try RequestQuery.parse(queryString: "")
        let now = Self.may24.adding(milliseconds: 100 * Self.day)
        // Day 10 is exactly 90 days before now (inclusive); day 0 and day -1 are older.
        #expect(query.apply(to: Self.requests, now: now).map(\.id) == ["5", "3", "2"])
        let startOnly = try RequestQuery.parse(queryString: "start_date=2010-05-24T00:00:00Z")
        #expect(startOnly.window(now: now) == Self.may24...Self.may24.adding(milliseconds: 90 * Self.day))
        let endOnly = try RequestQuery.parse(queryString: "end_date=2010-05-24T00:00:00Z")
        #expect(endOnly.window(now: now) == Self.may24.adding(milliseconds: -90 * Self.day)...Self.may24)
    }

    @Test func atMost1000Results() {
        let many = (0..<1500).map { Self.request(String($0), daysAfterMay24: Int64($0 % 50)) }
        let found = RequestQuery().apply(to: many, now: Self.may24.adding(milliseconds: 60 * Self.day))
        #expect(found.count == 1000)
        #expect(found.first!.requestedAt >= found.last!.requestedAt)
    }

    @Test func badArguments() {
        #expect(throws: CommunityError.invalidField(field: "status", reason: "must be open or closed, got \"pending\"")) {
            try RequestQuery.parse(queryString: "status=open,pending")
        }
        #expect(throws: CommunityError.self) { try RequestQuery.parse(queryString: "start_date=2010-05-24") }
        #expect(throws: CommunityError.self) { try RequestQuery.parse(queryString: "start_date=2010-05-24T00:00:00") }
        #expect(throws: CommunityError.invalidField(field: "end_date", reason: "is before start_date")) {
            try RequestQuery.parse(queryString: "start_date=2010-05-24T00:00:00Z&end_date=2010-05-23T00:00:00Z")
        }
        #expect(throws: CommunityError.invalidField(field: "end_date", reason: "the range from start_date may span at most 90 days")) {
            try RequestQuery.parse(queryString: "start_date=2010-01-01T00:00:00Z&end_date=2010-04-02T00:00:00Z")
        }
        #expect((try? RequestQuery.parse(queryString: "start_date=2010-01-01T00:00:00Z&end_date=2010-04-01T00:00:00Z")) != nil, "exactly 90 days is allowed")
        #expect(throws: CommunityError.self) { try RequestQuery.parse(queryString: "start_date=2010-01-01T00:00:00Z&start_date=2010-01-02T00:00:00Z") }
        // Empty means absent.
        #expect((try? RequestQuery.parse(queryString: "status=&start_date=&service_code=")) == RequestQuery())
    }
}
