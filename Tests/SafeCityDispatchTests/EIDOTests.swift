import Foundation
import SafeCityCore
import SafeCityDispatch
import Testing

@Suite struct EIDOTests {
    @Test func anIncidentHandedToAnotherCADOpensTheSameIncidentThere() async throws {
        let sender = try await DispatchFixture()
        defer { sender.close() }
        var form = DispatchFixture.call("FIRE-STRUCTURE", node: 700, priority: 1)
        form.callerName = "Never Exported"
        let incident = try await sender.service.openIncident(form, actor: "taker")
        _ = try await sender.service.assign(incidentID: incident.id, unitIDs: ["e1"], actor: "dispatcher")
        let document = try await sender.service.exportEIDO(incidentID: incident.id, system: "cad-a")

        // It travels as JSON; the caller's name stays in the sending CAD.
        let wire = try JSONEncoder().encode(document)
        #expect(!String(decoding: wire, as: UTF8.self).contains("Never Exported"))
        let received = try JSONDecoder().decode(EIDODocument.self, from: wire)
        #expect(received == document)
        #expect(received.incidentComponent[0].incidentTypeCommonRegistryText == "Structure fire")
        #expect(received.emergencyResourceComponent?.map(\.emergencyResourceIdentifier) == ["e1"])
        #expect(received.emergencyResourceComponent?.first?.emergencyResourceStatusText == "dispatched")

        let receiver = try await DispatchFixture(units: [])
        defer { receiver.close() }
        let taken = try await receiver.service.importEIDO(received, actor: "key:cad-a")
        #expect(taken.typeCode == "FIRE-STRUCTURE")
        #expect(taken.priority == 1)
        #expect(taken.location == incident.location)
        #expect(taken.summary == incident.summary)
        #expect(taken.callID == String(document.incidentComponent[0].incidentTrackingIdentifier.suffix(64)))
    }

    @Test func aTypeIsMatchedByItsCommonNameWhenTheCodeIsForeign() throws {
        var document = Self.minimal
        document.incidentComponent[0].incidentTypeInternalCode = "ZZ-17"
        document.incidentComponent[0].incidentTypeCommonRegistryText = "gas LEAK"
        #expect(try document.callForm().typeCode == "GAS-LEAK")
    }

    @Test func brokenDocumentsNameTheFieldAtFault() {
        var unknownType = Self.minimal
        unknownType.incidentComponent[0].incidentTypeInternalCode = nil
        unknownType.incidentComponent[0].incidentTypeCommonRegistryText = "Alien landing"
        #expect(throws: ValidationError.self) { try unknownType.callForm() }
        #expect((try? unknownType.callForm()) == nil)

        var dangling = Self.minimal
        dangling.incidentComponent[0].locationReference = "$ref:nowhere"
        #expect(Self.field(of: dangling) == "incidentComponent[0].locationReference")

        var twoIncidents = Self.minimal
        twoIncidents.incidentComponent.append(twoIncidents.incidentComponent[0])
        #expect(Self.field(of: twoIncidents) == "incidentComponent")

        var notAPoint = Self.minimal
        notAPoint.locationComponent[0].locationByValue.coordinates = [7.42]
        #expect(Self.field(of: notAPoint) == "locationComponent.locationByValue")
    }

    @Test func anImportOffTheMapOrOutOfRangeWritesNothing() async throws {
        let fixture = try await DispatchFixture(units: [])
        defer { fixture.close() }
        var offMap = Self.minimal
        offMap.locationComponent[0].locationByValue.coordinates = [2.35, 48.85]  // Paris
        var badPriority = Self.minimal
        badPriority.incidentComponent[0].incidentCommonPriorityNumber = 9
        for document in [offMap, badPriority] {
            await #expect(throws: DispatchError.self) { try await fixture.service.importEIDO(document, actor: "key:x") }
        }
        #expect(try await fixture.logSize() == 0)
    }

    static func field(of document: EIDODocument) -> String? {
        do { _ = try document.callForm(); return nil } catch { return error.field }
    }

    /// A small EIDO as another CAD would send it.
    static let minimal: EIDODocument = try! JSONDecoder().decode(EIDODocument.self, from: Data(#"""
        {"eidoMessageIdentifier": "urn:test:1", "lastUpdateTimeStamp": "2026-11-30T10:00:00+00:00", "sendingSystemIdentifier": "test",
         "incidentComponent": [{"$id": "i1", "incidentTrackingIdentifier": "urn:test:incident:1",
           "lastUpdateTimeStamp": "2026-11-30T10:00:00+00:00", "incidentTypeCommonRegistryText": "Gas leak",
           "incidentTypeInternalCode": "GAS-LEAK", "incidentCommonPriorityNumber": 2, "incidentStatusCommonRegistryText": "Open",
           "incidentCreationTimeStamp": "2026-11-30T09:58:00+00:00", "locationReference": "$ref:l1"}],
         "locationComponent": [{"$id": "l1", "locationByValue": {"type": "Point", "coordinates": [7.4246, 43.7384]}}],
         "notesComponent": [{"noteText": "smell of gas", "noteDateTimeStamp": "2026-11-30T09:58:00+00:00"}]}
        """#.utf8))
}
