import Foundation
import Geo
import Testing
import SafeCityCore
@testable import Sensing

@Suite struct SensorHealthMonitorTests {
    static let t0 = Timestamp(millisecondsSince1970: 1_795_000_000_000)
    static let centre = GeoPoint(latitude: 51.5226, longitude: -0.1546)

    static func at(seconds: Int64) -> Timestamp { t0.adding(milliseconds: seconds * 1_000) }

    static func sensor(_ id: String, _ quantities: [Quantity] = [.pm25], intervalSeconds: Int = 60,
                       northMetres: Double = 0, eastMetres: Double = 0) -> Sensor {
        // Small offsets on a sphere of radius 6 371 km: metres to degrees.
        let latitude = centre.latitude + northMetres / 111_195
        let longitude = centre.longitude + eastMetres / (111_195 * cos(centre.latitude * .pi / 180))
        return Sensor(id: id, kind: .airQuality, name: id, location: GeoPoint(latitude: latitude, longitude: longitude),
                      quantities: quantities, reportIntervalSeconds: intervalSeconds, owner: "test")
    }

    static func observation(_ id: String, _ seconds: Int64, _ value: Double, _ quantity: Quantity = .pm25) -> Observation {
        Observation(sensorID: id, time: at(seconds: seconds), quantity: quantity, value: value)
    }

    // MARK: Stale

    @Test func staleIsRaisedAfterMoreThanThreeIntervalsAndClearedByTheNextObservation() {
        var monitor = SensorHealthMonitor(sensors: [Self.sensor("a")])
        #expect(monitor.record(Self.observation("a", 0, 10)).isEmpty)
        #expect(monitor.advance(to: Self.at(seconds: 180)).isEmpty)  // exactly 3 × 60 s: not yet
        let raised = monitor.advance(to: Self.at(seconds: 180).adding(milliseconds: 1))
        #expect(raised.count == 1)
        #expect(raised.first?.problem == .stale)
        #expect(raised.first?.state == .raised)
        #expect(raised.first?.quantity == nil)
        #expect(raised.first?.time == Self.at(seconds: 180))
        #expect(monitor.advance(to: Self.at(seconds: 240)).isEmpty)  // raised once only
        #expect(monitor.unhealthySensors == ["a"])
        #expect(monitor.status(of: "a")?.problems.first?.since == Self.at(seconds: 180))

        let cleared = monitor.record(Self.observation("a", 300, 11))
        #expect(cleared.map(\.state) == [.cleared])
        #expect(cleared.first?.time == Self.at(seconds: 300))
        #expect(monitor.unhealthySensors.isEmpty)
        #expect(monitor.status(of: "a")?.lastObservation == Self.at(seconds: 300))
    }

    @Test func aLateBackfilledReadingDoesNotClearStaleness() {
        var monitor = SensorHealthMonitor(sensors: [Self.sensor("a")])
        _ = monitor.record(Self.observation("a", 0, 10))
        _ = monitor.advance(to: Self.at(seconds: 600))
        #expect(monitor.unhealthySensors == ["a"])
        // Measured at 60 s, arriving now: at 600 s the sensor has still been silent for 540 s.
        #expect(monitor.record(Self.observation("a", 60, 10)).isEmpty)
        #expect(monitor.unhealthySensors == ["a"])
    }

    @Test func aSensorThatNeverReportsGoesStaleFromWhenWatchingBegan() {
        var monitor = SensorHealthMonitor(sensors: [Self.sensor("quiet", intervalSeconds: 300)])
        #expect(monitor.advance(to: Self.at(seconds: 0)).isEmpty)
        #expect(monitor.advance(to: Self.at(seconds: 900)).isEmpty)
        let raised = monitor.advance(to: Self.at(seconds: 901))
        #expect(raised.first?.time == Self.at(seconds: 900))
        #expect(monitor.status(of: "quiet")?.lastObservation == nil)
    }

    // MARK: Flat line

