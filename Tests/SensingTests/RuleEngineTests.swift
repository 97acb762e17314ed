import Geo
import SafeCityCore
import Testing
@testable import Sensing

/// Hand-computed expectations for each rule kind on small series.
@Suite struct RuleEngineTests {
    static let origin: Int64 = 1_790_000_000_000

    static func at(_ seconds: Int) -> Timestamp { Timestamp(millisecondsSince1970: origin + Int64(seconds) * 1000) }

    static func sensor(_ id: String, _ quantities: [Quantity], latitude: Double = 0.001, longitude: Double = 0.001,
                       intervalSeconds: Int = 60) -> Sensor {
        Sensor(id: id, kind: .airQuality, name: id, location: GeoPoint(latitude: latitude, longitude: longitude),
               quantities: quantities, reportIntervalSeconds: intervalSeconds, owner: "test")
    }

    static func engine(_ rules: [Rule], _ sensors: [Sensor], latenessSeconds: Double = 600) throws -> RuleEngine {
        RuleEngine(rules: try RuleSet(rules: rules, allowedLatenessSeconds: latenessSeconds), sensors: sensors)
    }

    /// Feeds `(seconds, value)` readings of one sensor and returns every firing as `state@seconds`.
    static func feed(_ engine: inout RuleEngine, _ sensor: String, _ quantity: Quantity, _ readings: [(Int, Double)]) -> [RuleFiring] {
        readings.flatMap { engine.ingest(Observation(sensorID: sensor, time: at($0.0), quantity: quantity, value: $0.1)) }
    }

    static func brief(_ firings: [RuleFiring]) -> [String] {
        firings.map { f in
            let seconds = (f.time.millisecondsSince1970 - origin) / 1000
            return "\(f.isRetraction ? "retract " : "")\(f.state.rawValue)@\(seconds)"
        }
    }

    @Test func thresholdFiresAboveAndClearsOnlyBelowTheHysteresisBand() throws {
        let rule = Rule(id: "pm", kind: .threshold(quantity: .pm25, condition: RuleCondition(side: .above, limit: 50, clearAt: 40), forSeconds: 0))
        var engine = try Self.engine([rule], [Self.sensor("s1", [.pm25])])
        // 50 is not above 50; 55 fires; 48 and 42 are inside the band; 40 clears (at or below clearAt);
        // 45 is below the limit, 52 fires again.
        let firings = Self.feed(&engine, "s1", .pm25, [(0, 45), (60, 50), (120, 55), (180, 48), (240, 42), (300, 40), (360, 45), (420, 52)])
        #expect(Self.brief(firings) == ["fired@120", "cleared@300", "fired@420"])
        #expect(firings.map(\.value) == [55, 40, 52])
        #expect(firings.allSatisfy { $0.ruleID == "pm" && $0.subject == "s1" })
        #expect(firings[0].evidence == [Observation(sensorID: "s1", time: Self.at(120), quantity: .pm25, value: 55)])
        #expect(engine.counters.evaluated == 8)
    }

    @Test func belowThresholdMirrorsAbove() throws {
        let rule = Rule(id: "jam", kind: .threshold(quantity: .trafficFlow, condition: RuleCondition(side: .below, limit: 100, clearAt: 300), forSeconds: 0))
        var engine = try Self.engine([rule], [Self.sensor("t1", [.trafficFlow])])
        let firings = Self.feed(&engine, "t1", .trafficFlow, [(0, 500), (60, 99), (120, 250), (180, 300), (240, 100)])
        #expect(Self.brief(firings) == ["fired@60", "cleared@180"])
    }

    @Test func thresholdHoldMustBeUnbrokenInEventTime() throws {
        let rule = Rule(id: "pm", kind: .threshold(quantity: .pm25, condition: RuleCondition(side: .above, limit: 50), forSeconds: 120))
        var engine = try Self.engine([rule], [Self.sensor("s1", [.pm25])])
        // Held from 0, broken at 120 by 49, held again from 180: 120 s of hold is reached at 300.
        let firings = Self.feed(&engine, "s1", .pm25, [(0, 55), (60, 56), (120, 49), (180, 55), (240, 56), (300, 57), (360, 58)])
        #expect(Self.brief(firings) == ["fired@300"])
        #expect(firings[0].evidence.map(\.time) == [Self.at(300), Self.at(240), Self.at(180)])
    }

