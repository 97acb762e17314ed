import Foundation
import Geo
import SafeCityCore

/// A seeded synthetic social-media feed over a city: background posts with a daily cycle (mostly
/// unrelated text, some everyday uses of the public-safety terms, a busy downtown), and events
/// (a fire, a flood) whose posts rise near one place. The demo feeds it to the burst detector; the
/// tests and the bench measure the detector on it.
public struct SocialChatter: Sendable {
    /// South-west corner of the square city.
    public var origin: GeoPoint
    /// Side of the square city, in metres.
    public var citySizeMetres: Double
    /// Where a fifth of the posts come from.
    public var downtown: GeoPoint
    /// Named places some posts mention instead of a geotag.
    public var places: [String: GeoPoint]
    /// Background posts per minute city-wide at the daily mean.
    public var postsPerMinute = 10.0
    /// Share of background posts that use a term in an everyday sense.
    public var termShare = 0.1

    /// A city of `citySizeMetres` from `origin`, its downtown at the centre unless given.
    public init(origin: GeoPoint, citySizeMetres: Double, downtown: GeoPoint? = nil, places: [String: GeoPoint] = [:]) {
        self.origin = origin
        self.citySizeMetres = citySizeMetres
        self.places = places
        self.downtown = downtown ?? GeoPoint(latitude: 0, longitude: 0)
        if downtown == nil { self.downtown = offset(metresNorth: citySizeMetres / 2, metresEast: citySizeMetres / 2) }
    }

    /// A point `metresNorth` and `metresEast` of the city's origin.
    public func offset(metresNorth: Double, metresEast: Double) -> GeoPoint {
        let perDegree = GreatCircle.earthRadiusMetres * .pi / 180
        return GeoPoint(latitude: origin.latitude + metresNorth / perDegree,
                        longitude: origin.longitude + metresEast / (perDegree * cos(origin.latitude * .pi / 180)))
    }

    /// One raw item as a feed would send it, handle included.
    public struct Item: Sendable {
        public var id: String
        public var text: String
        public var time: Timestamp
        public var location: GeoPoint?
        public var place: String?
        public var handle: String

        /// Creates an item.
        public init(id: String, text: String, time: Timestamp, location: GeoPoint? = nil, place: String? = nil, handle: String) {
            self.id = id
            self.text = text
            self.time = time
            self.location = location
            self.place = place
            self.handle = handle
        }

        /// One NDJSON line.
        public func jsonLine() -> String {
            var object: [String: Any] = ["id": id, "text": text, "time": Double(time.millisecondsSince1970) / 1000, "author": handle]
            if let location { object["lat"] = location.latitude; object["lon"] = location.longitude }
            if let place { object["place"] = place }
            let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            return String(decoding: data, as: UTF8.self)
        }
    }

    /// Posts a fire's witnesses write, in English and Spanish.
    public static let fireTexts = [
        "Fire near the square! lots of smoke", "huge smoke cloud, is that a fire?", "Incendio cerca de la plaza, mucho humo",
        "smoke everywhere, firefighters arriving", "there is a fire in a building here", "¡Fuego! humo negro en la calle",
    ]

    public static let chatter = [
        "Morning coffee and a long walk", "Traffic is slow on the ring road again", "Great concert last night!",
        "Who else is watching the match tonight?", "New bakery opened near my flat", "Buenos días a todos",
        "Qué calor hace hoy", "Me encanta este barrio", "Anyone know a good dentist?", "Rain later, take an umbrella",
        "Lunch break in the park", "El metro va lleno otra vez", "Long queue at the post office", "Happy Friday everyone",
        "Voy al mercado, ¿alguien necesita algo?", "Reading in the sun",
    ]
    /// Everyday uses of the terms: the chatter a baseline has to absorb.
    public static let termChatter = [
        "This new track is fire", "Smoke break, back in ten", "Two shots of espresso and still tired",
        "Inbox flooded with emails again", "Pelea de almohadas con los niños", "Fire alarm test at the office, ignore",
        "Choque de trenes en la liga este domingo", "The crash of the stock market is all over the news",
        "Gas smell? No, it's the bins", "Estoy que ardo de calor", "What a fight in the boxing last night",
        "Humo de la barbacoa del vecino", "Explosion of flavour in this taco", "Tiros libres fallados, qué partido",
    ]

    /// Daily multiplier of the post rate: lowest before dawn, highest in the evening (mean 1).
    public static func dailyFactor(_ time: Timestamp) -> Double {
        let hours = Double(time.millisecondsSince1970 % 86_400_000) / 3_600_000
        return 1 + 0.75 * sin(2 * .pi * (hours - 14) / 24)
    }

    /// Background posts for `minutes` minutes from `start`.
    public func background(from start: Timestamp, minutes: Int, rng: inout SplitMix64, firstID: Int = 0) -> [Item] {
        var items: [Item] = []
        var nextID = firstID
        for minute in 0..<minutes {
            let minuteStart = start.adding(milliseconds: Int64(minute) * 60_000)
            let count = PoissonSample.draw(mean: postsPerMinute * Self.dailyFactor(minuteStart), using: &rng)
            for _ in 0..<count {
                let time = minuteStart.adding(milliseconds: Int64.random(in: 0..<60_000, using: &rng))
                let isTerm = Double.random(in: 0..<1, using: &rng) < termShare
                let text = (isTerm ? Self.termChatter : Self.chatter).randomElement(using: &rng)!
                var item = Item(id: "bg-\(nextID)", text: text, time: time, handle: "zq_handle_\(Int.random(in: 0..<20_000, using: &rng))")
                nextID += 1
                let where_ = Double.random(in: 0..<1, using: &rng)
                if where_ < 0.2 {
                    item.location = Self.jitter(downtown, sigmaMetres: 500, rng: &rng)
                } else if where_ < 0.55 {
                    item.location = offset(metresNorth: .random(in: 0..<citySizeMetres, using: &rng),
                                                metresEast: .random(in: 0..<citySizeMetres, using: &rng))
                } else if where_ < 0.7 {
                    item.place = places.keys.sorted().randomElement(using: &rng)
                }
                items.append(item)
            }
        }
        return items.sorted { ($0.time, $0.id) < ($1.time, $1.id) }
    }

    /// An event's posts near `site` from `startTime`: the rate rises linearly from 1.5 to 9 posts
    /// a minute over `minutes` minutes (about fourteen posts in the first five), then stops.
    public static func event(texts: [String], site: GeoPoint, place: String, startTime: Timestamp, minutes: Int = 15,
                      rng: inout SplitMix64, idPrefix: String = "ev") -> [Item] {
        var items: [Item] = []
        for minute in 0..<minutes {
            let rate = 1.5 + 7.5 * (Double(minute) + 0.5) / Double(minutes)
            for _ in 0..<PoissonSample.draw(mean: rate, using: &rng) {
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

    public static func jitter(_ point: GeoPoint, sigmaMetres: Double, rng: inout SplitMix64) -> GeoPoint {
        let u1 = Double.random(in: Double.ulpOfOne..<1, using: &rng), u2 = Double.random(in: 0..<1, using: &rng)
        let radius = sigmaMetres * (-2 * log(u1)).squareRoot()
        let perDegree = GreatCircle.earthRadiusMetres * .pi / 180
        return GeoPoint(latitude: point.latitude + radius * cos(2 * .pi * u2) / perDegree,
                        longitude: point.longitude + radius * sin(2 * .pi * u2) / (perDegree * cos(point.latitude * .pi / 180)))
    }
}
