import Alerting
import ArgumentParser
import Foundation
import Geo
import SafeCityCore

/// `safecity bench alerting`: CAP write and parse throughput against Foundation's `XMLParser`
/// walking the same documents without building a model, measured in the same run.
struct BenchAlertingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerting", abstract: "CAP 1.2 write and parse throughput, as JSON lines.")

    @Option(help: "Distinct generated alerts.") var alerts: Int = 200
    @Option(help: "Passes over the alerts per measurement.") var rounds: Int = 10
    @Option(help: "Seed of the generated alerts.") var seed: UInt64 = 7

    func run() async throws {
        guard alerts > 0, rounds > 0 else { throw CLIError("--alerts and --rounds must be positive") }
        var generator = SplitMix64(seed: seed)
        let start = Timestamp(millisecondsSince1970: 1_795_000_000_000)
        let models = (0..<alerts).map { i in
            let centre = GeoPoint(latitude: 43.72 + Double.random(in: 0..<0.03, using: &generator),
                                  longitude: 7.40 + Double.random(in: 0..<0.04, using: &generator))
            return AlertDraft.airQualityAdvisory(center: centre, radiusMetres: Double.random(in: 200..<3000, using: &generator), now: start)
                .compose(identifier: "bench-\(i)", sender: "alerts@safecity.example", sent: start.adding(milliseconds: Int64(i) * 1000),
                         msgType: .alert, references: nil)
        }
        let documents = models.map { Data(CAPWriter.write($0).utf8) }
        let bytes = documents.reduce(0) { $0 + $1.count }
        let total = alerts * rounds

        var elements = 0
        let baseline = measure { for document in documents { elements += XMLWalkBaseline.walk(document) } }
        var written = 0
        let write = measure { for model in models { written += CAPWriter.write(model).utf8.count } }
        var parsed = 0
        let parse = try measureThrowing { for document in documents { parsed += try CAPParser.parse(document).infos.count } }
        var roundTrips = 0
        let roundTrip = try measureThrowing {
            for model in models where try CAPParser.parse(CAPWriter.write(model)) == model { roundTrips += 1 }
        }
        guard roundTrips == total, written > 0, parsed > 0, elements > 0 else { throw CLIError("round trip changed \(total - roundTrips) alerts") }

        let baselineRate = Double(total) / baseline
        for (figure, seconds) in [("write", write), ("parse", parse), ("write+parse", roundTrip)] {
            let rate = Double(total) / seconds
            let line = JSONValue.object([
                "bench": .string("alerting"), "figure": .string(figure), "alerts": .number(Double(total)),
                "meanBytes": .number(Double(bytes / alerts)), "seconds": .number((seconds * 1000).rounded() / 1000),
                "alertsPerSecond": .number(rate.rounded()),
                "baseline": .string("Foundation XMLParser walking the same documents, no model"),
                "baselineAlertsPerSecond": .number(baselineRate.rounded()),
                "ratio": .number((rate / baselineRate * 1000).rounded() / 1000),
            ])
            printNow(String(decoding: line.canonicalBytes, as: UTF8.self))
        }
    }

    private func measure(_ body: () -> Void) -> Double {
        let start = ContinuousClock.now
        for _ in 0..<rounds { body() }
        return (ContinuousClock.now - start).seconds
    }

    private func measureThrowing(_ body: () throws -> Void) throws -> Double {
        let start = ContinuousClock.now
        for _ in 0..<rounds { try body() }
        return (ContinuousClock.now - start).seconds
    }
}
