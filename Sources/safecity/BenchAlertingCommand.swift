import Alerting
import ArgumentParser
import Foundation
import Geo
import SafeCityCore

/// `safecity bench alerting`: CAP write and parse throughput against Foundation's `XMLParser`
/// walking the same documents without building a model; targeting over subscriber areas with the
/// spatial index against a linear scan; approval-to-delivery time of webhooks against plain POSTs.
struct BenchAlertingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerting", abstract: "CAP 1.2 throughput, targeting and delivery times, as JSON lines.")

    @Option(help: "Distinct generated alerts.") var alerts: Int = 200
    @Option(help: "Passes over the alerts per measurement.") var rounds: Int = 10
    @Option(help: "Seed of the generated alerts.") var seed: UInt64 = 7
    @Option(help: "Subscriber areas for the targeting figure (0 skips it).") var areas: Int = 1_000_000
    @Option(help: "Alert areas targeted, each timed with the index and with the linear scan.") var queries: Int = 50
    @Option(help: "Webhook subscribers for the delivery figure (0 skips it).") var subscribers: Int = 10_000
    @Option(help: "Webhooks in flight at once.") var concurrency: Int = 64
    @Option(help: "Seconds between making the subscriptions and approving the alert.") var settleSeconds: Int = 3

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
        if areas > 0 { try targeting() }
        if subscribers > 0 { try await delivery() }
    }

    /// Prints one figure line: percentiles in milliseconds and ratios against the baseline's.
    func printLatencies(_ figure: String, samples: [Double], baseline: String, baselineSamples: [Double], extra: [String: JSONValue]) {
        func ms(_ seconds: Double) -> JSONValue { .number((seconds * 1_000_000).rounded() / 1000) }
        let p50 = BenchFigure.percentile(samples, 0.5), p99 = BenchFigure.percentile(samples, 0.99)
        let b50 = BenchFigure.percentile(baselineSamples, 0.5), b99 = BenchFigure.percentile(baselineSamples, 0.99)
        var line = extra
        line["bench"] = .string("alerting")
        line["figure"] = .string(figure)
        line["p50Milliseconds"] = ms(p50)
        line["p99Milliseconds"] = ms(p99)
        line["minMilliseconds"] = ms(samples.min() ?? 0)
        line["maxMilliseconds"] = ms(samples.max() ?? 0)
        line["baseline"] = .string(baseline)
        line["baselineP50Milliseconds"] = ms(b50)
        line["baselineP99Milliseconds"] = ms(b99)
        line["ratioP99"] = .number(BenchFigure.round(p99 / max(b99, 1e-9)))
        line["speedupP50"] = .number(BenchFigure.round(b50 / max(p50, 1e-9)))
        printNow(String(decoding: JSONValue.object(line).canonicalBytes, as: UTF8.self))
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
