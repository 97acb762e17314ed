import SafeCityCore

/// What happened in a drill, step by step, against the scenario's targets.
public struct AfterActionReport: Hashable, Sendable, Codable {
    /// One measured step.
    public struct Measure: Hashable, Sendable, Codable {
        public var step: String
        /// Seconds it took, or nil when it did not happen (yet).
        public var seconds: Double?
        public var targetSeconds: Int
        /// Whether it happened within the target; nil when it did not happen.
        public var met: Bool?
    }

    /// When each milestone happened, as read from the log.
    public struct Timeline: Hashable, Sendable, Codable {
        public var callAt: Timestamp?
        public var incidentOpenedAt: Timestamp?
        public var firstDispatchAt: Timestamp?
        public var firstOnSceneAt: Timestamp?
        public var warningDraftedAt: Timestamp?
        public var warningApprovedAt: Timestamp?

        public init(callAt: Timestamp? = nil, incidentOpenedAt: Timestamp? = nil, firstDispatchAt: Timestamp? = nil, firstOnSceneAt: Timestamp? = nil,
                    warningDraftedAt: Timestamp? = nil, warningApprovedAt: Timestamp? = nil) {
            self.callAt = callAt
            self.incidentOpenedAt = incidentOpenedAt
            self.firstDispatchAt = firstDispatchAt
            self.firstOnSceneAt = firstOnSceneAt
            self.warningDraftedAt = warningDraftedAt
            self.warningApprovedAt = warningApprovedAt
        }
    }

    public var scenario: String
    public var timeline: Timeline
    public var measures: [Measure]
    /// Plain-language findings, one per step that was missed or late.
    public var findings: [String]

    /// Judges a timeline against a scenario's targets.
    public init(scenario: DrillScenario, timeline: Timeline) {
        self.scenario = scenario.id
        self.timeline = timeline
        func measure(_ step: String, _ from: Timestamp?, _ to: Timestamp?, _ target: Int) -> Measure {
            guard let from, let to else { return Measure(step: step, seconds: nil, targetSeconds: target, met: nil) }
            let seconds = Double(to.millisecondsSince1970 - from.millisecondsSince1970) / 1_000
            return Measure(step: step, seconds: seconds, targetSeconds: target, met: seconds <= Double(target))
        }
        let targets = scenario.targets
        measures = [
            measure("call to incident", timeline.callAt, timeline.incidentOpenedAt, targets.callToIncident),
            measure("incident to first unit dispatched", timeline.incidentOpenedAt, timeline.firstDispatchAt, targets.incidentToDispatch),
            measure("dispatch to first unit on scene", timeline.firstDispatchAt, timeline.firstOnSceneAt, targets.dispatchToOnScene),
            measure("warning drafted to approved", timeline.warningDraftedAt, timeline.warningApprovedAt, targets.warningToApproval),
        ]
        findings = measures.compactMap { measure in
            switch measure.met {
            case nil: "\(measure.step): did not happen during the drill"
            case false?: "\(measure.step): \(Int(measure.seconds!.rounded())) s, target \(measure.targetSeconds) s"
            case true?: nil
            }
        }
    }
}
