import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeCityCore
import SafeCityServer
import Testing

@Suite(.timeLimit(.minutes(2))) struct AddressRoutesTests {
    @Test func aCallTakerCanGiveAStreetNameInsteadOfCoordinates() async throws {
        let fixture = try await ServerFixture(roads: sharedMonaco)
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/v1/dispatch/streets?q=bd%20princesse%20charlotte", method: .get, headers: fixture.headers(.dispatcher)) { response in
                let streets = response.json["streets"] as? [[String: Any]] ?? []
                #expect(streets.first?["name"] as? String == "Boulevard Princesse Charlotte")
            }
            let body = #"{"typeCode":"MED-SICK","priority":3,"address":"12 Boulevard Princesse Charlotte","summary":"dizzy"}"#
            try await client.execute(uri: "/v1/dispatch/incidents", method: .post, headers: fixture.headers(.dispatcher), body: buffer(body)) { response in
                #expect(response.status == .created)
                #expect(response.json["address"] as? String == "12 Boulevard Princesse Charlotte")
            }
            let unknown = #"{"typeCode":"MED-SICK","priority":3,"address":"Rue Imaginaire des Songes"}"#
            try await client.execute(uri: "/v1/dispatch/incidents", method: .post, headers: fixture.headers(.dispatcher), body: buffer(unknown)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.json["field"] as? String == "address")
            }
            try await client.execute(uri: "/v1/dispatch/streets?q=x", method: .get, headers: fixture.headers(.dispatcher)) {
                #expect($0.status == .unprocessableContent)
            }
        }
        await fixture.close()
    }
}
