import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeCityCore
import SafeCityServer
import Sensing
import Testing

@Suite struct SensorAnalysisRoutesTests {
    /// Two NO2 sensors whose readings move together (the second is twice the first plus noise-free 3 ppb).
    func correlatedReadings(from start: Timestamp, minutes: Int) -> String {
        var items: [String] = []
        for minute in 0..<minutes {
            let base = 20 + 10 * sin(Double(minute) / 7)
            let time = start.millisecondsSince1970 + Int64(minute) * 60_000
            items.append(#"{"sensorID":"no2-a","time":\#(time),"quantity":"no2","value":\#(base),"unit":"ppb"}"#)
            items.append(#"{"sensorID":"no2-b","time":\#(time),"quantity":"no2","value":\#(2 * base + 3),"unit":"ppb"}"#)
        }
        return "[" + items.joined(separator: ",") + "]"
    }

    @Test func correlationAndTrendOfLiveSeries() async throws {
        let fixture = try await ServerFixture()
        let now = fixture.platform.clock.now()
        let start = now.adding(milliseconds: -120 * 60_000)
        let last = try await fixture.app.test(.router) { client in
            for (id, longitude) in [("no2-a", 7.42), ("no2-b", 7.43)] {
                try await client.execute(uri: "/v1/sensors", method: .post, headers: fixture.headers(.admin),
                                         body: buffer(sensorJSON(id: id, quantities: ["no2"], longitude: longitude))) { _ in }
            }
            return try await client.execute(uri: "/v1/observations", method: .post, headers: fixture.headers(.sensor),
                                            body: buffer(correlatedReadings(from: start, minutes: 115))) { response in
                Int64(response.json["lastSequence"] as? Int ?? 0)
            }
        }
        await fixture.platform.sensingDetector.caughtUp(to: last)
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/v1/correlations?a=no2-a:no2&b=no2-b:no2&windowMinutes=180&bucketSeconds=300", method: .get,
                                     headers: fixture.headers(.analyst)) { response in
                #expect(response.status == .ok)
                let result = response.json["result"] as? [String: Any]
                #expect(((result?["r"] as? Double) ?? 0) > 0.999, "\(response.json)")
                #expect(((result?["n"] as? Int) ?? 0) >= 20)
            }
            try await client.execute(uri: "/v1/sensors/no2-a/trend", method: .get, headers: fixture.headers(.analyst)) { response in
                #expect(response.status == .ok)
                #expect(((response.json["hourlyMeans"] as? [Any])?.count ?? 0) >= 2)
                // Two hours of data make no daily trend; the answer says why.
                #expect(response.json["trend"] == nil)
                #expect((response.json["trendNote"] as? String)?.contains("3 days") == true)
            }
            for bad in ["/v1/correlations?a=no2-a&b=no2-b:no2", "/v1/correlations?a=no2-a:no2&b=ghost:no2", "/v1/sensors/no2-a/trend?quantity=pm25"] {
                try await client.execute(uri: bad, method: .get, headers: fixture.headers(.analyst)) { response in
                    #expect([.unprocessableContent, .notFound].contains(response.status), "\(bad)")
                    #expect(response.headers[.contentType] == "application/problem+json")
                }
            }
        }
        await fixture.close()
    }
}