    @Test func rateComparesTheOldestReadingOfTheWindowWithTheNewest() throws {
        let rule = Rule(id: "rise", kind: .rateOfChange(quantity: .nitrogenDioxide, direction: .rise,
                                                       condition: RuleCondition(side: .above, limit: 2), windowSeconds: 300))
        var engine = try Self.engine([rule], [Self.sensor("n1", [.nitrogenDioxide])])
        // Per-minute rates against the oldest reading at or after t − 300 s:
        // 60: 0, 120: 0.5, 180: 1.33, 240: 10/4 = 2.5 fires, 300: 11/5 = 2.2, 360: (21−10)/5 = 2.2,
        // 420: (21−11)/5 = 2.0 clears (not above 2).
        let firings = Self.feed(&engine, "n1", .nitrogenDioxide,
                                [(0, 10), (60, 10), (120, 11), (180, 14), (240, 20), (300, 21), (360, 21), (420, 21)])
        #expect(Self.brief(firings) == ["fired@240", "cleared@420"])
        #expect(firings.map(\.value) == [2.5, 2.0])
        #expect(firings[0].evidence.count == 5)
    }

    @Test func fallRateIsAPositiveAmount() throws {
        let rule = Rule(id: "drop", kind: .rateOfChange(quantity: .trafficFlow, direction: .fall,
                                                       condition: RuleCondition(side: .above, limit: 40, clearAt: 10), windowSeconds: 600))
        var engine = try Self.engine([rule], [Self.sensor("t1", [.trafficFlow])])
        // 1200→1170: 30/min; →1100: 50/min fires; flat after: 1100 vs 1200 over 3 min is 33/min (in band);
        // at 720 s the window starts at 120 s (1100): 0/min clears.
        let firings = Self.feed(&engine, "t1", .trafficFlow, [(0, 1200), (60, 1170), (120, 1100), (180, 1100), (720, 1100)])
        #expect(Self.brief(firings) == ["fired@120", "cleared@720"])
        #expect(firings[0].value == 50)
    }

    @Test func p95OverAWindowMatchesNumpysLinearPercentile() throws {
        let rule = Rule(id: "p95", kind: .aggregate(quantity: .noise, function: .percentile(95), windowSeconds: 600,
                                                    condition: RuleCondition(side: .above, limit: 19), scope: .sensor))
        var engine = try Self.engine([rule], [Self.sensor("m1", [.noise])])
        // Values 1…20 every 10 s. numpy.percentile(range(1, 20), 95) = 18.1, numpy.percentile(range(1, 21), 95) = 19.05.
        let firings = Self.feed(&engine, "m1", .noise, (1...20).map { ((($0 - 1) * 10), Double($0)) })
        #expect(Self.brief(firings) == ["fired@190"])
        #expect(abs(try #require(firings[0].value) - 19.05) < 1e-9)
        #expect(firings[0].evidence.count == 20)
        #expect(firings[0].evidence.first?.value == 20)
        // Then readings of 10 every 10 s from 600 s. The window is (t − 600 s, t] and always holds 20
        // readings; 19 and 20 (at 180 s and 190 s) stay the top two, p95 = 19.05, until 780 s, when 19
        // has left: sorted [10 ×19, 20], rank 18.05 → 10 + 0.05 × 10 = 10.5, at or below 19: clears.
        let later = Self.feed(&engine, "m1", .noise, (0..<20).map { (600 + $0 * 10, 10.0) })
        #expect(Self.brief(later) == ["cleared@780"])
        #expect(abs(try #require(later[0].value) - 10.5) < 1e-9)
    }

