import Foundation
import Geo
import SafeCityCore
import SafeCityDispatch
import Testing

@Suite struct HospitalsAndCoverageTests {
    @Test func destinationsPutTheNearestHospitalThatCanTakeThePatientFirst() async throws {
        let fixture = try await DispatchFixture(units: [])
        defer { fixture.close() }
        let incident = try await fixture.service.openIncident(DispatchFixture.call("MED-INJURY", node: 600), actor: "test")
        for (id, node) in [("near-diverted", 610), ("far-open", 1500), ("near-full", 620)] {
            try await fixture.service.registerHospital(id: id, name: id, location: DispatchFixture.node(node), actor: "test")
        }
        try await fixture.service.updateHospital(id: "near-diverted", beds: ["trauma": 4], diversion: true, actor: "hospital")
        try await fixture.service.updateHospital(id: "far-open", beds: ["trauma": 1], diversion: false, actor: "hospital")
        try await fixture.service.updateHospital(id: "near-full", beds: ["trauma": 0, "emergency": 3], diversion: false, actor: "hospital")

        let trauma = try await fixture.service.destinations(incidentID: incident.id, bedType: "trauma")
        #expect(trauma.map(\.hospitalID).first == "far-open")
        #expect(trauma.map(\.eligible) == [true, false, false])
        #expect(Set(trauma.dropFirst().map(\.reason)) == ["on diversion", "no free trauma bed"])
        let expected = monacoRouting.travelTimes(from: incident.location, to: [DispatchFixture.node(1500)])?.first ?? nil
        #expect(trauma[0].etaSeconds == expected)

        let emergency = try await fixture.service.destinations(incidentID: incident.id, bedType: "emergency")
        #expect(emergency.first?.hospitalID == "near-full" && emergency.first?.eligible == true)

        await #expect(throws: DispatchError.self) {
            try await fixture.service.updateHospital(id: "far-open", beds: ["trauma": -1], diversion: false, actor: "hospital")
        }
        await #expect(throws: DispatchError.notFound(kind: "hospital", id: "nowhere")) {
            try await fixture.service.updateHospital(id: "nowhere", beds: [:], diversion: false, actor: "hospital")
        }
    }

    @Test func aDispatchShowsTheCoverageItCostsAndAMoveUpThatWinsSomeBack() async throws {
        let fixture = try await DispatchFixture()
        defer { fixture.close() }
        let before = try await fixture.service.coverage(agency: "fire", minutes: 2)
        #expect(before.coveredShare == before.plannedShare)
        #expect(before.uncoveredCount == 0)
        #expect(before.coveredShare > 0 && before.coveredShare < 1)

        let incident = try await fixture.service.openIncident(DispatchFixture.call("FIRE-VEHICLE", node: 205), actor: "test")
        _ = try await fixture.service.assign(incidentID: incident.id, unitIDs: ["e1"], actor: "test")
        let after = try await fixture.service.coverage(agency: "fire", minutes: 2)
        #expect(after.plannedShare == before.plannedShare)
        #expect(after.coveredShare < before.coveredShare)
        #expect(after.uncoveredCount > 0 && !after.uncoveredSample.isEmpty)
        let moveUp = try #require(after.moveUp)
        #expect(["e2", "l1"].contains(moveUp.unitID))
        #expect(moveUp.coveredShareAfter > after.coveredShare)

        await #expect(throws: DispatchError.self) { try await fixture.service.coverage(agency: "navy", minutes: 8) }
        await #expect(throws: DispatchError.self) { try await fixture.service.coverage(agency: "fire", minutes: 0) }
    }
}
