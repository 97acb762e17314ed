import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Geo
import SafeCityCore
import Testing
@testable import Forecasting

/// A hand-computed backtest on the 2 × 2 grid with a method whose ranking is fixed: cell 3, 0, 1, 2.
@Suite struct BacktestTests {
    let grid = TestSupport.twoByTwoGrid()
    let start = Timestamp(millisecondsSince1970: 1_470_000_000_000)

    /// Day 1: two incidents in cell 0, one in cell 2, one in cell 3. Day 2: one in cell 1. Day 3: none.
    var records: [IncidentRecord] {
        let hour: Int64 = 3_600_000
        return [(0, 0), (0, 0), (0, 2), (0, 3), (1, 1)].enumerated().map { index, entry in
            IncidentRecord(time: start.adding(milliseconds: Int64(entry.0) * TestSupport.day + Int64(index + 1) * hour),
                           location: grid.centre(of: entry.1))
        } + [IncidentRecord(time: start.adding(milliseconds: -TestSupport.day), location: grid.centre(of: 2))]
    }

    func run() -> BacktestResult {
        Backtest.run(records: records, grid: grid,
                     methods: [FixedForecast(scores: [3, 2, 1, 4], name: "fixed"), FixedForecast(scores: [0, 0, 0, 0], name: "flat")],
                     testFrom: start, testTo: start.adding(milliseconds: 3 * TestSupport.day),
                     coverages: [0.25, 0.5])
    }

    @Test func hitRatePAIAndPEIMatchHandComputation() throws {
        let result = run()
        #expect(result.stepCount == 3)
        #expect(result.scoredSteps == 2)
        // Coverage 25 % (1 cell, cell 3). Day 1: 1 of 4 hit → hit rate 0.25, PAI 0.25 / 0.25 = 1,
        // PEI 1 / 2 (the best single cell held 2). Day 2: 0 of 1 → 0, 0, 0. Means: 0.125, 0.5, 0.25.
        let quarter = try #require(result.row(method: "fixed", coverage: 0.25))
        #expect(quarter.flaggedCells == 1)
        #expect(abs(quarter.meanHitRate - 0.125) < 1e-12)
        #expect(abs(quarter.meanPAI - 0.5) < 1e-12)
        #expect(abs(quarter.meanPEI - 0.25) < 1e-12)
        #expect(quarter.hits == 1 && quarter.incidents == 5)
        // Coverage 50 % (cells 3, 0). Day 1: 3 of 4 → 0.75, PAI 1.5, PEI 3 / 3 = 1. Day 2: cell 1 missed → 0.
        let half = try #require(result.row(method: "fixed", coverage: 0.5))
        #expect(half.flaggedCells == 2)
        #expect(abs(half.meanHitRate - 0.375) < 1e-12)
        #expect(abs(half.meanPAI - 0.75) < 1e-12)
        #expect(abs(half.meanPEI - 0.5) < 1e-12)
        #expect(half.randomHitRate == 0.5)
        #expect(result.steps.map(\.flagged[0][1]) == [[3, 0], [3, 0], [3, 0]])
    }

    @Test func flaggedCountRoundsUpWithoutFloatingNoise() {
        #expect(Backtest.flaggedCellCount(coverage: 0.05, cellCount: 4900) == 245)
        #expect(Backtest.flaggedCellCount(coverage: 0.1, cellCount: 4) == 1)
        #expect(Backtest.flaggedCellCount(coverage: 0.01, cellCount: 4) == 1)
        #expect(Backtest.flaggedCellCount(coverage: 0.10, cellCount: 4901) == 491)
    }

    @Test func tableJSONAndSVGDescribeTheResult() throws {
        let result = run()
        let table = result.table()
        let lines = table.split(separator: "\n")
        #expect(lines.count == 1 + 4 + 1)
        #expect(lines[1].hasPrefix("fixed") && lines[1].contains("12.5%") && lines[1].contains("0.50"))
        #expect(Set(lines.prefix(5).map(\.count)).count == 1) // aligned columns

        let decoded = try JSONDecoder().decode(BacktestResult.self, from: Data(try result.json().utf8))
        #expect(decoded.rows == result.rows)
        #expect(decoded.steps.isEmpty)

        let svg = result.svg()
        let checker = SVGChecker()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = checker
        #expect(parser.parse())
        #expect(checker.root == "svg" && checker.namespace == "http://www.w3.org/2000/svg")
        #expect(checker.polylines == 2)
        #expect(checker.texts.contains("fixed") && checker.texts.contains("flat") && checker.texts.contains("random ranking"))
        #expect(checker.texts.contains("hit rate"))
    }

    @Test func fairnessAuditComparesFlaggedAndIncidentShares() throws {
        // West district = cells 0 and 2, east = cells 1 and 3. At 25 % the fixed method flags cell 3
        // on all 3 days: flagged shares west 0, east 1. Incidents: west 3 (60 %), east 2 (40 %).
        let west = District(name: "West", polygon: [grid.polygon(of: 0)[0], grid.polygon(of: 0)[1], grid.polygon(of: 2)[2], grid.polygon(of: 2)[3]], population: 1000)
        let east = District(name: "East", polygon: [grid.polygon(of: 1)[0], grid.polygon(of: 1)[1], grid.polygon(of: 3)[2], grid.polygon(of: 3)[3]], population: 3000)
        let report = FairnessAudit(districts: [west, east]).audit(run(), grid: grid, method: "fixed", coverage: 0.25)
        let w = report.districts[0], e = report.districts[1]
        #expect(w.cells == 2 && e.cells == 2 && w.areaShare == 0.5)
        #expect(abs(w.incidentShare - 0.6) < 1e-12 && abs(e.incidentShare - 0.4) < 1e-12)
        #expect(w.flaggedShare == 0 && e.flaggedShare == 1)
        #expect(w.populationShare == 0.25 && e.populationShare == 0.75)
        #expect(w.hitRate == 0 && e.hitRate == 0.5)
        #expect(abs(e.flaggedToIncidentRatio! - 2.5) < 1e-12)
        #expect(report.flaggedToIncidentDisparity == .infinity)
        #expect(report.warnings.count == 2)
        #expect(report.warnings[0].contains("East") && report.warnings[0].contains("West"))

        // At 50 % (cells 3 and 0 flagged): each district holds half the flagged cell-steps.
        let even = FairnessAudit(districts: [west, east], disparityThreshold: 5).audit(run(), grid: grid, method: "fixed", coverage: 0.5)
        #expect(even.districts.map(\.flaggedShare) == [0.5, 0.5])
        let ratios = even.districts.map { $0.flaggedToIncidentRatio! }
        #expect(abs(even.flaggedToIncidentDisparity! - (0.5 / 0.4) / (0.5 / 0.6)) < 1e-12 && abs(ratios[1] - 1.25) < 1e-12)
    }
}

/// Collects what a chart test needs from an SVG document.
final class SVGChecker: NSObject, XMLParserDelegate {
    var root: String?
    var namespace: String?
    var polylines = 0
    var texts: [String] = []
    private var text = ""

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if root == nil {
            root = name
            namespace = attributes["xmlns"]
        }
        if name == "polyline" { polylines += 1 }
        text = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text" { texts.append(text) }
    }
}
