import Foundation
import Geo
import SafeCityCore
import Simulation
import Community

/// The tests' synthetic city (central Madrid, 6 km × 6 km) over ``SocialChatter``.
struct SyntheticSocialFeed {
    /// South-west corner of the 6 km × 6 km synthetic city (central Madrid).
    static let origin = GeoPoint(latitude: 40.3960, longitude: -3.7330)
    static let citySizeMetres = 6_000.0
    static let downtown = offset(metresNorth: 3_000, metresEast: 3_000)
    /// The event site: in cell row 7, column 2 (500 m cells), away from downtown, 200–300 m from the
    /// cell's edges. An event on a cell edge splits its posts between cells and is found later (see the report).
    static let eventSite = offset(metresNorth: 3_700, metresEast: 1_230)
    static let places: [String: GeoPoint] = [
        "Plaza del Carmen": offset(metresNorth: 3_660, metresEast: 1_120),
        "Puerta del Sol": downtown,
        "Estación Norte": offset(metresNorth: 5_400, metresEast: 2_600),
        "Parque Sur": offset(metresNorth: 700, metresEast: 3_900),
        "Mercado de San Luis": offset(metresNorth: 2_100, metresEast: 4_800),
    ]
    static let start = Timestamp(millisecondsSince1970: 1_767_225_600_000)  // 2026-01-01T00:00:00Z
    static let salt = Array("synthetic-city-salt".utf8)
    static let city = SocialChatter(origin: origin, citySizeMetres: citySizeMetres, downtown: downtown, places: places)

    static func offset(metresNorth: Double, metresEast: Double) -> GeoPoint {
        SocialChatter(origin: origin, citySizeMetres: citySizeMetres, downtown: origin).offset(metresNorth: metresNorth, metresEast: metresEast)
    }

    /// Background posts per minute city-wide at the daily mean.
    var postsPerMinute = 10.0
    /// Share of background posts that use a term in an everyday sense.
    var termShare = 0.1

    typealias Item = SocialChatter.Item

    /// Background posts for `days` days from ``start``.
    func background(days: Int, rng: inout SplitMix64, firstID: Int = 0) -> [Item] {
        var city = Self.city
        city.postsPerMinute = postsPerMinute
        city.termShare = termShare
        return city.background(from: Self.start, minutes: days * 1440, rng: &rng, firstID: firstID)
    }

    static func event(texts: [String], site: GeoPoint, place: String, startTime: Timestamp, minutes: Int = 15,
                      rng: inout SplitMix64, idPrefix: String = "ev") -> [Item] {
        SocialChatter.event(texts: texts, site: site, place: place, startTime: startTime, minutes: minutes, rng: &rng, idPrefix: idPrefix)
    }

    static func poisson(_ mean: Double, rng: inout SplitMix64) -> Int { PoissonSample.draw(mean: mean, using: &rng) }

    static func dailyFactor(_ time: Timestamp) -> Double { SocialChatter.dailyFactor(time) }

    /// The feed's places as a gazetteer.
    static var gazetteer: PlaceGazetteer { try! PlaceGazetteer(places: places) }

    /// The detector as deployed (defaults) on this city's grid.
    static func detector(_ change: (inout BurstDetector.Configuration) -> Void = { _ in }) -> BurstDetector {
        var configuration = BurstDetector.Configuration(gridOrigin: origin)
        change(&configuration)
        return try! BurstDetector(configuration: configuration, gazetteer: gazetteer)
    }
}

extension SocialChatter.Item {
    /// The post the parser would make of it.
    func post() -> SocialPost {
        try! SocialPost(id: id, text: text, time: time, location: location, placeName: place,
                        authorHash: SocialPost.authorHash(handle: handle, salt: SyntheticSocialFeed.salt))
    }
}
