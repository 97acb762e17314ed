import Mail
import SafeCityCore
import Testing

/// Expected texts are from date(1) (`date -u -R -d @SECONDS`) and RFC 5322 Appendix A.1.1.
@Suite struct MailDateTests {
    @Test func rfc5322AppendixExampleInUTC() {
        // "Fri, 21 Nov 1997 09:55:06 -0600" is 15:55:06 UTC: `date -u -d '1997-11-21 15:55:06' +%s` = 880127706.
        #expect(MailDate.format(Timestamp(millisecondsSince1970: 880_127_706_000)) == "Fri, 21 Nov 1997 15:55:06 +0000")
    }

    @Test func leapDayAndEpochMatchDate1() {
        #expect(MailDate.format(Timestamp(millisecondsSince1970: 1_709_251_199_999)) == "Thu, 29 Feb 2024 23:59:59 +0000")
        #expect(MailDate.format(Timestamp(millisecondsSince1970: 0)) == "Thu, 01 Jan 1970 00:00:00 +0000")
        #expect(MailDate.format(Timestamp(millisecondsSince1970: -1_000)) == "Wed, 31 Dec 1969 23:59:59 +0000")
    }
}
