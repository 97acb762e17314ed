import Alerting
import Foundation
import Geo
import SafeCityCore
import SafeCityServer
import Security

extension BenchAlertingCommand {
    /// Time from approval to each of `subscribers` webhooks arriving at a receiver on 127.0.0.1, through the
    /// log, the planner, the durable outbox and the worker; against the same signed bodies POSTed directly
    /// by the same sender with the same concurrency (no log, no outbox).
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

        let approvedAt = ContinuousClock.now
        _ = try await platform.alerts.approve(entry.id, by: "key:bench-supervisor")
        try await waitFor(receiver, count: subscribers)
        let samples = await receiver.arrivals.values.flatMap(\.values).map { ($0.at - approvedAt).seconds }
        let queued = try await platform.outbox.deliveries(ofAlert: entry.id)
        await platform.shutdown()

        let baseReceiver = WebhookReceiver()
        let basePort = try await baseReceiver.start()
        for (i, item) in created.enumerated() { await baseReceiver.register("b\(i)", secret: item.secret) }
        let sender = WebhookSender(connectionsPerHost: concurrency, requestTimeoutSeconds: 10)
        let jobs = queued.enumerated().map { i, record in
            (record, WebhookEndpoint(url: "http://127.0.0.1:\(basePort)/hook/b\(i)", secret: created[i].secret))
        }
        let width = concurrency
        let baseStart = ContinuousClock.now
        await withTaskGroup(of: Void.self) { group in
            var next = 0
            func launch() {
                let (record, endpoint) = jobs[next]
                next += 1
                group.addTask { _ = await sender.send(body: record.body, key: record.key, to: endpoint, unixSeconds: Int64(Date().timeIntervalSince1970)) }
            }
            while next < min(width, jobs.count) { launch() }
            while await group.next() != nil { if next < jobs.count { launch() } }
        }
        try await waitFor(baseReceiver, count: jobs.count)
        let baseline = await baseReceiver.arrivals.values.flatMap(\.values).map { ($0.at - baseStart).seconds }
        await sender.shutdown()
        await receiver.stop()
        await baseReceiver.stop()

        printLatencies("approval-to-delivery", samples: samples,
                       baseline: "the same signed bodies POSTed directly by the same HTTP sender, no log or outbox", baselineSamples: baseline,
                       extra: ["subscribers": .number(Double(subscribers)), "concurrency": .number(Double(concurrency)),
                               "targetP99Milliseconds": .number(1000)])
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
