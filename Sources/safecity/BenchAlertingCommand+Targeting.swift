import Alerting
import Foundation
import Geo
import SafeCityCore

extension BenchAlertingCommand {
    /// Targeting over `areas` random subscriber areas across about 450 × 330 km: index build, then each
    /// alert area with the packed R-tree and with a linear scan of every area's box (same exact test after).
    func targeting() throws {
        var random = SplitMix64(seed: seed &+ 1)
        func point() -> GeoPoint {
            GeoPoint(latitude: 44 + Double.random(in: 0..<4, using: &random), longitude: 1 + Double.random(in: 0..<4, using: &random))
        }
        let shapes: [AreaShape] = (0..<areas).map { i in
            let p = point()
            guard i % 3 == 0 else { return .circle(center: p, radiusMetres: Double.random(in: 50..<2000, using: &random)) }
            let d = Double.random(in: 0.001..<0.01, using: &random)
            return .polygon([p, GeoPoint(latitude: p.latitude, longitude: p.longitude + d),
                             GeoPoint(latitude: p.latitude + d, longitude: p.longitude + d), GeoPoint(latitude: p.latitude + d, longitude: p.longitude), p])
        }
        let buildStart = ContinuousClock.now
        let targeting = SubscriberTargeting(areas: shapes)
        let buildSeconds = (ContinuousClock.now - buildStart).seconds
        let alerts: [AreaShape] = (0..<queries).map { _ in .circle(center: point(), radiusMetres: Double.random(in: 1000..<10_000, using: &random)) }
        var indexed: [Double] = [], scanned: [Double] = []
        var reached = 0
        for alert in alerts {
            let t0 = ContinuousClock.now
            let found = targeting.targets(of: [alert])
            let t1 = ContinuousClock.now
            let baseline = targeting.targetsByLinearScan(of: [alert])
            let t2 = ContinuousClock.now
            guard found == baseline else { throw CLIError("the index and the linear scan disagree on an alert area") }
            reached += found.count
            indexed.append((t1 - t0).seconds)
            scanned.append((t2 - t1).seconds)
        }
        printLatencies("targeting", samples: indexed, baseline: "linear scan of every area's bounding box, same exact test", baselineSamples: scanned,
                       extra: ["areas": .number(Double(areas)), "queries": .number(Double(queries)),
                               "meanSubscribersReached": .number((Double(reached) / Double(max(queries, 1))).rounded()),
                               "indexBuildMilliseconds": .number((buildSeconds * 1000).rounded())])
    }
}
