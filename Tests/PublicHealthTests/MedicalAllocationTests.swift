import Geo
import Testing
@testable import PublicHealth

@Suite struct MedicalAllocationTests {
    // Three areas on a line 0.01° of longitude apart (≈ 804 m at 43.73° N) and two hospitals at the ends.
    static func point(_ lonStep: Double) -> GeoPoint { GeoPoint(latitude: 43.73, longitude: 7.40 + 0.01 * lonStep) }

    @Test func divertsFromAnOverloadedNearestHospital() throws {
        let hospitals = [
            MedicalAllocation.Hospital(id: "west", location: Self.point(0), freeBeds: 10, edLoad: 0.95),
            MedicalAllocation.Hospital(id: "east", location: Self.point(4), freeBeds: 10, edLoad: 0.5),
        ]
        let demand = [MedicalAllocation.AreaDemand(id: "a", centroid: Self.point(1), expectedPatients: 3)]
        let plan = try MedicalAllocation().plan(hospitals: hospitals, demand: demand, extraAmbulances: 0)
        #expect(plan.destinations[0].hospitalID == "east")
        #expect(plan.destinations[0].diverted)
    }

    @Test func largestDemandTakesTheLastBeds() throws {
        // West has 5 beds: area b (3.5 expected, so 4 beds) is served first and takes 4; area a (2)
        // no longer fits there and goes east although west is nearer.
        let hospitals = [
            MedicalAllocation.Hospital(id: "west", location: Self.point(0), freeBeds: 5, edLoad: 0.5),
            MedicalAllocation.Hospital(id: "east", location: Self.point(6), freeBeds: 10, edLoad: 0.5),
        ]
        let demand = [
            MedicalAllocation.AreaDemand(id: "a", centroid: Self.point(1), expectedPatients: 2),
            MedicalAllocation.AreaDemand(id: "b", centroid: Self.point(2), expectedPatients: 3.5),
        ]
        let plan = try MedicalAllocation().plan(hospitals: hospitals, demand: demand, extraAmbulances: 0)
        #expect(plan.destinations.map(\.hospitalID) == ["east", "west"])
    }

    @Test func greedyPostsCoverTheMostDemand() throws {
        // Areas at 0, 1, 2 (≈ 804 m apart) and 10 (8 km away); radius 1 km.
        // First post: the middle area covers 0, 1, 2 = 1 + 1 + 1 = 3 > 2.5 at the far area.
        // Second post: the far area (2.5). Nothing is left uncovered.
        let demand = [0.0, 1, 2, 10].enumerated().map { i, step in
            MedicalAllocation.AreaDemand(id: "z\(i)", centroid: Self.point(step), expectedPatients: i == 3 ? 2.5 : 1)
        }
        let plan = try MedicalAllocation(coverageRadiusMetres: 1_000).plan(hospitals: [], demand: demand, extraAmbulances: 3)
        #expect(plan.ambulancePostAreaIDs == ["z1", "z3"])
        #expect(plan.uncoveredPatients == 0)
    }
}
