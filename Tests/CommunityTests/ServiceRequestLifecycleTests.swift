import Geo
import SafeCityCore
import Testing
@testable import Community

@Suite struct ServiceRequestLifecycleTests {
    static let hour: Int64 = 3_600_000
    static let t0 = Timestamp(millisecondsSince1970: 1_795_644_600_000)

    static func submission(_ code: String = "street-light", email: String? = "a@example.org", at point: GeoPoint = GeoPoint(latitude: 43.7384, longitude: 7.4246)) -> ServiceRequestSubmission {
        ServiceRequestSubmission(serviceCode: code, location: SubmissionLocation(point: point), contact: ReporterContact(email: email))
    }

    static func open(_ id: String, _ code: String = "street-light", email: String? = "a@example.org", at time: Timestamp = t0) -> (request: ServiceRequest, notifications: [ReportNotification]) {
        ServiceRequest.open(id: id, submission: submission(code, email: email), service: ServiceCatalog.safeCity.service(code)!, at: time)
    }

    func time(_ hours: Int64) -> Timestamp { Self.t0.adding(milliseconds: hours * Self.hour) }

    @Test func walksTheWholeLifecycle() throws {
        var (request, received) = Self.open("1")
        #expect(received.map(\.kind) == [.received])
        #expect(request.reportStatus == .acknowledged && request.status == .open && request.statusNotes == nil)
        #expect(request.expectedAt == time(7 * 24), "street lights: 7 days target")
        #expect(request.agency == .publicWorks)

        let assigned = try request.move(to: .assigned, publicNote: "Crew 4 will fix it", at: time(1))
        #expect(assigned.map(\.status) == [.assigned] && assigned[0].publicNote == "Crew 4 will fix it")
        #expect(request.status == .open && request.statusNotes == "Crew 4 will fix it" && request.updatedAt == time(1))

        try request.move(to: .inProgress, publicNote: nil, at: time(2))
        #expect(request.status == .open && request.statusNotes == nil, "status_notes is the last step's note")

        let closed = try request.move(to: .closed, publicNote: "Lamp replaced.", at: time(3))
        #expect(request.status == .closed && request.statusNotes == "Lamp replaced." && request.updatedAt == time(3))
        #expect(closed[0].contact.email == "a@example.org" && closed[0].kind == .statusChanged)
        #expect(request.steps.map(\.status) == [.acknowledged, .assigned, .inProgress, .closed])
    }

