import Alerting
import Foundation
import Geo
import SafeCityCore
import SafeCityTesting
import Storage
import Testing

/// An alert service on a fresh database with a manual clock.
struct AlertDesk {
    let directory = TemporaryDirectory("safecity-alerting")
    let clock = ManualClock()
    let log: SQLiteEventLog
    let book: ProjectionHost<AlertBook>
    let service: AlertService

    init() async throws {
        let database = try SQLiteDatabase(path: directory.path("alerts.sqlite"))
        log = try SQLiteEventLog(database: database, clock: clock)
        book = ProjectionHost(AlertBook.self, log: log, checkpoints: SQLiteCheckpointStore(database: database))
        try await book.start()
        service = AlertService(log: log, book: book, clock: clock)
    }

    var draft: AlertDraft { .airQualityAdvisory(center: GeoPoint(latitude: 43.735, longitude: 7.421), radiusMetres: 1500, now: clock.now()) }

    func close() async {
        await book.stop()
        directory.remove()
    }
}

@Suite(.timeLimit(.minutes(5))) struct AlertServiceTests {
    static let officer = "key:pio-1"
    static let supervisor = "key:admin-1"

    @Test func aDifferentPersonMustApprove() async throws {
        let desk = try await AlertDesk()
        let drafted = try await desk.service.draft(desk.draft, by: Self.officer)
        #expect(drafted.status == .drafted)
        #expect(await desk.service.published().isEmpty)
        await #expect(throws: AlertError.conflict("two-person rule: key:pio-1 drafted alert \(drafted.id) and cannot approve it")) {
            try await desk.service.approve(drafted.id, by: Self.officer)
        }
        let approved = try await desk.service.approve(drafted.id, by: Self.supervisor)
        #expect(approved.status == .approved)
        #expect(approved.approvedBy == Self.supervisor)
        #expect(approved.cap?.identifier == drafted.id)
        await #expect(throws: AlertError.self) { try await desk.service.approve(drafted.id, by: "key:other") }
        #expect(await desk.service.published().map(\.identifier) == [drafted.id])
        await desk.close()
    }

    @Test func updatesAndCancelsReferenceTheChain() async throws {
        let desk = try await AlertDesk()
        let first = try await desk.service.draft(desk.draft, by: Self.officer)
        let issued = try await desk.service.approve(first.id, by: Self.supervisor)
        desk.clock.advance(milliseconds: 60_000)
        var wording = desk.draft
        wording.severity = .severe
        let update = try await desk.service.followUp(.update, of: first.id, draft: wording, by: Self.officer)
        let issuedUpdate = try await desk.service.approve(update.id, by: Self.supervisor)
        #expect(issuedUpdate.cap?.msgType == .update)
        #expect(issuedUpdate.cap?.references == issued.cap?.referenceTriple)
        desk.clock.advance(milliseconds: 60_000)
        let cancel = try await desk.service.followUp(.cancel, of: update.id, draft: nil, by: Self.officer)
        let issuedCancel = try await desk.service.approve(cancel.id, by: Self.supervisor)
        #expect(issuedCancel.cap?.msgType == .cancel)
        #expect(issuedCancel.cap?.references == [issued.cap!.referenceTriple, issuedUpdate.cap!.referenceTriple].joined(separator: " "))
        let chain = try await desk.service.chain(of: update.id)
        #expect(chain.map(\.id) == [first.id, update.id, cancel.id])
        await #expect(throws: AlertError.conflict("alert \(first.id) has already been cancelled")) {
            try await desk.service.followUp(.update, of: first.id, draft: nil, by: Self.officer)
        }
        for alert in await desk.service.published() {
            try CAPContentRules.check(try CAPParser.parse(CAPWriter.write(alert)))
            if CAPFixtures.xmllint != nil { #expect(try await CAPFixtures.validate(CAPWriter.write(alert)).valid) }
        }
        await desk.close()
    }

    @Test func cannotUpdateAnUnissuedDraftOrApproveAnExpiredOne() async throws {
        let desk = try await AlertDesk()
        let drafted = try await desk.service.draft(desk.draft, by: Self.officer)
        await #expect(throws: AlertError.self) { try await desk.service.followUp(.update, of: drafted.id, draft: nil, by: Self.officer) }
        desk.clock.advance(milliseconds: 7 * 3_600_000)
        await #expect(throws: AlertError.self) { try await desk.service.approve(drafted.id, by: Self.supervisor) }
        await #expect(throws: AlertError.notFound("nope")) { try await desk.service.approve("nope", by: Self.supervisor) }
        #expect(await desk.service.published().isEmpty)
        await desk.close()
    }

    @Test func invalidDraftsWriteNothing() async throws {
        let desk = try await AlertDesk()
        var draft = desk.draft
        draft.texts[0].wirelessText = String(repeating: "w", count: 91)
        await #expect(throws: AlertError.invalid(ValidationError(field: "texts[0].wirelessText", reason: "is 91 characters; wireless alerts allow at most 90"))) {
            try await desk.service.draft(draft, by: Self.officer)
        }
        #expect(try await desk.log.lastSequence() == 0)
        await desk.close()
    }

    @Test func theBookRebuildsToTheSameState() async throws {
        let desk = try await AlertDesk()
        let drafted = try await desk.service.draft(desk.draft, by: Self.officer)
        _ = try await desk.service.approve(drafted.id, by: Self.supervisor)
        let live = await desk.book.snapshot().state
        var rebuilt = AlertBook.initialState()
        for record in try await desk.log.read(after: 0, limit: 100) { AlertBook.apply(record, to: &rebuilt) }
        #expect(rebuilt == live)
        await desk.close()
    }
}