    @Test func areaSumsAllSensorsOfACellAndClearsWhenTheWindowEmpties() throws {
        let rule = Rule(id: "shots", kind: .aggregate(quantity: .gunshot, function: .sum, windowSeconds: 120,
                                                      condition: RuleCondition(side: .above, limit: 2), scope: .area))
        // a and b are 157 m and 314 m from the origin corner, both in cell (0, 0) of 500 m; c is about
        // 2.2 km north-east: row floor(0.02° × 111 195 m / 500) = 4, column 4.
        let sensors = [Self.sensor("a", [.gunshot]), Self.sensor("b", [.gunshot], latitude: 0.002, longitude: 0.002),
                       Self.sensor("c", [.gunshot], latitude: 0.02, longitude: 0.02)]
        var engine = try Self.engine([rule], sensors)
        var firings: [RuleFiring] = []
        firings += Self.feed(&engine, "a", .gunshot, [(0, 1)])
        firings += Self.feed(&engine, "b", .gunshot, [(30, 1)])
        firings += Self.feed(&engine, "c", .gunshot, [(40, 5)])
        firings += Self.feed(&engine, "a", .gunshot, [(60, 1)])
        #expect(Self.brief(firings) == ["fired@40", "fired@60"])
        #expect(firings.map(\.subject) == ["cell:4:4", "cell:0:0"])
        #expect(firings[1].value == 3)
        #expect(Set(firings[1].evidence.map(\.sensorID)) == ["a", "b"])
        // At 120 s the reading at 0 s leaves: 2 is not above 2. At 160 s c's only reading leaves: empty.
        let ticked = engine.advance(to: Self.at(200))
        #expect(Self.brief(ticked) == ["cleared@120", "cleared@160"])
        #expect(ticked.map(\.subject) == ["cell:0:0", "cell:4:4"])
        #expect(engine.advance(to: Self.at(400)).isEmpty)
    }

    @Test func absenceFiresOnTheClockTickAndClearsWhenDataReturns() throws {
        let rule = Rule(id: "silent", kind: .absence(quantity: .pm25, intervals: 3))
        var engine = try Self.engine([rule], [Self.sensor("s1", [.pm25]), Self.sensor("mute", [.pm25])])
        #expect(engine.advance(to: Self.at(0)).isEmpty)
        #expect(Self.feed(&engine, "s1", .pm25, [(0, 10), (60, 10)]).isEmpty)
        // 3 × 60 s after the reading at 60 s is 240 s; the never-heard sensor counts from the first tick.
        #expect(Self.brief(engine.advance(to: Self.at(200))) == ["fired@180"])
        let tick = engine.advance(to: Self.at(241))
        #expect(Self.brief(tick) == ["fired@240"])
        #expect(tick[0].subject == "s1")
        #expect(tick[0].value == 180)
        #expect(tick[0].evidence.map(\.time) == [Self.at(60)])
        #expect(engine.advance(to: Self.at(290)).isEmpty)
        let back = Self.feed(&engine, "s1", .pm25, [(300, 11)])
        #expect(Self.brief(back) == ["cleared@300"])
        #expect(back[0].value == 240)
    }

    @Test func absenceIsFoundFromArrivalsAlone() throws {
        let rule = Rule(id: "silent", kind: .absence(quantity: .pm25, intervals: 3))
        var engine = try Self.engine([rule], [Self.sensor("s1", [.pm25])])
        #expect(Self.brief(Self.feed(&engine, "s1", .pm25, [(0, 10), (180, 10), (400, 10)])) == ["fired@360", "cleared@400"])
    }

    private static func compositeRules(withinSeconds: Double, radiusMetres: Double) -> [Rule] {
        [Rule(id: "smoke", kind: .threshold(quantity: .pm25, condition: RuleCondition(side: .above, limit: 50), forSeconds: 0)),
         Rule(id: "loud", kind: .threshold(quantity: .noise, condition: RuleCondition(side: .above, limit: 80), forSeconds: 0)),
         Rule(id: "both", kind: .composite(a: "smoke", b: "loud", withinSeconds: withinSeconds, radiusMetres: radiusMetres))]
    }

    // n1 is 0.005° of longitude (556 m) east of p on the equator, n2 0.02° (2.2 km).
    private static let compositeSensors = [sensor("p", [.pm25], latitude: 0, longitude: 0),
                                           sensor("n1", [.noise], latitude: 0, longitude: 0.005),
                                           sensor("n2", [.noise], latitude: 0, longitude: 0.02)]

