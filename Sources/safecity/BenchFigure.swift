import SafeCityCore

/// Prints one benchmark figure per line as JSON.
struct BenchFigure {
    /// The value of every line's `bench` field.
    let bench: String
    /// Fields every line carries, e.g. the city and profile.
    let context: [String: JSONValue]

    init(bench: String, context: [String: JSONValue]) {
        self.bench = bench
        self.context = context
    }

    /// A routing figure for a city and vehicle profile.
    init(city: String, profile: String) {
        self.init(bench: "routing", context: ["city": .string(city), "profile": .string(profile)])
    }

    /// A timed figure, with its ratio to a baseline when there is one.
    func emit(_ name: String, seconds: Double, baseline: String? = nil, baselineSeconds: Double? = nil,
              extra: [String: JSONValue] = [:]) {
        var line = extra.merging(context) { own, _ in own }
        line["bench"] = .string(bench)
        line["figure"] = .string(name)
        line["milliseconds"] = .number(Self.round(seconds * 1000))
        if let baseline, let baselineSeconds {
            line["baseline"] = .string(baseline)
            line["baselineMilliseconds"] = .number(Self.round(baselineSeconds * 1000))
            line["ratio"] = .number(Self.round(seconds / baselineSeconds))
            line["speedup"] = .number(Self.round(baselineSeconds / seconds))
        }
        printNow(String(decoding: JSONValue.object(line).canonicalBytes, as: UTF8.self))
    }

    /// A latency figure: p50/p99 in microseconds, and the speed-up over the baseline's median.
    func emitLatencies(_ name: String, samples: [Double], baseline: String, baselineSamples: [Double],
                       extra: [String: JSONValue] = [:]) {
        var line = extra.merging(context) { own, _ in own }
        line["bench"] = .string(bench)
        line["figure"] = .string(name)
        line["p50Microseconds"] = .number(Self.round(Self.percentile(samples, 0.5) * 1e6))
        line["p99Microseconds"] = .number(Self.round(Self.percentile(samples, 0.99) * 1e6))
        line["meanMicroseconds"] = .number(Self.round(samples.reduce(0, +) / Double(samples.count) * 1e6))
        line["baseline"] = .string(baseline)
        line["baselineP50Microseconds"] = .number(Self.round(Self.percentile(baselineSamples, 0.5) * 1e6))
        line["ratio"] = .number(Self.round(Self.percentile(samples, 0.5) / Self.percentile(baselineSamples, 0.5)))
        line["speedup"] = .number(Self.round(Self.percentile(baselineSamples, 0.5) / Self.percentile(samples, 0.5)))
        printNow(String(decoding: JSONValue.object(line).canonicalBytes, as: UTF8.self))
    }

    static func percentile(_ samples: [Double], _ fraction: Double) -> Double {
        let sorted = samples.sorted()
        return sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))]
    }

    /// Four significant decimals are plenty for a benchmark figure.
    static func round(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }
}