    @Test func flatLineNeedsTwelveIdenticalReadingsAndClearsOnTheFirstChange() {
        var monitor = SensorHealthMonitor(sensors: [Self.sensor("stuck", intervalSeconds: 300)])
        var changes: [SensorHealthChange] = []
        for (i, value) in [10.0, 12, 11, 13, 12].enumerated() { changes += monitor.record(Self.observation("stuck", Int64(i) * 300, value)) }
        // Readings 5...16 are all 20: the twelfth of them (reading 16) completes the flat line.
        for i in 5...15 { changes += monitor.record(Self.observation("stuck", Int64(i) * 300, 20)) }
        #expect(changes.isEmpty)
        let raised = monitor.record(Self.observation("stuck", 16 * 300, 20))
        #expect(raised.map(\.problem) == [.flatLine])
        #expect(raised.first?.time == Self.at(seconds: 16 * 300))
        #expect(raised.first?.quantity == .pm25)
        #expect(raised.first?.values == [20, 12])
        #expect(monitor.record(Self.observation("stuck", 17 * 300, 20)).isEmpty)
        let cleared = monitor.record(Self.observation("stuck", 18 * 300, 20.5))
        #expect(cleared.map(\.state) == [.cleared])
        #expect(cleared.first?.time == Self.at(seconds: 18 * 300))
    }

