import Foundation
import SafeCityCore

/// Fits a self-exciting point process (Mohler et al. 2011) to incidents by expectation–maximisation.
///
/// The background μ(x) is a kernel density over the (declustered) background incidents, kept on
/// the forecast grid; triggering is θ·ω·e^{−ωΔt}·𝒩(Δx; σ²I). Each EM round computes, for every
/// incident, the probability that it is background or was triggered by each earlier incident
/// (E-step), then re-estimates θ, ω, σ and the background from those probabilities (M-step).
///
/// - Note: For speed, only pairs less than `timeWindowDays` apart in time and `triggerRadiusMetres`
///   apart in space are considered as parent and child; the M-step corrects ω, σ and θ for that
///   truncation (and θ for children that would fall after the end of the data). The background is
///   evaluated leave-one-out (an incident's own kernel is not counted when judging whether it is
///   background), so the background cannot absorb every incident by sitting on top of it.
public struct SelfExcitingModel: Sendable {
    /// How the background kernel's bandwidth is chosen.
    public enum BackgroundBandwidth: Hashable, Sendable, Codable {
        /// The same Gaussian standard deviation for every incident.
        case fixed(metres: Double)
        /// Each incident's own standard deviation is the distance to its k-th nearest incident,
        /// at least `minimumMetres` (Mohler et al.'s variable bandwidth).
        case nearestNeighbour(k: Int, minimumMetres: Double)
    }

    /// How incidents are split between background and triggered in each round.
    public enum Declustering: Hashable, Sendable, Codable {
        /// Expected values of the branching (classic EM, deterministic).
        case expectation
        /// Stochastic declustering: each round samples one parent (or background) per incident,
        /// and the estimates are averaged over the second half of the rounds.
        case stochastic
    }

    /// Largest delay between parent and child considered, in days (default 30).
    public var timeWindowDays: Double
    /// Largest distance between parent and child considered, in metres (default 500).
    public var triggerRadiusMetres: Double
    /// Background kernel bandwidth (default: 15th nearest neighbour, at least 100 m).
    public var backgroundBandwidth: BackgroundBandwidth
    /// Expected or sampled branching (default expected).
    public var declustering: Declustering
    /// Most EM rounds (default 200; stochastic declustering runs exactly this many).
    public var maxIterations: Int
    /// Stop when no parameter changes by more than this fraction in a round (default 1e-5).
    public var tolerance: Double
    /// Starting values for θ, ω and σ (the background starts as half of every incident).
    public var initial: SelfExcitingParameters

    public init(
        timeWindowDays: Double = 30,
        triggerRadiusMetres: Double = 500,
        backgroundBandwidth: BackgroundBandwidth = .nearestNeighbour(k: 15, minimumMetres: 100),
        declustering: Declustering = .expectation,
        maxIterations: Int = 200,
        tolerance: Double = 1e-5,
        initial: SelfExcitingParameters = SelfExcitingParameters(theta: 0.5, omegaPerDay: 0.5, sigmaMetres: 100, backgroundRate: 0)
    ) {
        self.timeWindowDays = timeWindowDays
        self.triggerRadiusMetres = triggerRadiusMetres
        self.backgroundBandwidth = backgroundBandwidth
        self.declustering = declustering
        self.maxIterations = maxIterations
        self.tolerance = tolerance
        self.initial = initial
    }

    /// Fits the model to the incidents inside `grid` up to `end` (default: the last incident) by expectation EM.
    ///
    /// With ``Declustering/stochastic`` this uses a fixed seed; call ``fit(history:grid:end:using:)`` to choose it.
    public func fit(history: [IncidentRecord], grid: ForecastGrid, end: Timestamp? = nil) -> SelfExcitingFit {
        var generator = SplitMix64(seed: 0x5AFE_C17E)
        return fit(history: history, grid: grid, end: end, using: &generator)
    }

    /// Fits the model; `generator` drives stochastic declustering (unused for expectation EM).
    public func fit(history: [IncidentRecord], grid: ForecastGrid, end: Timestamp? = nil,
                    using generator: inout some RandomNumberGenerator) -> SelfExcitingFit {
        var data = FitData(history: history, grid: grid, end: end, model: self)
        return data.run(using: &generator)
    }
}
