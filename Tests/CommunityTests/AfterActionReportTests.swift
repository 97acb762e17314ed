import SafeCityCore
import Testing
@testable import Community

@Suite struct AfterActionReportTests {
    @Test func judgesEachStepAgainstItsTarget() throws {
        let scenario = try #require(DrillScenario.named("structure-fire"))
        let t0 = Timestamp(millisecondsSince1970: 1_796_061_600_000)
        func at(_ seconds: Int64) -> Timestamp { t0.adding(milliseconds: seconds * 1_000) }
        let report = AfterActionReport(scenario: scenario, timeline: .init(
            callAt: at(0), incidentOpenedAt: at(45), firstDispatchAt: at(150), firstOnSceneAt: at(500), warningDraftedAt: at(60)))
        #expect(report.measures.map(\.seconds) == [45, 105, 350, nil])
        #expect(report.measures.map(\.met) == [true, false, true, nil])
        #expect(report.findings == ["incident to first unit dispatched: 105 s, target 60 s", "warning drafted to approved: did not happen during the drill"])
    }

    @Test func theCatalogueMarksItsWordingAsAnExercise() {
        for scenario in DrillScenario.catalogue {
            #expect(scenario.warning.headlineEnglish.hasPrefix("EXERCISE"))
            #expect(scenario.warning.headlineSpanish.hasPrefix("SIMULACRO"))
        }
    }
}
