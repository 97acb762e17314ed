/// Parameters of a self-exciting (ETAS-like) point process of incidents.
///
/// Intensity λ(t, x) = μ(x) + Σ_{tᵢ<t} θ·ω·e^{−ω(t−tᵢ)} · 𝒩(x − xᵢ; σ²I): each incident raises the
/// rate nearby for a while (near-repeat victimisation), on top of a steady background.
public struct SelfExcitingParameters: Hashable, Sendable, Codable {
    /// Branching ratio: expected number of incidents each incident triggers (0 ≤ θ < 1).
    public var theta: Double
    /// Decay rate of triggering per day (mean delay of a triggered incident is 1/ω days).
    public var omegaPerDay: Double
    /// Standard deviation of the Gaussian triggering kernel in metres (per axis).
    public var sigmaMetres: Double
    /// Background incidents per day over the whole area.
    public var backgroundRate: Double

    public init(theta: Double, omegaPerDay: Double, sigmaMetres: Double, backgroundRate: Double) {
        self.theta = theta
        self.omegaPerDay = omegaPerDay
        self.sigmaMetres = sigmaMetres
        self.backgroundRate = backgroundRate
    }
}
