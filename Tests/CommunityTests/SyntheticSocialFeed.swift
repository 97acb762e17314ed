import Foundation
import Geo
import SafeCityCore
import Community

/// A seeded synthetic city feed: background posts with a daily cycle (mostly unrelated text, some
/// everyday uses of the terms at a low Poisson rate per area, a busy downtown), and injected events.
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

    static func offset(metresNorth: Double, metresEast: Double) -> GeoPoint {
        let perDegree = GreatCircle.earthRadiusMetres * .pi / 180
        return GeoPoint(latitude: origin.latitude + metresNorth / perDegree,
                        longitude: origin.longitude + metresEast / (perDegree * cos(origin.latitude * .pi / 180)))
    }

    /// Background posts per minute city-wide at the daily mean.
    var postsPerMinute = 10.0
    /// Share of background posts that use a term in an everyday sense.
    var termShare = 0.1

    /// One raw item as a feed would send it, handle included.
    struct Item {
        var id: String
        var text: String
        var time: Timestamp
        var location: GeoPoint?
        var place: String?
        var handle: String

        /// The post the parser would make of it.
        func post() -> SocialPost {
            try! SocialPost(id: id, text: text, time: time, location: location, placeName: place,
                            authorHash: SocialPost.authorHash(handle: handle, salt: SyntheticSocialFeed.salt))
        }

        /// One NDJSON line.
        func jsonLine() -> String {
            var object: [String: Any] = ["id": id, "text": text, "time": Double(time.millisecondsSince1970) / 1000, "author": handle]
            if let location { object["lat"] = location.latitude; object["lon"] = location.longitude }
            if let place { object["place"] = place }
            let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            return String(decoding: data, as: UTF8.self)
        }
    }

    static let chatter = [
        "Morning coffee and a long walk", "Traffic is slow on the ring road again", "Great concert last night!",
        "Who else is watching the match tonight?", "New bakery opened near my flat", "Buenos días a todos",
        "Qué calor hace hoy", "Me encanta este barrio", "Anyone know a good dentist?", "Rain later, take an umbrella",
        "Lunch break in the park", "El metro va lleno otra vez", "Long queue at the post office", "Happy Friday everyone",
        "Voy al mercado, ¿alguien necesita algo?", "Reading in the sun",
    ]
    /// Everyday uses of the terms: the chatter a baseline has to absorb.
    static let termChatter = [
        "This new track is fire", "Smoke break, back in ten", "Two shots of espresso and still tired",
        "Inbox flooded with emails again", "Pelea de almohadas con los niños", "Fire alarm test at the office, ignore",
        "Choque de trenes en la liga este domingo", "The crash of the stock market is all over the news",
        "Gas smell? No, it's the bins", "Estoy que ardo de calor", "What a fight in the boxing last night",
        "Humo de la barbacoa del vecino", "Explosion of flavour in this taco", "Tiros libres fallados, qué partido",
    ]

    /// Daily multiplier of the post rate: lowest before dawn, highest in the evening (mean 1).
    static func dailyFactor(_ time: Timestamp) -> Double {
        let hours = Double(time.millisecondsSince1970 % 86_400_000) / 3_600_000
        return 1 + 0.75 * sin(2 * .pi * (hours - 14) / 24)
    }

    /// Background posts for `days` days from ``start``.
    func background(days: Int, rng: inout SplitMix64, firstID: Int = 0) -> [Item] {
        var items: [Item] = []
        var nextID = firstID
        for minute in 0..<(days * 1440) {
            let minuteStart = Self.start.adding(milliseconds: Int64(minute) * 60_000)
            let count = Self.poisson(postsPerMinute * Self.dailyFactor(minuteStart), rng: &rng)
            for _ in 0..<count {
                let time = minuteStart.adding(milliseconds: Int64.random(in: 0..<60_000, using: &rng))
                let isTerm = Double.random(in: 0..<1, using: &rng) < termShare
                let text = (isTerm ? Self.termChatter : Self.chatter).randomElement(using: &rng)!
                var item = Item(id: "bg-\(nextID)", text: text, time: time, handle: "zq_handle_\(Int.random(in: 0..<20_000, using: &rng))")
                nextID += 1
                let where_ = Double.random(in: 0..<1, using: &rng)
                if where_ < 0.2 {
                    item.location = Self.jitter(Self.downtown, sigmaMetres: 500, rng: &rng)
                } else if where_ < 0.55 {
                    item.location = Self.offset(metresNorth: .random(in: 0..<Self.citySizeMetres, using: &rng),
                                                metresEast: .random(in: 0..<Self.citySizeMetres, using: &rng))
                } else if where_ < 0.7 {
                    item.place = Self.places.keys.sorted().randomElement(using: &rng)
                }
                items.append(item)
            }
        }
        return items.sorted { ($0.time, $0.id) < ($1.time, $1.id) }
    }

    /// An event's posts near `site` from `startTime`: the rate rises linearly from 1.5 to 9 posts
    /// a minute over `minutes` minutes (about fourteen posts in the first five), then stops.
    static func event(texts: [String], site: GeoPoint, place: String, startTime: Timestamp, minutes: Int = 15,
                      rng: inout SplitMix64, idPrefix: String = "ev") -> [Item] {
        var items: [Item] = []
        for minute in 0..<minutes {
            let rate = 1.5 + 7.5 * (Double(minute) + 0.5) / Double(minutes)
            for _ in 0..<poisson(rate, rng: &rng) {
                let time = startTime.adding(milliseconds: Int64(minute) * 60_000 + Int64.random(in: 0..<60_000, using: &rng))
                var item = Item(id: "\(idPrefix)-\(items.count)", text: texts.randomElement(using: &rng)!, time: time,
                                handle: "zq_handle_witness_\(Int.random(in: 0..<100_000, using: &rng))")
                let where_ = Double.random(in: 0..<1, using: &rng)
                if where_ < 0.6 {
                    item.location = jitter(site, sigmaMetres: 120, rng: &rng)
                } else if where_ < 0.8 {
                    item.place = place
                }
                items.append(item)
            }
        }
        return items
    }

    static func jitter(_ point: GeoPoint, sigmaMetres: Double, rng: inout SplitMix64) -> GeoPoint {
        let u1 = Double.random(in: Double.ulpOfOne..<1, using: &rng), u2 = Double.random(in: 0..<1, using: &rng)
        let radius = sigmaMetres * (-2 * log(u1)).squareRoot()
        let perDegree = GreatCircle.earthRadiusMetres * .pi / 180
        return GeoPoint(latitude: point.latitude + radius * cos(2 * .pi * u2) / perDegree,
                        longitude: point.longitude + radius * sin(2 * .pi * u2) / (perDegree * cos(point.latitude * .pi / 180)))
    }

    /// Knuth's multiplication method, exact for the small means used here.
    static func poisson(_ mean: Double, rng: inout SplitMix64) -> Int {
        let limit = exp(-mean)
        var product = Double.random(in: 0..<1, using: &rng)
        var count = 0
        while product > limit {
            product *= Double.random(in: 0..<1, using: &rng)
            count += 1
        }
        return count
    }

    /// The feed's places as a gazetteer.
    static var gazetteer: PlaceGazetteer { try! PlaceGazetteer(places: places) }

    /// The detector as deployed (defaults) on this city's grid.
    static func detector(_ change: (inout BurstDetector.Configuration) -> Void = { _ in }) -> BurstDetector {
        var configuration = BurstDetector.Configuration(gridOrigin: origin)
        change(&configuration)
        return try! BurstDetector(configuration: configuration, gazetteer: gazetteer)
    }
}
