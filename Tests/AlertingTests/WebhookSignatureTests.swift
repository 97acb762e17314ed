import Alerting
import Testing

@Suite struct WebhookSignatureTests {
    let body = Array(#"{"alertID":"a1"}"#.utf8)

    @Test func aSignatureVerifiesWithTheSameSecretBodyAndATimelyClock() {
        let header = WebhookSignature.header(body: body, secret: "whsec_1", unixSeconds: 1_800_000_000)
        #expect(header.hasPrefix("t=1800000000,v1="))
        #expect(header.count == "t=1800000000,v1=".count + 64)
        #expect(WebhookSignature.verify(header: header, body: body, secret: "whsec_1", nowUnixSeconds: 1_800_000_100))
    }

    @Test func tamperingAWrongSecretOrAStaleTimestampFails() {
        let header = WebhookSignature.header(body: body, secret: "whsec_1", unixSeconds: 1_800_000_000)
        #expect(!WebhookSignature.verify(header: header, body: body + [32], secret: "whsec_1", nowUnixSeconds: 1_800_000_000))
        #expect(!WebhookSignature.verify(header: header, body: body, secret: "whsec_2", nowUnixSeconds: 1_800_000_000))
        #expect(!WebhookSignature.verify(header: header, body: body, secret: "whsec_1", nowUnixSeconds: 1_800_001_000))
        #expect(!WebhookSignature.verify(header: "v1=abc", body: body, secret: "whsec_1", nowUnixSeconds: 1_800_000_000))
    }
}
