import Community
import Testing

@Suite struct ReportNoticeTextTests {
    static func facts(_ kind: ReportNotification.Kind, status: ReportStatus, note: String? = nil) -> ReportNoticeText.Facts {
        ReportNoticeText.Facts(kind: kind, requestID: "000042", reporterRequestID: kind == .merged ? "000043" : "000042",
                               serviceName: "Broken street light", status: status, publicNote: note)
    }

    @Test func theEmailNamesTheRequestServiceStatusNoteLinkAndHowToStop() {
        let text = ReportNoticeText(Self.facts(.statusChanged, status: .closed, note: "Lamp replaced."), language: .english, publicBaseURL: "https://city.example/")
        #expect(text.subject == "Your report #000042 (Broken street light): closed")
        #expect(text.body.contains("Request number: 000042"))
        #expect(text.body.contains("Status: closed"))
        #expect(text.body.contains("Lamp replaced."))
        #expect(text.body.contains("https://city.example/open311/v2/requests/000042.json"), "no double slash from the base URL")
        #expect(text.body.contains("https://city.example/portal/en/report"))
        #expect(text.body.contains("To stop these notices"))
    }

    @Test func spanishWordsEveryStatus() {
        let words = ReportStatus.allCases.map { ReportNoticeText(Self.facts(.statusChanged, status: $0), language: .spanish, publicBaseURL: "https://c.example").subject }
        #expect(words == ["Su solicitud n.º 000042 (Broken street light): recibida", "Su solicitud n.º 000042 (Broken street light): asignada a un equipo",
                          "Su solicitud n.º 000042 (Broken street light): en curso", "Su solicitud n.º 000042 (Broken street light): cerrada"])
        let merged = ReportNoticeText(Self.facts(.merged, status: .acknowledged), language: .spanish, publicBaseURL: "https://c.example")
        #expect(merged.body.contains("su solicitud 000043 se ha unido a la solicitud 000042"))
        #expect(merged.body.contains("/portal/es/report"))
    }

    @Test func theMergedReporterIsToldWhichRequestTheyNowFollow() {
        let text = ReportNoticeText(Self.facts(.merged, status: .acknowledged), language: .english, publicBaseURL: "https://c.example")
        #expect(text.body.contains("your report 000043 was joined to request 000042"))
        #expect(text.body.contains("left your contact with report 000043"))
        #expect(text.sms.contains("merged into an earlier report"))
    }

    @Test func aLongNoteIsCutInTheSMSButNotInTheEmail() {
        let note = String(repeating: "word ", count: 100)
        let text = ReportNoticeText(Self.facts(.statusChanged, status: .inProgress, note: note), language: .english, publicBaseURL: "https://c.example")
        #expect(text.body.contains(note))
        #expect(!text.sms.contains(note) && text.sms.contains("…"))
        #expect(text.sms.count < ReportNoticeText.smsNoteCharacters + 150)
        #expect(text.sms.hasSuffix("Reply STOP to stop notices."))
    }
}

/// E.164 (ITU-T Recommendation E.164: at most 15 digits, country code first), with national trunk prefixes dropped.
@Suite struct E164NumberTests {
    @Test(arguments: [
        ("+1 (202) 555-0143", nil, "+12025550143"),
        ("0033 1 23 45 67 89", nil, "+33123456789"),
        ("06 12 34 56 78", "33", "+33612345678"),
        ("93 15 00 01", "377", "+37793150001"),
        ("+377.93.15.00.01", "1", "+37793150001"),
    ] as [(String, String?, String)])
    func numbersAreNormalised(_ typed: String, _ country: String?, _ expected: String) throws {
        #expect(try E164Number(typed, defaultCountryCode: country).text == expected)
    }

    @Test func numbersThatCannotBeE164AreRefusedWithAReason() {
        #expect(throws: CommunityError.self) { try E164Number("93 15 00 01", defaultCountryCode: nil) }
        #expect(throws: CommunityError.self) { try E164Number("+1 234", defaultCountryCode: nil) }
        #expect(throws: CommunityError.self) { try E164Number("+1234567890123456", defaultCountryCode: nil) }
        #expect(throws: CommunityError.self) { try E164Number("+33 6 12 ext 5", defaultCountryCode: nil) }
        #expect(throws: CommunityError.self) { try E164Number("12+345678901", defaultCountryCode: "1") }
    }
}
