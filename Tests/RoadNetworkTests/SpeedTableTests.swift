import Testing
import RoadNetwork

@Suite struct SpeedTableTests {
    @Test(arguments: [
        ("50", 50.0), ("30 mph", 48.28032), ("20mph", 32.18688), ("10 knots", 18.52), ("70 km/h", 70),
        ("walk", 7), ("none", 130), ("FR:urban", 50), ("FR:rural", 80), ("DE:rural", 100), ("IT:urban", 50),
        ("DE:zone30", 30), ("DE:zone:30", 30), ("RU:living_street", 7), ("50;30", 30), (" 40 ", 40),
    ])
    func parsesMaxspeed(raw: String, expected: Double) {
        let parsed = SpeedTable.parseMaxspeed(raw)
        #expect(parsed != nil)
        #expect(abs((parsed ?? 0) - expected) < 1e-6)
    }

    @Test(arguments: ["signals", "variable", "", "fast", "-5", "0", "50 furlongs", "XX:nowhere", "99999"])
    func rejectsUnusableMaxspeed(raw: String) {
        #expect(SpeedTable.parseMaxspeed(raw) == nil)
    }
}
