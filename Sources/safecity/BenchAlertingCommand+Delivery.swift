import Alerting
import AsyncHTTPClient
import Foundation
import NIOCore
import Geo
import SafeCityCore
import SafeCityServer
import Security
import Storage

extension BenchAlertingCommand {
    /// Time from approval to each of `subscribers` webhooks arriving at a receiver on 127.0.0.1, through the
    /// log, the planner, the durable outbox and the worker; against the same signed bodies POSTed directly
    /// by the same sender with the same concurrency (no log, no outbox); and that sender against AsyncHTTPClient.
    /// The webhook receivers run in this process, on the same cores.
    func delivery() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("safecity-bench-delivery-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let receiver = WebhookReceiver()
        let port = try await receiver.start()
        let platform = try await Platform(databasePath: directory.appendingPathComponent("bench.sqlite").path, fieldCipher: .random(),
                                          delivery: .init(concurrency: concurrency, idleMilliseconds: 20))
        await platform.delivery.start()
        var random = SplitMix64(seed: seed &+ 2)
        let centre = GeoPoint(latitude: 43.735, longitude: 7.421)
        let requests = (0..<subscribers).map { i in
            SubscriptionRequest(
                area: SubscriptionArea(point: GeoPoint(latitude: centre.latitude + Double.random(in: -0.01..<0.01, using: &random),
                                                       longitude: centre.longitude + Double.random(in: -0.01..<0.01, using: &random)),
                                       radiusMetres: 100),
                webhookURL: "http://127.0.0.1:\(port)/hook/s\(i)")
        }
        let created = try await platform.subscriptions.subscribe(requests, by: "key:bench", allowPrivateHosts: true)
        for (i, item) in created.enumerated() { await receiver.register("s\(i)", secret: item.secret) }
        let draft = AlertDraft.airQualityAdvisory(center: centre, radiusMetres: 3000, now: platform.clock.now())
        let entry = try await platform.alerts.draft(draft, by: "key:bench-officer")
        // In the field subscriptions exist long before an alert: let the platform's readers finish folding
        // the ten thousand just made before the clock starts.
        try await Task.sleep(for: .seconds(settleSeconds))

        let approvedAt = ContinuousClock.now
        _ = try await platform.alerts.approve(entry.id, by: "key:bench-supervisor")
        try await waitFor(receiver, count: subscribers)
        let samples = await receiver.arrivals.values.flatMap(\.values).map { ($0.at - approvedAt).seconds }
        let queued = try await platform.outbox.deliveries(ofAlert: entry.id)
        await platform.shutdown()

        let sender = WebhookSender(connectionsPerHost: concurrency, requestTimeoutSeconds: 10)
        let baseline = try await postDirectly(queued, secrets: created.map(\.secret)) { body, key, endpoint in
            _ = await sender.send(body: body, key: key, to: endpoint, unixSeconds: Int64(Date().timeIntervalSince1970))
        }
        await sender.shutdown()
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: concurrency)
        configuration.redirectConfiguration = .disallow
        let general = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let generalSamples = try await postDirectly(queued, secrets: created.map(\.secret)) { body, key, endpoint in
            var request = HTTPClientRequest(url: endpoint.url)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.headers.add(name: WebhookSignature.idempotencyHeaderName, value: key)
            request.headers.add(name: WebhookSignature.headerName,
                                value: WebhookSignature.header(body: body, secret: endpoint.secret, unixSeconds: Int64(Date().timeIntervalSince1970)))
            request.body = .bytes(ByteBuffer(bytes: body))
            if let response = try? await general.execute(request, timeout: .seconds(10)) { _ = try? await response.body.collect(upTo: 1 << 16) }
        }
        try await general.shutdown()
        await receiver.stop()

        printLatencies("approval-to-delivery", samples: samples,
                       baseline: "the same signed bodies POSTed directly by the same HTTP sender, no log or outbox", baselineSamples: baseline,
                       extra: ["subscribers": .number(Double(subscribers)), "concurrency": .number(Double(concurrency)),
                               "targetP99Milliseconds": .number(1000)])
        printLatencies("webhook-client", samples: baseline,
                       baseline: "AsyncHTTPClient 1.37 POSTing the same signed bodies (redirects off, same connection limit)", baselineSamples: generalSamples,
                       extra: ["subscribers": .number(Double(subscribers)), "concurrency": .number(Double(concurrency))])
    }

    /// POSTs each queued body to a fresh receiver with `post`, `concurrency` at once; returns each arrival's time from the start.
    private func postDirectly(_ queued: [OutboxRecord], secrets: [String],
                              post: @escaping @Sendable ([UInt8], String, WebhookEndpoint) async -> Void) async throws -> [Double] {
        let receiver = WebhookReceiver()
        let port = try await receiver.start()
        for (i, secret) in secrets.enumerated() { await receiver.register("b\(i)", secret: secret) }
        let jobs = queued.enumerated().map { i, record in
            (record, WebhookEndpoint(url: "http://127.0.0.1:\(port)/hook/b\(i)", secret: secrets[i]))
        }
        let width = concurrency
        let start = ContinuousClock.now
        await withTaskGroup(of: Void.self) { group in
            var next = 0
            func launch() {
                let (record, endpoint) = jobs[next]
                next += 1
                group.addTask { await post(record.body, record.key, endpoint) }
            }
            while next < min(width, jobs.count) { launch() }
            while await group.next() != nil { if next < jobs.count { launch() } }
        }
        try await waitFor(receiver, count: jobs.count)
        let samples = await receiver.arrivals.values.flatMap(\.values).map { ($0.at - start).seconds }
        await receiver.stop()
        return samples
    }

    private func waitFor(_ receiver: WebhookReceiver, count: Int) async throws {
        let deadline = ContinuousClock.now + .seconds(600)
        while true {
            let arrived = await receiver.accepted
            if arrived >= count { return }
            guard ContinuousClock.now < deadline else { throw CLIError("only \(arrived) of \(count) webhooks arrived in 10 minutes") }
            try await Task.sleep(for: .milliseconds(2))
        }
    }
}
