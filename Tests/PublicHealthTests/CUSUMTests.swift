import Testing
@testable import PublicHealth

@Suite struct CUSUMTests {
    /// A hand-computed case: the baseline (t−9…t−3) of the first judged weeks is 2,4,2,4,2,4,2
    /// (mean 20/7, sd √(48/49·7/6) = √(8/7)); values worked out by hand below.
    @Test func handComputedSmallSeries() throws {
        //          t: 1  2  3  4  5  6  7  8  9 10 11 12
        let counts = [2, 4, 2, 4, 2, 4, 2, 9, 9, 9, 9, 3]
        let series = try CountSeries(observed: counts)
        var control = AberrationControl.defaults(for: .cusum)
        control.range = 10...11
        let points = try AberrationDetector.detect(series, method: .cusum, control: control)
        let mean = 20.0 / 7.0
        let sd = (8.0 / 7.0).squareRoot()  // Σ(x−mean)² = 3·(8/7)²+4·(6/7)² = 48/7; /6
        // t = 10: z = (9 − mean)/sd ≈ 5.745; S = z − 0.5 ≈ 5.245 > 4 → alarm, reset.
        #expect(points[0].alarm == true)
        #expect(abs(points[0].upperbound! - (mean + sd * 4.5)) < 1e-12)
        // t = 11: baseline t 2…8 = 4,2,4,2,4,2,9: mean 27/7, S restarted at 0.
        let mean11 = 27.0 / 7.0
        let ss = [4.0, 2, 4, 2, 4, 2, 9].map { ($0 - mean11) * ($0 - mean11) }.reduce(0, +)
        let sd11 = (ss / 6).squareRoot()
        #expect(abs(points[1].upperbound! - (mean11 + sd11 * 4.5)) < 1e-12)
        #expect(points[1].alarm == ((9 - mean11) / sd11 - 0.5 > 4))
    }

    @Test func accumulatesAShiftAndResetsAfterTheAlarm() throws {
        // Baseline alternates 10/12 (t odd 10, t even 12); weeks 21–23 have 14.
        // t 21: baseline t 12…18 = 12,10,12,10,12,10,12: mean 78/7, sd √(48/49·7/6)·… = 1.0690;
        //   z = (14 − 11.143)/1.069 = 2.673, S = 2.173 (no alarm).
        // t 22: baseline t 13…19: mean 76/7, same sd; z = 2.940, S = 2.173 + 2.440 = 4.613 > 4: alarm, reset.
        // t 23: z = 2.673 again, S = 2.173: no alarm (it would be without the reset).
        var counts = [Int]()
        for i in 0..<20 { counts.append(i % 2 == 0 ? 10 : 12) }
        counts += [14, 14, 14]
        let series = try CountSeries(observed: counts)
        var control = AberrationControl.defaults(for: .cusum)
        control.range = 21...23
        let alarms = try AberrationDetector.detect(series, method: .cusum, control: control).map { $0.alarm }
        #expect(alarms == [false, true, false])
    }
}
