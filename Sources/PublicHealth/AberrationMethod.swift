/// The outbreak-detection methods ``AberrationDetector`` runs; raw values are the CLI/API names.
public enum AberrationMethod: String, CaseIterable, Sendable, Codable {
    /// EARS C1: mean + z·sd of the 7 periods just before.
    case earsC1 = "ears-c1"
    /// EARS C2: as C1 with a 2-period guard band (baseline t−9…t−3).
    case earsC2 = "ears-c2"
    /// EARS C3 as R `surveillance::earsC` computes it (see ``AberrationDetector``).
    case earsC3 = "ears-c3"
    /// Farrington et al. (1996), as R `surveillance::algo.farrington`.
    case farrington
    /// Noufaily et al. (2013) improvements, as R `surveillance::farringtonFlexible`.
    case farringtonFlexible = "farrington-flexible"
    /// A one-sided standardised CUSUM on the EARS C2 baseline, reset after each alarm.
    case cusum
}
