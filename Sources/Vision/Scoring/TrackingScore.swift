/// How well a tracker's output agrees with ground truth: the CLEAR-MOT and identity (IDF1) measures.
///
/// Counts are of boxes (one per object per frame) unless they say otherwise. A ratio whose
/// denominator is zero — no ground truth, or no hypothesis — is reported as 0, so a score always
/// encodes as JSON.
public struct TrackingScore: Hashable, Sendable, Codable {
    /// Multiple object tracking accuracy: 1 − (misses + false positives + switches) / ground-truth boxes.
    public var mota: Double
    /// Multiple object tracking precision as py-motmetrics reports it: mean 1 − IoU over matched pairs (lower is better).
    public var motp: Double
    /// Identity F1: 2 · IDTP / (ground-truth boxes + hypothesis boxes).
    public var idf1: Double
    /// Identity precision: IDTP / (IDTP + IDFP).
    public var idp: Double
    /// Identity recall: IDTP / (IDTP + IDFN).
    public var idr: Double
    /// Matched ground-truth boxes over all ground-truth boxes.
    public var recall: Double
    /// Matched hypothesis boxes over all hypothesis boxes.
    public var precision: Double
    /// Frames in which an object was matched to a different track than at its previous match.
    public var idSwitches: Int
    /// Hypothesis boxes matched to no ground truth.
    public var falsePositives: Int
    /// Ground-truth boxes matched to no hypothesis.
    public var misses: Int
    /// Objects matched in at least 80 % of the frames they appear in.
    public var mostlyTracked: Int
    /// Objects matched in at least 20 % but less than 80 % of their frames.
    public var partiallyTracked: Int
    /// Objects matched in less than 20 % of their frames.
    public var mostlyLost: Int
    /// Times an object went from matched to missed between its first and last match.
    public var fragmentations: Int
    /// Ground-truth boxes considered (confidence ≥ 1).
    public var groundTruthCount: Int
    /// Hypothesis boxes.
    public var hypothesisCount: Int
    /// Matched pairs, switches included (py-motmetrics' `num_detections`): `groundTruthCount − misses`.
    public var matches: Int
    /// Distinct ground-truth identities.
    public var objects: Int
    /// Distinct hypothesis identities.
    public var tracks: Int
    /// Boxes matched under the one-to-one pairing of whole trajectories that IDF1 uses.
    public var idTruePositives: Int
    /// Hypothesis boxes outside that pairing.
    public var idFalsePositives: Int
    /// Ground-truth boxes outside that pairing.
    public var idFalseNegatives: Int

    /// Creates a score from its parts; ``TrackingScorer`` is the usual way to get one.
    public init(
        mota: Double, motp: Double, idf1: Double, idp: Double, idr: Double, recall: Double, precision: Double,
        idSwitches: Int, falsePositives: Int, misses: Int,
        mostlyTracked: Int, partiallyTracked: Int, mostlyLost: Int, fragmentations: Int,
        groundTruthCount: Int, hypothesisCount: Int, matches: Int, objects: Int, tracks: Int,
        idTruePositives: Int, idFalsePositives: Int, idFalseNegatives: Int
    ) {
        self.mota = mota
        self.motp = motp
        self.idf1 = idf1
        self.idp = idp
        self.idr = idr
        self.recall = recall
        self.precision = precision
        self.idSwitches = idSwitches
        self.falsePositives = falsePositives
        self.misses = misses
        self.mostlyTracked = mostlyTracked
        self.partiallyTracked = partiallyTracked
        self.mostlyLost = mostlyLost
        self.fragmentations = fragmentations
        self.groundTruthCount = groundTruthCount
        self.hypothesisCount = hypothesisCount
        self.matches = matches
        self.objects = objects
        self.tracks = tracks
        self.idTruePositives = idTruePositives
        self.idFalsePositives = idFalsePositives
        self.idFalseNegatives = idFalseNegatives
    }
}
