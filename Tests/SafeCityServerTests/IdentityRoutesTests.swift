import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeCityCore
import SafeCityServer
import Testing

@Suite(.timeLimit(.minutes(5))) struct IdentityRoutesTests {
    @Test func aKeyLearnsItsRoleAndWhatItMayDo() async throws {
        let fixture = try await ServerFixture()
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/v1/whoami", method: .get, headers: fixture.headers(.dispatcher)) { response in
                #expect(response.status == .ok)
                #expect(response.json["role"] as? String == "dispatcher")
                #expect(response.json["name"] as? String == "test dispatcher")
                let actions = response.json["actions"] as? [String] ?? []
                #expect(actions.contains("dispatch.write") && !actions.contains("keys.manage"))
            }
            try await client.execute(uri: "/v1/whoami", method: .get, headers: fixture.headers(nil)) { #expect($0.status == .unauthorized) }
        }
        await fixture.close()
    }

    @Test func theDispatchCodeListPublishesTheStatusTable() async throws {
        let fixture = try await ServerFixture()
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/v1/dispatch/incident-types", method: .get, headers: fixture.headers(.dispatcher)) { response in
                let table = response.json["unitStatusTransitions"] as? [String: [String]] ?? [:]
                #expect(table["en-route"] == ["available", "on-scene"])
                #expect(table.count == 7)
            }
        }
        await fixture.close()
    }
}