    @Test func compositeFiresForNearbySubjectsWithinTheTimeSpan() throws {
        var engine = try Self.engine(Self.compositeRules(withinSeconds: 300, radiusMetres: 1000), Self.compositeSensors)
        #expect(Self.brief(Self.feed(&engine, "p", .pm25, [(100, 60)])) == ["fired@100"])
        #expect(Self.brief(Self.feed(&engine, "n2", .noise, [(200, 90)])) == ["fired@200"])
        let near = Self.feed(&engine, "n1", .noise, [(250, 90)])
        #expect(near.map(\.ruleID) == ["loud", "both"])
        #expect(near[1].subject == "p+n1")
        #expect(near[1].time == Self.at(250))
        #expect(near[1].constituents.map(\.subject) == ["p", "n1"])
        let cleared = Self.feed(&engine, "p", .pm25, [(600, 10)])
        #expect(cleared.map { "\($0.ruleID) \($0.state.rawValue)@\(($0.time.millisecondsSince1970 - Self.origin) / 1000)" }
            == ["smoke cleared@600", "both cleared@600"])
    }

    @Test func compositeIgnoresFiringsTooFarApartInTime() throws {
        var engine = try Self.engine(Self.compositeRules(withinSeconds: 300, radiusMetres: 1000), Self.compositeSensors)
        _ = Self.feed(&engine, "p", .pm25, [(100, 60)])
        // 400 s after the smoke firing: outside the 300 s span although the smoke is still firing.
        #expect(Self.feed(&engine, "n1", .noise, [(500, 90)]).map(\.ruleID) == ["loud"])
        // Within the span and radius, but the smoke had cleared before the noise fired.
        var other = try Self.engine(Self.compositeRules(withinSeconds: 300, radiusMetres: 1000), Self.compositeSensors)
        _ = Self.feed(&other, "p", .pm25, [(100, 60), (150, 10)])
        #expect(Self.feed(&other, "n1", .noise, [(200, 90)]).map(\.ruleID) == ["loud"])
    }

    @Test func lateAndDuplicateObservationsAreCounted() throws {
        let rule = Rule(id: "pm", kind: .threshold(quantity: .pm25, condition: RuleCondition(side: .above, limit: 50), forSeconds: 0))
        var engine = try Self.engine([rule], [Self.sensor("s1", [.pm25])], latenessSeconds: 600)
        _ = Self.feed(&engine, "s1", .pm25, [(0, 10), (1000, 10)])
        #expect(Self.feed(&engine, "s1", .pm25, [(300, 99)]).isEmpty)  // 700 s behind the newest
        #expect(Self.feed(&engine, "s1", .pm25, [(1000, 99), (0, 99)]).isEmpty)  // duplicate; 0 s is also too late
        #expect(Self.brief(Self.feed(&engine, "s1", .pm25, [(400, 99)])) == ["fired@400", "cleared@1000"])  // exactly 600 s behind
        _ = engine.ingest(Observation(sensorID: "nobody", time: Self.at(1000), quantity: .pm25, value: 1))
        _ = engine.ingest(Observation(sensorID: "s1", time: Self.at(1000), quantity: .noise, value: 1))
        _ = engine.ingest(Observation(sensorID: "s1", time: Self.at(1100), quantity: .pm25, value: .nan))
        #expect(engine.counters.evaluated == 3)
        #expect(engine.counters.lateDropped == 2)
        #expect(engine.counters.duplicates == 1)
        #expect(engine.counters.ignored == 3)
    }

    @Test func aLateObservationThatBreaksAHoldRetractsTheFiring() throws {
        let rule = Rule(id: "pm", kind: .threshold(quantity: .pm25, condition: RuleCondition(side: .above, limit: 50), forSeconds: 120))
        var engine = try Self.engine([rule], [Self.sensor("s1", [.pm25])])
        #expect(Self.brief(Self.feed(&engine, "s1", .pm25, [(0, 55), (60, 55), (120, 55)])) == ["fired@120"])
        // A reading at 90 s below the limit shows the hold was broken: the firing at 120 s never happened.
        #expect(Self.brief(Self.feed(&engine, "s1", .pm25, [(90, 40)])) == ["retract fired@120"])
        // The hold restarts at 120 s and completes at 240 s.
        #expect(Self.brief(Self.feed(&engine, "s1", .pm25, [(180, 55), (240, 55)])) == ["fired@240"])
    }

    @Test func evidenceIsTheTwentyMostRecentReadings() throws {
        let rule = Rule(id: "pm", kind: .threshold(quantity: .pm25, condition: RuleCondition(side: .above, limit: 50), forSeconds: 3000))
        var engine = try Self.engine([rule], [Self.sensor("s1", [.pm25])])
        let firings = Self.feed(&engine, "s1", .pm25, (0...60).map { ($0 * 60, 60.0) })
        #expect(Self.brief(firings) == ["fired@3000"])
        #expect(firings[0].evidence.count == RuleFiring.maxEvidence)
        #expect(firings[0].evidence.first?.time == Self.at(3000))
        #expect(firings[0].evidence.last?.time == Self.at(3000 - 19 * 60))
    }

    @Test func aCompositeIsWithdrawnWithItsConstituent() throws {
        let rules = [Rule(id: "smoke", kind: .threshold(quantity: .pm25, condition: RuleCondition(side: .above, limit: 50), forSeconds: 120)),
                     Rule(id: "loud", kind: .threshold(quantity: .noise, condition: RuleCondition(side: .above, limit: 80), forSeconds: 0)),
                     Rule(id: "both", kind: .composite(a: "smoke", b: "loud", withinSeconds: 300, radiusMetres: 1000))]
        var engine = try Self.engine(rules, Self.compositeSensors)
        func names(_ firings: [RuleFiring]) -> [String] {
            zip(firings.map(\.ruleID), Self.brief(firings)).map { "\($0) \($1)" }
        }
        #expect(names(Self.feed(&engine, "p", .pm25, [(0, 60), (60, 60), (120, 60)])) == ["smoke fired@120"])
        #expect(names(Self.feed(&engine, "n1", .noise, [(130, 90)])) == ["loud fired@130", "both fired@130"])
        #expect(names(Self.feed(&engine, "p", .pm25, [(90, 10)])) == ["smoke retract fired@120", "both retract fired@130"])
    }

    @Test func areaRulesJudgeLatenessAgainstTheCell() throws {
        let rule = Rule(id: "loud", kind: .aggregate(quantity: .noise, function: .max, windowSeconds: 60,
                                                     condition: RuleCondition(side: .above, limit: 80), scope: .area))
        var engine = try Self.engine([rule], [Self.sensor("a", [.noise]), Self.sensor("b", [.noise], latitude: 0.002, longitude: 0.002)],
                                     latenessSeconds: 600)
        _ = Self.feed(&engine, "a", .noise, [(1000, 50)])
        // b has sent nothing yet, but the cell it shares with a has moved on to 1000 s.
        #expect(Self.feed(&engine, "b", .noise, [(300, 90)]).isEmpty)
        #expect(engine.counters.lateDropped == 1)
        #expect(Self.brief(Self.feed(&engine, "b", .noise, [(500, 90)])) == ["fired@500", "cleared@560"])
    }

    @Test func sensorUpdatesMoveTheSubjectAndChangeTheReportInterval() throws {
        let rule = Rule(id: "silent", kind: .absence(quantity: .pm25, intervals: 2))
        var engine = try Self.engine([rule], [Self.sensor("s1", [.pm25])])
        _ = Self.feed(&engine, "s1", .pm25, [(0, 1)])
        engine.update(sensor: Self.sensor("s1", [.pm25], intervalSeconds: 300))
        #expect(engine.advance(to: Self.at(500)).isEmpty)  // 2 × 300 s not yet passed
        #expect(Self.brief(engine.advance(to: Self.at(601))) == ["fired@600"])
        engine.update(sensor: Self.sensor("s2", [.pm25]))
        #expect(Self.brief(engine.advance(to: Self.at(800))) == ["fired@721"])  // counted from the clock at registration
    }
}

@Suite struct RuleSeriesSelectTests {
    @Test func quickselectAgreesWithSorting() {
        var rng = SplitMix64(seed: 11)
        for _ in 0..<2000 {
            let count = Int.random(in: 1...40, using: &rng)
            let values = (0..<count).map { _ in Double(Int.random(in: 0...12, using: &rng)) }
            let k = Int.random(in: 0..<count, using: &rng)
            var work = values
            let picked = RuleSeries.select(k, in: &work)
            let sorted = values.sorted()
            #expect(picked == sorted[k])
            #expect(work[..<k].allSatisfy { $0 <= picked } && work[(k + 1)...].allSatisfy { $0 >= picked })
        }
    }
}
