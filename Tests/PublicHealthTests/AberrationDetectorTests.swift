import Testing
@testable import PublicHealth

/// Every row of R `surveillance` 1.20.3's outputs (Fixtures/health, made by make_golden.R).
@Suite struct AberrationDetectorTests {
    static let datasets = ["salmonella.agona", "campyDE"]

    static func run(_ dataset: String, _ file: String, method: AberrationMethod, control: AberrationControl) throws -> [String] {
        let series = try GoldenFixture.series(dataset)
        let expected = try GoldenFixture.expected("\(dataset)_\(file)")
        let actual = try AberrationDetector.detect(series, method: method, control: control)
        return GoldenFixture.mismatches(actual, expected)
    }

    @Test(arguments: datasets)
    func earsC1MatchesR(dataset: String) throws {
        let bad = try Self.run(dataset, "earsC1", method: .earsC1, control: .defaults(for: .earsC1))
        #expect(bad.isEmpty, "\(bad.count) rows differ: \(bad.prefix(5))")
    }

    @Test(arguments: datasets)
    func earsC2MatchesR(dataset: String) throws {
        let bad = try Self.run(dataset, "earsC2", method: .earsC2, control: .defaults(for: .earsC2))
        #expect(bad.isEmpty, "\(bad.count) rows differ: \(bad.prefix(5))")
    }

    @Test(arguments: datasets)
    func earsC3AtAlpha0001MatchesR(dataset: String) throws {
        var control = AberrationControl.defaults(for: .earsC3)
        control.alpha = 0.001
        let bad = try Self.run(dataset, "earsC3", method: .earsC3, control: control)
        #expect(bad.isEmpty, "\(bad.count) rows differ: \(bad.prefix(5))")
    }

    @Test(arguments: datasets)
    func earsC3DefaultMatchesR(dataset: String) throws {
        let bad = try Self.run(dataset, "earsC3_default", method: .earsC3, control: .defaults(for: .earsC3))
        #expect(bad.isEmpty, "\(bad.count) rows differ: \(bad.prefix(5))")
    }

    static func lastTwoYears(_ dataset: String) throws -> ClosedRange<Int> {
        let n = try GoldenFixture.series(dataset).count
        return max(182 + 1, n - 103)...n
    }

    @Test(arguments: datasets)
    func farrington1996MatchesR(dataset: String) throws {
        var control = AberrationControl.defaults(for: .farrington)
        control.b = 3
        control.range = try Self.lastTwoYears(dataset)
        let bad = try Self.run(dataset, "farrington1996", method: .farrington, control: control)
        #expect(bad.isEmpty, "\(bad.count) rows differ: \(bad.prefix(5))")
    }

    @Test(arguments: datasets)
    func farrington1996DefaultMatchesR(dataset: String) throws {
        var control = AberrationControl.defaults(for: .farrington)
        control.range = 264...(try GoldenFixture.series(dataset).count)
        let bad = try Self.run(dataset, "farrington1996_default", method: .farrington, control: control)
        #expect(bad.isEmpty, "\(bad.count) rows differ: \(bad.prefix(5))")
    }

    @Test(arguments: datasets)
    func farringtonFlexibleMatchesR(dataset: String) throws {
        var control = AberrationControl.defaults(for: .farringtonFlexible)
        control.b = 3
        control.range = try Self.lastTwoYears(dataset)
        let bad = try Self.run(dataset, "farringtonFlexible", method: .farringtonFlexible, control: control)
        #expect(bad.isEmpty, "\(bad.count) rows differ: \(bad.prefix(5))")
    }

    @Test(arguments: datasets)
    func farringtonFlexibleDefaultMatchesR(dataset: String) throws {
        let bad = try Self.run(dataset, "farringtonFlexible_default", method: .farringtonFlexible, control: .defaults(for: .farringtonFlexible))
        #expect(bad.isEmpty, "\(bad.count) rows differ: \(bad.prefix(5))")
    }
}

@Suite struct AberrationDetectorEdgeTests {
    /// All-zero and constant histories must not crash any method; R gives a zero-variance
    /// baseline an EARS C1 threshold equal to the mean.
    @Test(arguments: AberrationMethod.allCases)
    func degenerateHistoriesDoNotCrash(method: AberrationMethod) throws {
        for value in [0, 4] {
            let series = try CountSeries(observed: [Int](repeating: value, count: 300) + [value + 9])
            var control = AberrationControl.defaults(for: method)
            control.b = 3
            control.range = 300...301
            let points = try AberrationDetector.detect(series, method: method, control: control)
            #expect(points.count == 2)
            if method == .earsC1 { #expect(points[0].upperbound == Double(value)) }
        }
    }

    @Test func rangeBeforeTheHistoryIsRejected() throws {
        let series = try CountSeries(observed: [Int](repeating: 3, count: 40))
        var control = AberrationControl.defaults(for: .earsC2)
        control.range = 5...40
        #expect(throws: HealthInputError.self) { try AberrationDetector.detect(series, method: .earsC2, control: control) }
    }
}
