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
public enum RuleKind: Sendable, Hashable {
    /// Each reading compared with a limit, with hysteresis, held for `forSeconds` of event time before firing.
    case threshold(quantity: Quantity, condition: RuleCondition, forSeconds: Double)
    /// Change per minute between the oldest reading of the last `windowSeconds` and the newest.
    ///
    /// The condition compares the rise (`direction == .rise`) or the fall as a positive number per minute.
    case rateOfChange(quantity: Quantity, direction: RateDirection, condition: RuleCondition, windowSeconds: Double)
    /// A rolling-window statistic of one sensor's or one grid cell's readings.
    case aggregate(quantity: Quantity, function: AggregateFunction, windowSeconds: Double, condition: RuleCondition, scope: RuleScope)
    /// No reading for `intervals` × the sensor's report interval.
    case absence(quantity: Quantity, intervals: Double)
    /// Rules `a` and `b` fire within `withinSeconds` of each other at subjects within `radiusMetres`.
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