    @Test func illegalMovesNameTheAllowedOnes() throws {
        var (request, _) = Self.open("1")
        #expect(throws: CommunityError.invalidField(field: "status", reason: "cannot move from acknowledged to in_progress; allowed: assigned or closed")) {
            try request.move(to: .inProgress, publicNote: nil, at: time(1))
        }
        #expect(throws: CommunityError.invalidField(field: "status", reason: "cannot move from acknowledged to acknowledged; allowed: assigned or closed")) {
            try request.move(to: .acknowledged, publicNote: nil, at: time(1))
        }
        try request.move(to: .assigned, publicNote: nil, at: time(1))
        #expect(throws: CommunityError.invalidField(field: "status", reason: "cannot move from assigned to acknowledged; allowed: in_progress or closed")) {
            try request.move(to: .acknowledged, publicNote: nil, at: time(1))
        }
        try request.move(to: .inProgress, publicNote: nil, at: time(2))
        #expect(throws: CommunityError.invalidField(field: "status", reason: "cannot move from in_progress to assigned; allowed: closed")) {
            try request.move(to: .assigned, publicNote: nil, at: time(2))
        }
        // Closing needs a public note; a blank one does not count.
        #expect(throws: CommunityError.invalidField(field: "status_notes", reason: "closing needs a public note saying what was done")) {
            try request.move(to: .closed, publicNote: "  ", at: time(3))
        }
        // Time does not run backwards.
        #expect(throws: CommunityError.self) { try request.move(to: .closed, publicNote: "done", at: time(1)) }
        try request.move(to: .closed, publicNote: "done", at: time(3))
        #expect(throws: CommunityError.invalidField(field: "status", reason: "cannot move from closed to in_progress; allowed: acknowledged")) {
            try request.move(to: .inProgress, publicNote: nil, at: time(4))
        }
        #expect(request.steps.count == 4, "failed moves change nothing")
    }

    @Test func reopenOnlyWithinTheWindow() throws {
        var (request, _) = Self.open("1")
        try request.move(to: .closed, publicNote: "Nothing found.", at: time(1))
        var late = request
        let reopened = try request.move(to: .acknowledged, publicNote: "Resident says it is still out.", at: time(1 + 14 * 24))
        #expect(reopened.map(\.kind) == [.reopened] && request.status == .open)

        #expect(throws: CommunityError.self) { try late.move(to: .acknowledged, publicNote: nil, at: time(1 + 14 * 24 + 1)) }
        let short = ReportLifecyclePolicy(reopenWindowSeconds: 3600)
        var again = late
        #expect(throws: CommunityError.self) { try again.move(to: .acknowledged, publicNote: nil, at: time(3), policy: short) }
        try late.move(to: .acknowledged, publicNote: nil, at: time(2), policy: short)
        #expect(late.status == .open)
    }

    @Test func assigningMayChangeTheAgency() throws {
        var (request, _) = Self.open("1", "road-hazard")
        #expect(throws: CommunityError.self) { try request.move(to: .closed, publicNote: "x", at: time(1), agency: .police) }
        try request.move(to: .assigned, publicNote: nil, at: time(1), agency: .publicWorks)
        #expect(request.agency == .publicWorks)
    }

    @Test func reportersWithoutContactAreNotNotified() throws {
        var (request, received) = Self.open("1", email: nil)
        #expect(received.isEmpty)
        #expect(try request.move(to: .assigned, publicNote: nil, at: time(1)).isEmpty)
    }

    @Test func suspiciousActivityIsFlaggedForDispatch() {
        #expect(Self.open("1", "suspicious-activity").request.suggestsIncident)
        #expect(!Self.open("2", "graffiti").request.suggestsIncident)
        #expect(Self.open("1", "suspicious-activity").request.agency == .police)
    }

    @Test func mergedReportersHearEveryLaterStep() throws {
        var (primary, _) = Self.open("1", email: "first@example.org")
        var (duplicate, _) = Self.open("2", email: "second@example.org", at: time(1))
        let merged = try ServiceRequest.merge(&duplicate, into: &primary, at: time(1))
        #expect(merged.count == 1 && merged[0].kind == .merged && merged[0].requestID == "1" && merged[0].reporterRequestID == "2")
        #expect(merged[0].contact.email == "second@example.org")
        #expect(duplicate.status == .closed && duplicate.duplicateOf == "1")
        #expect(duplicate.statusNotes == "Duplicate of request 1; follow that request for updates.")
        #expect(primary.mergedRequestIDs == ["2"] && primary.lastReportedAt == time(1))

        let assigned = try primary.move(to: .assigned, publicNote: "On the way", at: time(2))
        #expect(Set(assigned.compactMap(\.contact.email)) == ["first@example.org", "second@example.org"])
        #expect(Set(assigned.map(\.reporterRequestID)) == ["1", "2"] && Set(assigned.map(\.requestID)) == ["1"])
        let closed = try primary.move(to: .closed, publicNote: "Fixed", at: time(3))
        #expect(closed.count == 2)

        // The duplicate is frozen; updates go to the primary.
        #expect(throws: CommunityError.invalidField(field: "status", reason: "request 2 was merged into request 1; update that one")) {
            try duplicate.move(to: .acknowledged, publicNote: nil, at: time(4))
        }
    }

    @Test func mergeRules() throws {
        var (a, _) = Self.open("1")
        var (b, _) = Self.open("2", "graffiti")
        #expect(throws: CommunityError.self) { try ServiceRequest.merge(&b, into: &a, at: time(1)) }
        var (c, _) = Self.open("3")
        try a.move(to: .closed, publicNote: "done", at: time(1))
        #expect(throws: CommunityError.self) { try ServiceRequest.merge(&c, into: &a, at: time(2)) }
        var same = c
        #expect(throws: CommunityError.self) { try ServiceRequest.merge(&same, into: &c, at: time(2)) }
        #expect(c.mergedRequestIDs.isEmpty && c.status == .open, "failed merges change nothing")
    }
}
