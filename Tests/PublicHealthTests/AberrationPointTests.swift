import Testing
@testable import PublicHealth

@Suite struct AberrationPointTests {
    /// Reading R's file and printing it again gives R's bytes: same header, 15 significant
    /// digits, NA where R has none.
    @Test(arguments: ["salmonella.agona_earsC1", "salmonella.agona_farringtonFlexible", "campyDE_farrington1996_default", "salmonella.agona_farrington1996"])
    func printsTheGoldenFormat(name: String) throws {
        let text = try GoldenFixture.text(name)
        #expect(AberrationPoint.csv(try GoldenFixture.expected(name)) == text)
    }

    @Test func r15DigitFormatting() {
        #expect(AberrationPoint.formatR(0) == "0")
        #expect(AberrationPoint.formatR(5) == "5")
        #expect(AberrationPoint.formatR(1.0 / 3.0) == "0.333333333333333")
        #expect(AberrationPoint.formatR(1308.0981225325912) == "1308.09812253259")
    }
}