    @Test func flatLineAlsoNeedsThirtyMinutes() {
        var monitor = SensorHealthMonitor(sensors: [Self.sensor("fast", intervalSeconds: 60)])
        // One-minute readings: twelve identical ones span only 11 minutes; the flat line starts at minute 30.
        for minute in 0..<30 { #expect(monitor.record(Self.observation("fast", Int64(minute) * 60, 7)).isEmpty) }
        let raised = monitor.record(Self.observation("fast", 30 * 60, 7))
        #expect(raised.first?.problem == .flatLine)
        #expect(raised.first?.values == [7, 31])
    }

    @Test func flatLineToleranceAndExemptQuantities() {
        var configuration = SensorHealthConfiguration()
        configuration.flatLineTolerance = 0.05
        var monitor = SensorHealthMonitor(sensors: [Self.sensor("t", [.temperature], intervalSeconds: 600), Self.sensor("g", [.gunshot], intervalSeconds: 600)],
                                          configuration: configuration)
        var changes: [SensorHealthChange] = []
        for i in 0..<11 {
            changes += monitor.record(Self.observation("t", Int64(i) * 600, i % 2 == 0 ? 20.00 : 20.04, .temperature))
            changes += monitor.record(Self.observation("g", Int64(i) * 600, 0, .gunshot))
        }
        #expect(changes.isEmpty)
        changes = monitor.record(Self.observation("t", 11 * 600, 20.02, .temperature))
        changes += (11..<50).flatMap { monitor.record(Self.observation("g", Int64($0) * 600, 0, .gunshot)) }
        #expect(changes.map(\.sensorID) == ["t"])
        #expect(changes.map(\.problem) == [.flatLine])
    }

    // MARK: Out of range

    @Test func outOfRangeIsRaisedAndClearedOnTheReadingsThemselves() {
        var monitor = SensorHealthMonitor(sensors: [Self.sensor("a", [.pm25, .pm10])])
        #expect(monitor.record(Self.observation("a", 0, 1_000)).isEmpty)  // the upper bound itself is possible
        let raised = monitor.record(Self.observation("a", 60, -3))
        #expect(raised.map(\.problem) == [.outOfRange])
        #expect(raised.first?.time == Self.at(seconds: 60))
        #expect(raised.first?.values == [-3, 0, 1_000])
        #expect(monitor.record(Self.observation("a", 120, -4)).isEmpty)
        #expect(monitor.unhealthySensors(for: .pm25) == ["a"])
        #expect(monitor.unhealthySensors(for: .pm10).isEmpty)
        let cleared = monitor.record(Self.observation("a", 180, 4))
        #expect(cleared.map(\.state) == [.cleared])
        #expect(cleared.first?.time == Self.at(seconds: 180))
    }

    // MARK: Outliers

    /// Four sensors within 600 m reading 9, 10, 11, 12 each minute; "x" 300 m away reads `values`.
    static func cluster(_ values: [Double], xNorthMetres: Double = 300) -> (SensorHealthMonitor, [[SensorHealthChange]]) {
        let sensors = [Self.sensor("n1", eastMetres: 200), Self.sensor("n2", eastMetres: -200), Self.sensor("n3", northMetres: -300),
                       Self.sensor("n4", northMetres: 250, eastMetres: 250), Self.sensor("x", northMetres: xNorthMetres)]
        var monitor = SensorHealthMonitor(sensors: sensors)
        var perMinute: [[SensorHealthChange]] = []
        for (minute, value) in values.enumerated() {
            let seconds = Int64(minute) * 60
            var changes: [SensorHealthChange] = []
            for (id, v) in [("n1", 9.0), ("n2", 10), ("n3", 11), ("n4", 12)] { changes += monitor.record(Self.observation(id, seconds, v)) }
            changes += monitor.record(Self.observation("x", seconds + 5, value))
            perMinute.append(changes)
        }
        return (monitor, perMinute)
    }

    @Test func aSensorFarOffItsNeighboursIsFlaggedAfterThreeReadingsAndClearedWhenBackInLine() throws {
        let (monitor, perMinute) = Self.cluster([11, 60, 60, 60, 60, 11, 12])
        #expect(perMinute[1].isEmpty && perMinute[2].isEmpty)
        let raised = try #require(perMinute[3].first)
        #expect(perMinute[3].count == 1)
        #expect(raised.sensorID == "x" && raised.problem == .outlier && raised.state == .raised)
        #expect(raised.time == Self.at(seconds: 3 * 60 + 5))
        // Neighbours 9, 10, 11, 12: median 10.5, MAD 1, so z = 0.6745 × 49.5 (Iglewicz & Hoaglin).
        #expect(raised.values[1] == 10.5)
        #expect(raised.values[2] == 1)
        #expect(abs(raised.values[3] - 0.6745 * 49.5) < 1e-12)
        #expect(perMinute[4].isEmpty)
        let cleared = try #require(perMinute[5].first)
        #expect(cleared.state == .cleared && cleared.time == Self.at(seconds: 5 * 60 + 5))
        #expect(perMinute[6].isEmpty)
        #expect(monitor.unhealthySensors.isEmpty)
        // The neighbours were never judged outliers: with x at 60 among them, each stays within 3.5.
        #expect(perMinute.joined().allSatisfy { $0.sensorID == "x" })
    }

    @Test func anInterruptedRunOfFarReadingsRaisesNothing() {
        let (_, perMinute) = Self.cluster([60, 60, 11, 60, 60, 11])
        #expect(perMinute.joined().isEmpty)
        // Just inside the threshold: z = 0.6745 × 5 = 3.37 for 15.5.
        let (_, inside) = Self.cluster([15.5, 15.5, 15.5, 15.5])
        #expect(inside.joined().isEmpty)
    }

    @Test func sensorsBeyondTheRadiusAreNotNeighbours() {
        let (monitor, perMinute) = Self.cluster([60, 60, 60, 60], xNorthMetres: 5_000)
        #expect(perMinute.joined().isEmpty)
        #expect(monitor.neighbours(of: "x", quantity: .pm25).isEmpty)
        #expect(monitor.neighbours(of: "n1", quantity: .pm25) == ["n2", "n3", "n4"])
    }

    @Test func neighboursWithoutRecentDataDoNotCount() {
        var monitor = SensorHealthMonitor(sensors: [Self.sensor("n1", eastMetres: 200), Self.sensor("n2", eastMetres: -200),
                                                    Self.sensor("n3", northMetres: -300), Self.sensor("x", northMetres: 300)])
        for (id, v) in [("n1", 9.0), ("n2", 10), ("n3", 11)] { _ = monitor.record(Self.observation(id, 0, v)) }
        // n1...n3 last reported at 0 s; at 121 s that is more than 2 intervals of 60 s ago.
        var changes: [SensorHealthChange] = []
        for seconds: Int64 in [100, 110, 120] { changes += monitor.record(Self.observation("x", seconds, 60)) }
        #expect(changes.map(\.problem) == [.outlier])
        var late = SensorHealthMonitor(sensors: [Self.sensor("n1", eastMetres: 200), Self.sensor("n2", eastMetres: -200),
                                                 Self.sensor("n3", northMetres: -300), Self.sensor("x", northMetres: 300)])
        for (id, v) in [("n1", 9.0), ("n2", 10), ("n3", 11)] { _ = late.record(Self.observation(id, 0, v)) }
        changes = []
        for seconds: Int64 in [121, 130, 140] { changes += late.record(Self.observation("x", seconds, 60)) }
        #expect(changes.isEmpty)
    }

    // MARK: Registry and snapshot

    @Test func registryChangesRecomputeNeighbours() {
        let far = Self.sensor("x", northMetres: 5_000)
        let cluster = [Self.sensor("n1", eastMetres: 200), Self.sensor("n2", eastMetres: -200), Self.sensor("n3", northMetres: -300)]
        var monitor = SensorHealthMonitor(sensors: cluster + [far])
        #expect(monitor.neighbours(of: "x", quantity: .pm25).isEmpty)
        var moved = far
        moved.location = Self.sensor("x", northMetres: 300).location
        monitor.replaceSensors(cluster + [moved])
        #expect(monitor.neighbours(of: "x", quantity: .pm25) == ["n1", "n2", "n3"])
        #expect(monitor.neighbours(of: "n1", quantity: .pm25) == ["n2", "n3", "x"])
        var changes: [SensorHealthChange] = []
        for minute: Int64 in 0..<3 {
            for (id, v) in [("n1", 9.0), ("n2", 10), ("n3", 11)] { changes += monitor.record(Self.observation(id, minute * 60, v)) }
            changes += monitor.record(Self.observation("x", minute * 60 + 5, 60))
        }
        #expect(changes.map(\.problem) == [.outlier])
        #expect(monitor.unhealthySensors == ["x"])

        // Dropping x forgets it and its problem; dropping n3 leaves n1 with one neighbour.
        monitor.replaceSensors(Array(cluster.prefix(2)))
        #expect(monitor.unhealthySensors.isEmpty)
        #expect(monitor.status(of: "x") == nil)
        #expect(monitor.neighbours(of: "n1", quantity: .pm25) == ["n2"])
        #expect(monitor.statuses.map(\.sensorID) == ["n1", "n2"])
    }

    @Test func unhealthySetAndStatusSnapshot() {
        var monitor = SensorHealthMonitor(sensors: [Self.sensor("a", [.pm25, .pm10]), Self.sensor("b"), Self.sensor("c", intervalSeconds: 3_600)])
        _ = monitor.record(Self.observation("a", 0, 5))
        _ = monitor.record(Self.observation("b", 0, 5))
        _ = monitor.record(Self.observation("c", 0, 5))
        _ = monitor.record(Self.observation("a", 30, 5_000, .pm10))
        _ = monitor.advance(to: Self.at(seconds: 215))
        // a: last heard at 30 s, so stale since 210 s, and pm10 out of range since 30 s; b: stale since 180 s; c: fine (hourly).
        #expect(monitor.unhealthySensors == ["a", "b"])
        #expect(monitor.unhealthySensors(for: .pm25) == ["a", "b"])
        let a = monitor.status(of: "a")
        #expect(a?.state == .unhealthy)
        #expect(a?.problems.map(\.problem) == [.stale, .outOfRange])
        #expect(a?.problems.map(\.since) == [Self.at(seconds: 210), Self.at(seconds: 30)])
        #expect(a?.lastObservation == Self.at(seconds: 30))
        #expect(monitor.status(of: "c")?.state == .ok)
        #expect(monitor.status(of: "c")?.problems.isEmpty == true)
        #expect(monitor.status(of: "nobody") == nil)
        _ = monitor.record(Self.observation("b", 220, 6))
        #expect(monitor.unhealthySensors == ["a"])
    }

    @Test func observationsOfUnknownSensorsOrQuantitiesAreIgnored() {
        var monitor = SensorHealthMonitor(sensors: [Self.sensor("a")])
        #expect(monitor.record(Self.observation("ghost", 0, -5)).isEmpty)
        #expect(monitor.record(Self.observation("a", 0, -5, .noise)).isEmpty)
        #expect(monitor.status(of: "a")?.lastObservation == nil)
    }
}
