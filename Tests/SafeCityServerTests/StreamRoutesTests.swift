import Foundation
import Hummingbird
import HummingbirdTesting
import SafeCityCore
import SafeCityServer
import Testing

/// The live stream over a real socket on 127.0.0.1, read incrementally.
@Suite(.timeLimit(.minutes(5))) struct StreamRoutesTests {
    @Test func resumesAfterLastEventIDAndThenFollowsLiveAppends() async throws {
        let fixture = try await ServerFixture()
        let first = try await fixture.platform.append(EventRoutesSupport.observations(3))
        let resumeAfter = first[0].sequence
        try await fixture.app.test(.live) { client in
            let port = try #require(client.port)
            let socket = try await RawHTTPStream.open(port: port, request: """
                GET /v1/stream HTTP/1.1\r
                Host: 127.0.0.1\r
                Authorization: Bearer \(fixture.keys[.dispatcher]!)\r
                Last-Event-ID: \(resumeAfter)\r
                \r

                """)
            defer { socket.close() }
            var ids = try await socket.readEventIDs(count: 2)
            #expect(ids == [first[1].sequence, first[2].sequence])
            let live = try await fixture.platform.append(EventRoutesSupport.observations(2, seed: 9))
            ids = try await socket.readEventIDs(count: 2)
            #expect(ids == live.map(\.sequence))
        }
        await fixture.close()
    }

    @Test func aMalformedLastEventIDIsRefused() async throws {
        let fixture = try await ServerFixture()
        var fields = fixture.headers(.admin)
        fields[.init("Last-Event-ID")!] = "yesterday"
        let headers = fields
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/v1/stream", method: .get, headers: headers) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.json["field"] as? String == "Last-Event-ID")
            }
        }
        await fixture.close()
    }
}

enum EventRoutesSupport {
    static func observations(_ count: Int, seed: UInt64 = 1) -> [NewEvent] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { i in
            NewEvent(id: EventID.random(using: &rng), type: "sensor.observation", source: "sensor:s", actor: "test",
                     occurredAt: Timestamp(millisecondsSince1970: 1_795_000_000_000 + Int64(i)),
                     payload: EventPayload(.object(["sensorID": .string("s"), "quantity": .string("pm25"), "value": .number(Double(i)), "unit": .string("ug/m3")])))
        }
    }
}

/// A plain TCP client that sends one request and reads SSE `id:` lines as they arrive.
///
/// Every blocking socket call runs on a thread of its own, never on one of the few cooperative threads: the
/// server under test needs those to answer, and a parallel run may be keeping them busy for a while.
final class RawHTTPStream: @unchecked Sendable {
    private let fd: Int32
    private var pending = ""

    /// Connects to 127.0.0.1:`port` and sends `request`.
    static func open(port: Int, request: String) async throws -> RawHTTPStream {
        try await offThePool { try RawHTTPStream(port: port, request: request) }
    }

    private init(port: Int, request: String) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { _ = Glibc.close(fd); throw POSIXError(.ECONNREFUSED) }
        // Only a guard against a hang: a busy machine may hold the server's answer back for many seconds.
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        _ = request.withCString { send(fd, $0, strlen($0), 0) }
    }

    /// The next `count` event ids the server sends.
    func readEventIDs(count: Int) async throws -> [Int64] {
        try await Self.offThePool { try self.blockingReadEventIDs(count: count) }
    }

    private func blockingReadEventIDs(count: Int) throws -> [Int64] {
        var ids: [Int64] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while ids.count < count {
            while let range = pending.range(of: "\n") {
                let line = String(pending[..<range.lowerBound])
                pending.removeSubrange(..<range.upperBound)
                if line.hasPrefix("id: "), let id = Int64(line.dropFirst(4)) {
                    ids.append(id)
                    if ids.count == count { return ids }
                }
            }
            let n = recv(fd, &buffer, buffer.count, 0)
            guard n > 0 else { throw POSIXError(.ETIMEDOUT) }
            pending += String(decoding: buffer[0..<n], as: UTF8.self)
        }
        return ids
    }

    func close() { _ = Glibc.close(fd) }

    private static func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }
}
