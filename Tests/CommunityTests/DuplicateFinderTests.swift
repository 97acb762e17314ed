import Foundation
import Geo
import SafeCityCore
import Testing
@testable import Community

@Suite struct DuplicateFinderTests {
    static let hour: Int64 = 3_600_000
    static let t0 = Timestamp(millisecondsSince1970: 1_795_644_600_000)
    static let casino = GeoPoint(latitude: 43.7394, longitude: 7.4276)

    /// A point `metres` due north of `point` (one degree of latitude is 2πR/360 on GreatCircle's sphere).
    static func north(of point: GeoPoint, metres: Double) -> GeoPoint {
        GeoPoint(latitude: point.latitude + metres / (GreatCircle.earthRadiusMetres * .pi / 180), longitude: point.longitude)
    }

    static func east(of point: GeoPoint, metres: Double) -> GeoPoint {
        let degrees = metres / (GreatCircle.earthRadiusMetres * .pi / 180 * cos(point.latitude * .pi / 180))
        return GeoPoint(latitude: point.latitude, longitude: point.longitude + degrees)
    }

    static func request(_ id: String, _ code: String = "street-light", at point: GeoPoint = casino, time: Timestamp = t0) -> ServiceRequest {
        ServiceRequest(id: id, submission: ServiceRequestSubmission(serviceCode: code, location: SubmissionLocation(point: point)),
                       service: ServiceCatalog.safeCity.service(code)!, receivedAt: time)
    }

    func time(_ hours: Int64) -> Timestamp { Self.t0.adding(milliseconds: hours * Self.hour) }

    @Test func mergesWithinRadiusAndWindowOnly() {
        let finder = DuplicateFinder(requests: [Self.request("1")])
        #expect(finder.duplicate(serviceCode: "street-light", location: Self.north(of: Self.casino, metres: 49), reportedAt: time(47)) == "1")
        #expect(finder.duplicate(serviceCode: "street-light", location: Self.east(of: Self.casino, metres: 49), reportedAt: time(1)) == "1")
        #expect(finder.duplicate(serviceCode: "street-light", location: Self.north(of: Self.casino, metres: 51), reportedAt: time(1)) == nil, "beyond R")
        #expect(finder.duplicate(serviceCode: "street-light", location: Self.east(of: Self.casino, metres: 51), reportedAt: time(1)) == nil, "beyond R")
        #expect(finder.duplicate(serviceCode: "street-light", location: Self.casino, reportedAt: time(49)) == nil, "beyond T")
        #expect(finder.duplicate(serviceCode: "graffiti", location: Self.casino, reportedAt: time(1)) == nil, "another service")
    }

    @Test func picksTheNearestAndForgetsClosedRequests() throws {
        var near = Self.request("near", at: Self.north(of: Self.casino, metres: 10))
        let far = Self.request("far", at: Self.north(of: Self.casino, metres: -30))
        var finder = DuplicateFinder(requests: [far, near])
        #expect(finder.duplicate(serviceCode: "street-light", location: Self.casino, reportedAt: time(1)) == "near")
        try near.move(to: .closed, publicNote: "fixed", at: time(1))
        finder.update(with: near)
        #expect(finder.count == 1)
        #expect(finder.duplicate(serviceCode: "street-light", location: Self.casino, reportedAt: time(2)) == "far")
    }

    @Test func theWindowRunsFromTheLatestMergedReport() throws {
        var primary = Self.request("1")
        var finder = DuplicateFinder(requests: [primary])
        var second = Self.request("2", time: time(40))
        #expect(finder.duplicate(of: ServiceRequestSubmission(serviceCode: "street-light", location: SubmissionLocation(point: Self.casino)), reportedAt: time(40)) == "1")
        _ = try ServiceRequest.merge(&second, into: &primary, at: time(40))
        finder.update(with: primary)
        finder.update(with: second)
        #expect(finder.count == 1, "a duplicate is never a candidate itself")
        #expect(finder.duplicate(serviceCode: "street-light", location: Self.casino, reportedAt: time(80)) == "1")
        finder.prune(now: time(89))
        #expect(finder.count == 0)
    }

    @Test func addressOnlyRequestsAreNotCandidates() {
        let addressOnly = ServiceRequest(id: "1", submission: ServiceRequestSubmission(serviceCode: "flooding", location: SubmissionLocation(addressID: "A")),
                                         service: ServiceCatalog.safeCity.service("flooding")!, receivedAt: Self.t0)
        #expect(DuplicateFinder(requests: [addressOnly]).count == 0)
        #expect(DuplicateFinder().duplicate(of: ServiceRequestSubmission(serviceCode: "flooding", location: SubmissionLocation(addressID: "A")), reportedAt: Self.t0) == nil)
    }

    /// The grid must find exactly what a scan of every request finds (the plain O(n) reference), wherever cells split.
    @Test func gridAgreesWithABruteForceScan() {
        var rng = SplitMix64(seed: 311)
        let codes = ["street-light", "graffiti", "road-hazard"]
        // About 3 km × 3 km of Monaco, so many requests have neighbours within 50 m.
        func randomPoint() -> GeoPoint {
            let latitude = 43.72 + Double(rng.next() % 30_000) / 1_000_000
            let longitude = 7.40 + Double(rng.next() % 40_000) / 1_000_000
            return GeoPoint(latitude: latitude, longitude: longitude)
        }
        var requests: [ServiceRequest] = []
        for index in 0..<3000 {
            let point = randomPoint()
            requests.append(Self.request(String(index), codes[Int(rng.next() % 3)], at: point, time: time(Int64(rng.next() % 200))))
        }
        let finder = DuplicateFinder(requests: requests)
        var matched = 0
        for _ in 0..<1000 {
            let point = randomPoint()
            let code = codes[Int(rng.next() % 3)]
            let when = time(Int64(rng.next() % 200))
            var expected: (id: String, metres: Double)?
            for request in requests where request.serviceCode == code {
                let gap = abs(request.requestedAt.millisecondsSince1970 - when.millisecondsSince1970)
                let metres = GreatCircle.distanceMetres(point, request.location!)
                guard gap <= 48 * Self.hour, metres <= 50 else { continue }
                if let best = expected, best.metres < metres || (best.metres == metres && best.id < request.id) { continue }
                expected = (request.id, metres)
            }
            #expect(finder.duplicate(serviceCode: code, location: point, reportedAt: when) == expected?.id)
            if expected != nil { matched += 1 }
        }
        #expect(matched > 100, "the sample must exercise merges, not only misses (\(matched))")
    }

    @Test func worksNearThePoles() {
        let point = GeoPoint(latitude: 89.9999, longitude: 10)
        let finder = DuplicateFinder(requests: [Self.request("1", at: point)])
        #expect(finder.duplicate(serviceCode: "street-light", location: GeoPoint(latitude: 89.9999, longitude: 100), reportedAt: Self.t0) == "1")
    }
}
