import SafeCityCore
import Testing
@testable import PublicHealth

@Suite struct CountSeriesTests {
    @Test func readsBothFixtureFormats() throws {
        let agona = try GoldenFixture.series("salmonella.agona")
        #expect(agona.count == 312)
        #expect(agona.dates == nil)
        #expect(agona.observed.prefix(3) == [1, 0, 5])
        let campy = try GoldenFixture.series("campyDE")
        #expect(campy.count == 522)
        #expect(campy.dates?.first == CivilDate(year: 2001, month: 12, day: 31))
        #expect(campy.dates?.first?.weekday == 1)  // 2001-12-31 was a Monday
        #expect(campy.observed.prefix(3) == [514, 913, 1023])
    }

    @Test func rejectsNegativeCountNamingTheLine() {
        let csv = "t,observed,date\n1,4,2020-01-06\n2,-3,2020-01-13\n"
        #expect(throws: HealthInputError.negativeCount(line: 3, value: -3)) { try CountSeries.parseCSV(csv) }
    }

    @Test func rejectsFractionalCount() {
        let csv = "\"t\",\"observed\",\"year\",\"week\"\n1,4,2020,1\n2,2.5,2020,2\n"
        #expect(throws: HealthInputError.nonIntegerCount(line: 3, text: "2.5")) { try CountSeries.parseCSV(csv) }
    }

    @Test func rejectsGapsInIndexAndDates() {
        let indexGap = "t,observed\n1,4\n3,5\n"
        #expect(throws: HealthInputError.self) { try CountSeries.parseCSV(indexGap) }
        let dateGap = "t,observed,date\n1,4,2020-01-06\n2,5,2020-01-20\n"
        do {
            _ = try CountSeries.parseCSV(dateGap)
            Issue.record("a 14-day step was accepted")
        } catch {
            #expect(error.description == "line 3: date 2020-01-20 is 14 days after 2020-01-06; expected 7")
        }
        let weekGap = "t,observed,year,week\n1,4,2020,51\n2,5,2020,52\n3,1,2021,2\n"
        #expect(throws: HealthInputError.self) { try CountSeries.parseCSV(weekGap) }
    }

    @Test func tooShortSaysHowMuchHistoryIsNeeded() throws {
        let series = try CountSeries(observed: [1, 2, 3, 4, 5, 6])
        do {
            _ = try AberrationDetector.detect(series, method: .earsC3, control: .defaults(for: .earsC3))
            Issue.record("a 6-week series was judged by C3")
        } catch {
            #expect(error.description == "EARS C3 needs 11 weeks before the first judged week; the series has 6")
        }
    }

    @Test func civilDateArithmeticMatchesTheCalendar() throws {
        let leap = try #require(CivilDate(year: 2008, month: 2, day: 29))
        #expect(leap.subtracting(years: 1) == CivilDate(year: 2007, month: 3, day: 1))  // as R's seq(by = "-1 year")
        #expect(CivilDate(daysSinceEpoch: 0) == CivilDate(year: 1970, month: 1, day: 1))
        #expect(CivilDate(year: 2000, month: 3, day: 1)?.daysSinceEpoch == 11_017)
        #expect(CivilDate(year: 2023, month: 2, day: 29) == nil)
    }
}

@Suite struct CountSeriesDailyTests {
    @Test func dailyTooShortMessageSpeaksOfDays() throws {
        let series = try CountSeries(observed: [1, 2, 3], periodsPerYear: 365)
        do {
            _ = try AberrationDetector.detect(series, method: .earsC1, control: .defaults(for: .earsC1))
            Issue.record("a 3-day series was judged by C1")
        } catch {
            #expect(error.description == "EARS C1 needs 7 days before the first judged day; the series has 3")
        }
    }

    @Test func negativeCountInCodeNamesTheIndex() {
        #expect(throws: HealthInputError.self) { try CountSeries(observed: [1, -1]) }
    }
}
