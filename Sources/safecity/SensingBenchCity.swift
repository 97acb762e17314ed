import Foundation
import Geo
import SafeCityCore
import Sensing

/// The synthetic sensor city of `bench sensing`: sensors spread over Monaco, 50 rules of every kind, and
/// reproducible readings with occasional excursions so that rules really fire and clear.
struct SensingBenchCity {
    static let quantities: [(quantity: Quantity, unit: String, base: Double, spread: Double)] = [
        (.pm25, "µg/m³", 12, 4), (.nitrogenDioxide, "ppb", 25, 6), (.noise, "dBA", 58, 5),
        (.trafficFlow, "veh/h", 600, 120), (.waterLevel, "m", 1.2, 0.05),
    ]

    let sensors: [Sensor]

    init(sensorCount: Int) {
        sensors = (0..<sensorCount).map { index in
            let kind = Self.quantities[index % Self.quantities.count]
            let location = GeoPoint(latitude: 43.725 + Double(index % 40) * 0.0008, longitude: 7.405 + Double(index / 40) * 0.0012)
            return Sensor(id: "bench-\(index)", kind: .airQuality, name: "bench sensor \(index)", location: location,
                          quantities: [kind.quantity], reportIntervalSeconds: 1, owner: "bench")
        }
    }

    /// 50 rules: thresholds with hysteresis and duration, rates, per-sensor and per-area aggregates, absence and composites.
    static func rules(triggerAbove: Double) throws -> RuleSet {
        // Limits sit well above normal readings and well below excursions, so each excursion fires and clears once.
        var rules: [String] = [
            #"{"id":"trigger","kind":"threshold","quantity":"pm25","above":\#(triggerAbove),"clearAt":\#(triggerAbove - 100)}"#,
        ]
        for i in 0..<10 { rules.append(#"{"id":"pm25-t\#(i)","kind":"threshold","quantity":"pm25","above":\#(30 + i),"clearAt":\#(22 + i),"forSeconds":\#(i * 2)}"#) }
        for i in 0..<8 { rules.append(#"{"id":"no2-t\#(i)","kind":"threshold","quantity":"no2","above":\#(50 + 2 * i),"clearAt":\#(40 + 2 * i)}"#) }
        for i in 0..<6 { rules.append(#"{"id":"noise-p95-\#(i)","kind":"aggregate","quantity":"noise","function":"p95","windowSeconds":\#(30 + 10 * i),"above":\#(75 + i),"clearAt":\#(68 + i)}"#) }
        for i in 0..<6 { rules.append(#"{"id":"traffic-mean-\#(i)","kind":"aggregate","quantity":"traffic_flow","function":"mean","windowSeconds":\#(30 * (i + 1)),"above":\#(1_000 + 20 * i),"clearAt":\#(800 + 20 * i)}"#) }
        for i in 0..<6 { rules.append(#"{"id":"pm25-area-\#(i)","kind":"aggregate","scope":"area","quantity":"pm25","function":"mean","windowSeconds":\#(60 + 30 * i),"above":\#(30 + i),"clearAt":\#(20 + i)}"#) }
        for i in 0..<5 { rules.append(#"{"id":"no2-rate-\#(i)","kind":"rate","quantity":"no2","risePerMinute":\#(100 + 20 * i),"windowSeconds":\#(30 + 15 * i)}"#) }
        for i in 0..<4 { rules.append(#"{"id":"water-t\#(i)","kind":"threshold","quantity":"water_level","above":\#(1.45 + 0.05 * Double(i)),"clearAt":\#(1.35 + 0.05 * Double(i)),"forSeconds":10}"#) }
        rules.append(#"{"id":"pm25-absent","kind":"absence","quantity":"pm25","intervals":30}"#)
        rules.append(#"{"id":"noise-absent","kind":"absence","quantity":"noise","intervals":30}"#)
        rules.append(#"{"id":"smoke-traffic","kind":"composite","rules":["pm25-t0","no2-t0"],"withinSeconds":300,"radiusMetres":500}"#)
        rules.append(#"{"id":"noise-traffic","kind":"composite","rules":["noise-p95-0","traffic-mean-0"],"withinSeconds":300,"radiusMetres":500}"#)
        rules.append(#"{"id":"flood-noise","kind":"composite","rules":["water-t0","noise-p95-1"],"withinSeconds":600,"radiusMetres":800}"#)
        let json = #"{"allowedLatenessSeconds":600,"cellMetres":500,"rules":[\#(rules.joined(separator: ","))]}"#
        return try RuleSet.load(json: Data(json.utf8))
    }

    /// One reading per sensor per `stepMilliseconds`, from `start`, as request-ready inputs; about 1 % of
    /// series are in an excursion at any time.
    func readings(count: Int, start: Timestamp, stepMilliseconds: Int64, seed: UInt64) -> [ObservationInput] {
        var rng = SplitMix64(seed: seed)
        var excursion = [Int](repeating: 0, count: sensors.count)
        var out: [ObservationInput] = []
        out.reserveCapacity(count)
        var step: Int64 = 0
        while out.count < count {
            let time = start.adding(milliseconds: step * stepMilliseconds)
            for (index, sensor) in sensors.enumerated() where out.count < count {
                let kind = Self.quantities[index % Self.quantities.count]
                if excursion[index] > 0 { excursion[index] -= 1 } else if Double.random(in: 0..<1, using: &rng) < 0.0005 { excursion[index] = 60 }
                let lift = excursion[index] > 0 ? 10 * kind.spread : 0
                let value = kind.base + lift + kind.spread * Double.random(in: -1...1, using: &rng)
                out.append(ObservationInput(sensorID: sensor.id, time: time, quantity: kind.quantity, value: (value * 100).rounded() / 100, unit: kind.unit))
            }
            step += 1
        }
        return out
    }

    /// JSON text of a batch of readings, as a feed would send it.
    static func body(_ readings: ArraySlice<ObservationInput>) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "[")]
        for (i, reading) in readings.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: #"{"sensorID":""#.utf8)
            out.append(contentsOf: reading.sensorID.utf8)
            out.append(contentsOf: #"","time":\#(reading.time.millisecondsSince1970),"quantity":""#.utf8)
            out.append(contentsOf: reading.quantity.name.utf8)
            out.append(contentsOf: #"","value":\#(reading.value),"unit":""#.utf8)
            out.append(contentsOf: reading.unit.utf8)
            out.append(contentsOf: #""}"#.utf8)
        }
        out.append(UInt8(ascii: "]"))
        return out
    }
}
