import Foundation
import RoadNetwork
import SafeCityServer

extension RouteCommand {
    /// Routes every pair of a CSV file and prints `src_lat,src_lon,dst_lat,dst_lon,duration_s,distance_m`.
    ///
    /// A pair with an end off the roads or without a route gets empty duration and distance cells. The whole
    /// file is checked before anything is routed: a bad row fails with its line number and nothing is printed.
    func runBatch(pairsPath: String) throws {
        guard let data = FileManager.default.contents(atPath: pairsPath) else {
            throw CLIError("cannot read pairs file \(pairsPath)")
        }
        let name = URL(fileURLWithPath: pairsPath).lastPathComponent
        let pairs = try RoutePairs.parse(String(decoding: data, as: UTF8.self), name: name)
        let router = try roadOptions.load().router(for: profile)
        var output = RoutePairs.outputHeader + "\n"
        for pair in pairs {
            let route = try? router.route(from: pair.from, to: pair.to, metric: metric)
            output += RoutePairs.row(pair, durationSeconds: route?.durationSeconds, distanceMetres: route?.distanceMetres) + "\n"
        }
        FileHandle.standardOutput.write(Data(output.utf8))
    }
}