/// The health advisory an outbreak signal drafts: bilingual, within the wireless-text limits however many
/// areas it names, and a valid CAP 1.2 alert once approved.
@Suite(.timeLimit(.minutes(5))) struct HealthAdvisoryTests {
    @Test func isBilingualWithinTheWirelessLimitsAndValidCAP() async throws {
        let desk = try await AlertDesk()
        let many = ["Monaco-Ville", "La Condamine", "Monte-Carlo", "Fontvieille", "Les Moneghetti", "Jardin Exotique"]
        for names in [["La Condamine"], many] {
            let draft = AlertDraft.healthAdvisory(syndrome: "respiratory", areaNames: names, sinceWeek: "2026-11-09",
                                                  center: GeoPoint(latitude: 43.7353, longitude: 7.4204), radiusMetres: 900, now: desk.clock.now())
            #expect(draft.texts.map(\.language) == ["en-US", "es-US"])
            for text in draft.texts {
                #expect((1...90).contains(text.wirelessText.count), "\(text.wirelessText)")
                #expect((text.wirelessLongText?.count ?? 0) <= 360)
            }
            let entry = try await desk.service.draft(draft, by: "key:health-officer")
            let approved = try await desk.service.approve(entry.id, by: "key:admin-1")
            let alert = try #require(approved.cap)
            #expect(alert.infos.first?.categories == [.health])
            try CAPContentRules.check(try CAPParser.parse(CAPWriter.write(alert)))
            if CAPFixtures.xmllint != nil { #expect(try await CAPFixtures.validate(CAPWriter.write(alert)).valid) }
        }
        for (aqi, everyone) in [(155, false), (212, true)] {
            let draft = AlertDraft.airQualityHealthAdvisory(
                aqi: aqi, pollutant: "PM2.5", category: ("Unhealthy", "Dañina"), message: ("Some may have effects.", "Algunos pueden sufrir efectos."),
                everyone: everyone, center: GeoPoint(latitude: 43.735, longitude: 7.421), radiusMetres: 1_000, now: desk.clock.now())
            #expect(draft.severity == (everyone ? .severe : .moderate))
            for text in draft.texts { #expect((1...90).contains(text.wirelessText.count), "\(text.wirelessText)") }
            let approved = try await desk.service.approve(try await desk.service.draft(draft, by: "key:health-officer").id, by: "key:admin-1")
            let alert = try #require(approved.cap)
            if CAPFixtures.xmllint != nil { #expect(try await CAPFixtures.validate(CAPWriter.write(alert)).valid) }
        }
        await desk.close()
    }
}
