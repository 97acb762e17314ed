import Alerting
import SafeCityCore
import Testing

@Suite struct DeliveryBackoffTests {
    @Test func delaysDoubleWithJitterAndStopAtTheCap() {
        let backoff = DeliveryBackoff(baseMilliseconds: 1000, capMilliseconds: 60_000)
        var random = SplitMix64(seed: 9)
        for attempt in 1...30 {
            let full = min(60_000, 1000 * (Int64(1) << min(attempt - 1, 30)))
            let delay = backoff.delayMilliseconds(attempt: attempt, using: &random)
            #expect(delay >= full / 2 && delay <= full, "attempt \(attempt): \(delay)")
        }
    }

    @Test func theSameSeedGivesTheSameSchedule() {
        let backoff = DeliveryBackoff()
        var a = SplitMix64(seed: 4), b = SplitMix64(seed: 4)
        #expect((1...10).map { backoff.delayMilliseconds(attempt: $0, using: &a) } == (1...10).map { backoff.delayMilliseconds(attempt: $0, using: &b) })
    }
}
