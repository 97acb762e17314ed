import MQTT
import Testing

@Suite struct MQTTBackoffTests {
    @Test func doublesFromHalfASecondAndCapsAtThirty() {
        let backoff = MQTTBackoff()
        let delays = (0..<9).map { backoff.delaySeconds(attempt: $0) }
        #expect(delays == [0.5, 1, 2, 4, 8, 16, 30, 30, 30])
        #expect(backoff.delaySeconds(attempt: 10_000) == 30)
    }
}
