/// Per-node "touched in this round" flags with O(1) reset, by bumping a round counter.
struct TimestampFlags: Sendable {
    private var stamps: [UInt32]
    private var round: UInt32 = 1

    init(count: Int) {
        stamps = [UInt32](repeating: 0, count: count)
    }

    /// Clears every flag in O(1) (amortised; a full wipe once every 2³² − 1 resets).
    mutating func resetAll() {
        if round == UInt32.max {
            for index in stamps.indices { stamps[index] = 0 }
            round = 1
        } else {
            round += 1
        }
    }

    /// Whether the flag is set in the current round.
    func isSet(_ index: Int) -> Bool { stamps[index] == round }

    /// Sets the flag; returns whether it was already set.
    @discardableResult
    mutating func set(_ index: Int) -> Bool {
        if stamps[index] == round { return true }
        stamps[index] = round
        return false
    }
}
