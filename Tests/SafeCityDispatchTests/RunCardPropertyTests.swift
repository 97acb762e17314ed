@testable import SafeCityDispatch
import Geo
import SafeCityCore
import Testing

/// Properties of run-card filling over many random boards: every type, random kinds and ETAs, ties included.
@Suite struct RunCardPropertyTests {
    static let kinds = ["patrol", "engine", "ladder", "hazmat", "als-ambulance", "bls-ambulance", "boat"]

    static func randomCandidates(using rng: inout SplitMix64) -> [UnitRecommender.Candidate] {
        (0..<Int.random(in: 0...12, using: &rng)).map { index in
            let unit = DispatchState.Unit(
                id: "u\(index)", agency: "fire", kind: kinds.randomElement(using: &rng)!, stationID: "s", status: .available,
                statusSince: Timestamp(millisecondsSince1970: 0), incidentID: nil, position: GeoPoint(latitude: 0, longitude: 0),
                positionAt: nil, history: [])
            // Whole seconds from a small range, so that ties happen and must be broken by unit id.
            return UnitRecommender.Candidate(unit: unit, etaSeconds: Double(Int.random(in: 0...20, using: &rng)) * 30)
        }
    }

    @Test func mutualAidStandsInOnlyWhenTheAgencyIsShort() throws {
        func unit(_ id: String, _ kind: String, agency: String) -> DispatchState.Unit {
            DispatchState.Unit(id: id, agency: agency, kind: kind, stationID: "s", status: .available, statusSince: Timestamp(millisecondsSince1970: 0),
                               incidentID: nil, position: GeoPoint(latitude: 0, longitude: 0), positionAt: nil, history: [])
        }
        let sick = try #require(IncidentType.named("MED-SICK"))
        let engineOnly = UnitRecommender.fill(sick, with: [.init(unit: unit("e1", "engine", agency: "fire"), etaSeconds: 200)])
        #expect(engineOnly.units.map(\.unitID) == ["e1"] && engineOnly.shortfalls.isEmpty)
        #expect(engineOnly.units[0].reason.hasPrefix("mutual aid: no available bls-ambulance or als-ambulance, so the fastest engine (fire)"))
        let withAmbulance = UnitRecommender.fill(sick, with: [
            .init(unit: unit("e1", "engine", agency: "fire"), etaSeconds: 60), .init(unit: unit("b1", "bls-ambulance", agency: "ems"), etaSeconds: 600),
        ])
        #expect(withAmbulance.units.map(\.unitID) == ["b1"], "a slower ambulance still beats a faster stand-in")
    }

    @Test func fillingIsGreedyOptimalPerSlotAndAccountsForEverySeat() {
        var rng = SplitMix64(seed: 2026)
        for _ in 0..<3_000 {
            let type = IncidentType.all.randomElement(using: &rng)!
            let candidates = Self.randomCandidates(using: &rng)
            let result = UnitRecommender.fill(type, with: candidates)
            let chosen = Set(result.units.map(\.unitID))
            let eta = Dictionary(uniqueKeysWithValues: candidates.map { ($0.unit.id, $0.etaSeconds) })
            let kindOf = Dictionary(uniqueKeysWithValues: candidates.map { ($0.unit.id, $0.unit.kind) })

            #expect(chosen.count == result.units.count, "a unit fills at most one seat")
            #expect(result.units.count + result.shortfalls.count == type.runCard.reduce(0) { $0 + $1.count }, "every seat is filled or reported")
            for pick in result.units {
                let slot = type.runCard.first { $0.role == pick.role }!
                let isOwn = slot.kinds.contains(pick.kind)
                #expect((isOwn || slot.mutualAid.contains(pick.kind)) && kindOf[pick.unitID] == pick.kind)
                #expect(pick.etaSeconds == eta[pick.unitID])
                #expect(pick.reason.hasPrefix("mutual aid") == !isOwn)
                // No unit left at home could have filled this seat sooner (or as soon, with a smaller id),
                // and mutual aid stands in only when no unit of the slot's own kinds is left.
                for other in candidates where !chosen.contains(other.unit.id) {
                    if slot.kinds.contains(other.unit.kind) {
                        #expect(isOwn && (pick.etaSeconds, pick.unitID) < (other.etaSeconds, other.unit.id))
                    } else if !isOwn, slot.mutualAid.contains(other.unit.kind) {
                        #expect((pick.etaSeconds, pick.unitID) < (other.etaSeconds, other.unit.id))
                    }
                }
            }
            for shortfall in result.shortfalls {
                let slot = type.runCard.first { shortfall.hasPrefix($0.role + ":") }!
                #expect(!candidates.contains { !chosen.contains($0.unit.id) && (slot.kinds + slot.mutualAid).contains($0.unit.kind) },
                        "a seat is reported short although \(shortfall) had an unused unit")
            }
        }
    }
}
