/// One checked rule of a ``RuleSet``: its id and what makes it fire.
public struct Rule: Sendable, Hashable {
    /// The rule's unique id, carried by every ``RuleFiring`` it produces.
    public var id: String
    /// What the rule watches and when it fires.
    public var kind: RuleKind

    public init(id: String, kind: RuleKind) {
        self.id = id
        self.kind = kind
    }

    /// The quantity the rule watches, nil for a composite.
    public var quantity: Quantity? {
        switch kind {
        case let .threshold(quantity, _, _), let .rateOfChange(quantity, _, _, _), let .aggregate(quantity, _, _, _, _),
             let .absence(quantity, _):
            quantity
        case .composite: nil
        }
    }
}

/// The five families of stream rules.
///
/// All are judged in event time, at the instants of readings (and, for aggregates and absence, at the
/// instants a reading leaves a window or a silence runs out), never at arrival.
public enum RuleKind: Sendable, Hashable {
    /// Each reading compared with a limit, with hysteresis.
    ///
    /// Fires at the first reading at which the condition has held at every reading since one at least
    /// `forSeconds` earlier (0: at the first reading beyond the limit); a reading not beyond the limit
    /// restarts the hold. Clears at the first reading back past `clearAt`.
    case threshold(quantity: Quantity, condition: RuleCondition, forSeconds: Double)
    /// Change per minute from the oldest reading at or after t − `windowSeconds` to the reading at t.
    ///
    /// The condition compares the rise (`direction == .rise`) or the fall, as a positive amount per
    /// minute; with a single reading in the window there is no rate and the state is kept.
    case rateOfChange(quantity: Quantity, direction: RateDirection, condition: RuleCondition, windowSeconds: Double)
    /// A statistic of the readings in (t − `windowSeconds`, t] of one sensor or one grid cell.
    ///
    /// Judged at each reading and at each instant a reading leaves the window, so a count falls back
    /// on its own once `advance(to:)` passes. An empty window (other than for count and sum) clears.
    case aggregate(quantity: Quantity, function: AggregateFunction, windowSeconds: Double, condition: RuleCondition, scope: RuleScope)
    /// No reading for more than `intervals` × the sensor's report interval.
    ///
    /// Fires at the last reading + that silence (found by `advance(to:)` or by the next reading),
    /// clears at the next reading. Before a sensor's first reading the silence counts from the first
    /// clock tick, or from its registration when it registers later.
    case absence(quantity: Quantity, intervals: Double)
    /// Rules `a` and `b` both firing, their fires at most `withinSeconds` apart, at subjects within
    /// `radiusMetres` (sensor locations, cell centres for area subjects).
    ///
    /// Subject `subjectA+subjectB`. Fires at the later of the two fires, provided the earlier has not
    /// cleared by then; clears when the first of the two clears.
    case composite(a: String, b: String, withinSeconds: Double, radiusMetres: Double)
}

/// Whether a rate rule watches rises or falls.
public enum RateDirection: String, Sendable, Hashable {
    case rise, fall
}

/// Whether a rule is evaluated per sensor or per grid cell of ``RuleSet/cellMetres``.
public enum RuleScope: String, Sendable, Hashable {
    case sensor, area
}
