import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Mail
import SafeCityCore
import SafeCityServer
import Security
import Sensing
import Simulation

/// `safecity demo`: the whole platform on a fresh database with a simulated Monaco.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Start SafeCity with a simulated city on Monaco's real roads.")

    @Option(help: "Port to listen on; 0 picks a free one.") var port: Int = 8080
    @Option(help: "Address to listen on.") var host: String = "127.0.0.1"
    @Option(help: "Seed of the simulated city.") var seed: UInt64 = 42
    @Option(help: "Database file (default: a fresh file in a temporary folder).") var database: String?
    @Option(name: .customLong("smtp"), help: "Mail relay for reporters' notices (default: file:///<database folder>/outbox-mail, .eml files).")
    var smtp: String?

    func run() async throws {
        let path = database ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("safecity-demo-\(ProcessInfo.processInfo.processIdentifier)-\(Int(Date().timeIntervalSince1970))")
            .appendingPathComponent("safecity.sqlite").path
        let started = ContinuousClock.now
        let cityRoads = try CityRoads.monaco()
        let roads = cityRoads.car.graph
        let mailFolder = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("outbox-mail").path
        var notices = ReporterNoticeWorker.Settings(publicBaseURL: "http://\(host):\(port)")
        do { notices.mail = try MailRelay(url: smtp ?? "file://\(mailFolder)?from=noreply@safecity.example") } catch { throw CLIError("--smtp: \(error)") }
        let platform = try await Platform(databasePath: path, roads: cityRoads, sensorRules: try RuleSet.load(json: CityRules.json()), notices: notices)
        let admin = try await platform.keys.create(name: "demo admin", role: .admin, createdBy: "cli:demo")
        let dispatcher = try await platform.keys.create(name: "demo dispatcher", role: .dispatcher, createdBy: "cli:demo")
        let officer = try await platform.keys.create(name: "demo public-information officer", role: .publicInformationOfficer, createdBy: "cli:demo")
        let advisory = try await DemoAlert.issue(platform: platform, draftedBy: officer, approvedBy: admin)
        let reportID = try await DemoReports.file(into: platform.reports, actor: "cli:demo")

        let streets = StreetNetwork(graph: roads)
        let plan = CityPlan.make(on: streets, seed: seed)
        try await DemoSensors.register(plan, streets: streets, with: platform.sensing, actor: "cli:demo")
        let backfilled = try await DemoSensors.backfill(plan, streets: streets, seed: seed, hours: 12, until: platform.clock.now()) { events in
            _ = try await platform.append(events)
        }
        let simulation = CitySimulation(streets: streets, plan: plan, seed: seed, start: platform.clock.now())
        let desk = SimulatedDispatchDesk(dispatch: platform.dispatch, routing: cityRoads.emergency, plan: plan, streets: streets,
                                         clock: platform.clock)
        let driver = SimulationDriver(simulation: simulation, clock: platform.clock) { events in
            _ = try await platform.append(events)
            await desk.step(after: events)
        }
        try await desk.open(city: driver, hospitals: DemoHospital.monaco)
        try await desk.takeDrills(from: platform.log)
        let cameras = CameraFeedDriver(sites: try DemoCameras.sites(start: Double(platform.clock.now().millisecondsSince1970) / 1_000, seed: seed),
                                       vision: platform.vision, clock: platform.clock)
        try await cameras.register(actor: "cli:demo")
        let socialFeed = DemoSocialFeed(social: platform.social, clock: platform.clock, seed: seed)
        await socialFeed.tick()
        await desk.issueWarnings(with: platform.alerts, draftedBy: DemoAlert.actor(officer), approvedBy: DemoAlert.actor(admin))
        let healthOfficer = try await platform.keys.create(name: "demo health officer", role: .healthOfficer, createdBy: "cli:demo")
        // A person's account as the operations floor would use it: password and a TOTP code at every sign-in.
        // People sign in to the dashboard with these (API keys are machine credentials): the dispatcher, an officer who
        // drafts alerts, a supervisor (admin) who approves them, and a health officer.
        var people: [(account: AccountService.Created, password: String, duty: String)] = []
        for (username, role, duty) in [("demo.dispatcher", Role.dispatcher, "dispatcher"), ("demo.officer", .publicInformationOfficer, "public-information officer: drafts alerts"),
                                       ("demo.supervisor", .admin, "supervisor: approves or rejects alerts"), ("demo.health", .healthOfficer, "health officer")] {
            let password = "demo-" + UUID().uuidString.prefix(13).lowercased()
            people.append((try await platform.accounts.create(username: username, role: role, password: password, by: "cli:demo"), password, duty))
        }
        let accountPassword = people[0].password
        let accountLines = people.map { "  account:    \($0.account.username), password \($0.password), TOTP secret \($0.account.totpSecretBase32) (\($0.duty))" }
            .joined(separator: "\n")
        let outbreakSignals = try await DemoHealth.load(into: platform.health, now: platform.clock.now(), seed: seed)
        let crimes = try await DemoCrime.load(into: platform.forecasts, now: platform.clock.now(), seed: seed)
        // The first forecast (and its fairness audit, which the portal's transparency page shows) is made in the background.
        Task { _ = try? await platform.forecasts.forecast(method: "etas", cellMetres: 150) }
        let loadTime = ContinuousClock.now - started

        var logger = Logger(label: "safecity")
        logger.logLevel = .warning
        let app = SafeCityApp.buildApplication(platform: platform, host: host, port: port, logger: logger) { boundPort in
            let url = "http://\(host):\(boundPort)"
            printNow("""
                SafeCity demo — simulated Monaco (roads © OpenStreetMap contributors, ODbL 1.0)
                  roads:      \(roads.nodeCount) nodes, \(roads.edgeCount) directed edges (imported in \(loadTime.formatted(.units(allowed: [.milliseconds]))))
                  city:       \(plan.stations.count) stations, \(plan.units.count) units, \(DemoHospital.monaco.count) hospitals, \(plan.sensors.count) sensors (\(backfilled) readings of the last 12 h), calls every ~45 s
                  cameras:    2 simulated cameras (Place du Casino, Gare de Monaco): loitering, a left bag, crowds, a car stopping
                  social:     a public feed of Monaco chatter; every 20 minutes a fire its witnesses post about (first at ~4 min)
                  health:     \(DemoHealth.weeks) weeks of respiratory and gastrointestinal ED visits in Monaco's 10 quarters; a respiratory outbreak in La Condamine began 3 weeks ago
                              (\(outbreakSignals.count) outbreak signals: \(outbreakSignals.map { "\($0.kind) in \($0.areaNames.joined(separator: ", "))" }.joined(separator: "; ")))
                  forecasts:  \(crimes) simulated street crimes of the last year around 5 hotspots; ETAS, KDE, prospective and naive forecasts
                              with their backtests and a fairness audit over 4 districts (places and times, never persons)
                  desk:       calls become incidents; the simulated dispatcher sends the recommended units after 20 s unless you do;
                              fires, gas leaks and hazmat incidents issue CAP warnings (officer drafts, admin approves);
                              it takes drill calls too (the exercise warning waits for you to approve it as the admin)
                  database:   \(path)
                  dashboard:  \(url)/
                  portal:     \(url)/portal/ (residents: alerts, air quality, lessons; English and Spanish)
                  admin key:  \(admin.token)
                  dispatcher: \(dispatcher.token)
                  officer:    \(officer.token)
                  health:     \(healthOfficer.token)
                \(accountLines)
                              (the dashboard's sign-in, the only one for people: add the secret to an authenticator app, or `oathtool --totp -b SECRET`;
                               API keys are machine credentials and cannot approve alerts, acknowledge signals or read callers' details)
                  alert:      \(advisory) drafted by the demo officer, approved by the demo admin
                  reports:    request \(reportID) (a street light) with a merged duplicate; its reporters' notices: \(platform.notices.senders["email"] ?? "")
                Try:
                  curl \(url)/healthz
                  curl \(url)/alerts.atom
                  curl \(url)/v1/air-quality
                  curl -H 'Authorization: Bearer \(dispatcher.token)' \(url)/v1/reports/notices
                  curl -H 'Authorization: Bearer \(admin.token)' \(url)/metrics
                  curl -N -H 'Authorization: Bearer \(admin.token)' \(url)/v1/stream
                  curl -H 'Authorization: Bearer \(healthOfficer.token)' '\(url)/v1/health/alarms?syndrome=respiratory'
                  curl -H 'Authorization: Bearer \(healthOfficer.token)' '\(url)/v1/health/clusters?syndrome=respiratory'
                  curl -H 'Authorization: Bearer \(dispatcher.token)' '\(url)/v1/forecasts?method=etas'
                  curl -H 'Authorization: Bearer \(dispatcher.token)' '\(url)/v1/forecasts/patrols?units=3'
                  curl -X POST -d '{"username":"demo.dispatcher","password":"\(accountPassword)","code":"CODE"}' \(url)/v1/auth/login
                  curl -X POST -H 'Authorization: Bearer \(admin.token)' -d '{"scenario":"structure-fire","latitude":43.7394,"longitude":7.4276}' \(url)/v1/drills
                Press Ctrl-C to stop.
                """)
            await driver.start()
            await cameras.start()
            await socialFeed.start()
        }
        await platform.delivery.start()
        await platform.notices.start()
        try await app.runService()
        await driver.stop()
        await cameras.stop()
        await socialFeed.stop()
        await platform.shutdown()
    }
}
