import ArgumentParser
import Forecasting
import Foundation
import Geo
import SafeCityCore

/// `safecity bench forecasting`: fitting the self-exciting model (EM) and forecasting with it on a
/// simulated city of ~100k incidents on a 200×200 grid, against the retrospective KDE forecast of the
/// same history (the usual method it has to be worth its cost over).
struct BenchForecastingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecasting", abstract: "ETAS fit and forecast time on ~100k incidents and a 200×200 grid, against a KDE forecast.")

    @Option(help: "Days simulated (about 100k incidents in 1,000 days at the default rate).") var days: Double = 1_000
    @Option(name: .customLong("background-rate"), help: "Background incidents per day.") var backgroundRate: Double = 60
    @Option(help: "Grid columns and rows.") var cells: Int = 200
    @Option(help: "Seed of the simulation.") var seed: UInt64 = 2016

    func run() async throws {
        guard days > 0, backgroundRate > 0, (10...1_000).contains(cells) else { throw CLIError("--days and --background-rate must be positive, --cells within 10–1,000") }
        let progress = ProgressReporter(label: "bench forecasting")
        // 30 km × 30 km: a 200×200 grid of 150 m cells.
        let side = Double(cells) * 150
        let centre = GeoPoint(latitude: 41.85, longitude: -87.65)
        let halfLatitude = side / 2 / 111_320, halfLongitude = side / 2 / (111_320 * cos(centre.latitude * .pi / 180))
        let box = BoundingBox(minLatitude: centre.latitude - halfLatitude, minLongitude: centre.longitude - halfLongitude,
                              maxLatitude: centre.latitude + halfLatitude, maxLongitude: centre.longitude + halfLongitude)
        let truth = SelfExcitingParameters(theta: 0.4, omegaPerDay: 0.2, sigmaMetres: 120, backgroundRate: backgroundRate)
        var rng = SplitMix64(seed: seed)
        let hotspots = (0..<40).map { _ in
            SelfExcitingSimulator.Hotspot(centre: GeoPoint(latitude: Double.random(in: box.minLatitude..<box.maxLatitude, using: &rng),
                                                           longitude: Double.random(in: box.minLongitude..<box.maxLongitude, using: &rng)),
                                          spreadMetres: Double.random(in: 150..<600, using: &rng), weight: Double.random(in: 0.5..<2, using: &rng))
        }
        let start = Timestamp(millisecondsSince1970: 1_451_606_400_000)
        progress.message("simulating \(Int(days)) days at \(backgroundRate) background incidents a day (θ 0.4, ω 0.2/day, σ 120 m)")
        let simulation = SelfExcitingSimulator(parameters: truth, bounds: box, hotspots: hotspots, start: start, durationDays: days).simulate(using: &rng)
        let records = simulation.records
        let grid = ForecastGrid(bounds: box, cellMetres: 150)
        let end = start.adding(milliseconds: Int64(days * 86_400_000))
        progress.message("\(records.count) incidents, \(grid.columns)×\(grid.rows) cells; fitting by EM")

        let fitStart = ContinuousClock.now
        let fit = SelfExcitingModel().fit(history: records, grid: grid, end: end)
        let fitSeconds = (ContinuousClock.now - fitStart).seconds
        let forecast = FittedSelfExcitingForecast(fit: fit)
        let kde = KernelDensityForecast()
        let forecastSeconds = Self.median(5) { _ = forecast.intensity(history: records, at: end, grid: grid) }
        let kdeSeconds = Self.median(5) { _ = kde.intensity(history: records, at: end, grid: grid) }
        progress.finish()

        let figure = BenchFigure(bench: "forecasting", context: [
            "incidents": .number(Double(records.count)), "cells": .number(Double(grid.cellCount)),
        ])
        let p = fit.parameters
        figure.emit("etas-fit", seconds: fitSeconds, baseline: "retrospective KDE forecast of the same history", baselineSeconds: kdeSeconds, extra: [
            "targetMilliseconds": .number(30_000), "emRounds": .number(Double(fit.iterations)), "converged": .bool(fit.converged),
            "theta": .number(BenchFigure.round(p.theta)), "omegaPerDay": .number(BenchFigure.round(p.omegaPerDay)),
            "sigmaMetres": .number(BenchFigure.round(p.sigmaMetres)), "backgroundRate": .number(BenchFigure.round(p.backgroundRate)),
            "trueTheta": .number(0.4), "trueOmegaPerDay": .number(0.2), "trueSigmaMetres": .number(120), "trueBackgroundRate": .number(backgroundRate),
        ])
        figure.emit("etas-forecast", seconds: forecastSeconds, baseline: "retrospective KDE forecast of the same history", baselineSeconds: kdeSeconds,
                    extra: ["targetMilliseconds": .number(100)])
    }

    static func median(_ runs: Int, _ body: () -> Void) -> Double {
        (0..<runs).map { _ in
            let began = ContinuousClock.now
            body()
            return (ContinuousClock.now - began).seconds
        }.sorted()[runs / 2]
    }
}
