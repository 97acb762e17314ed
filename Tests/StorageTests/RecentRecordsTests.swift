import SafeCityCore
import SafeCityTesting
@testable import Storage
import Testing

@Suite struct RecentRecordsTests {
    /// Records 1…n of one chain, as a log would seal them.
    static func records(_ count: Int) -> [EventRecord] {
        var previous = HashChain.genesis
        return EventFactory.observations(count, seed: 3).enumerated().map { index, event in
            let record = EventRecord.seal(event, sequence: Int64(index + 1), recordedAt: Timestamp(millisecondsSince1970: 1), previousHash: previous)
            previous = record.hash
            return record
        }
    }

    @Test func batchesReportedOutOfOrderJoinTheRunOnceTheGapCloses() {
        let all = Self.records(9)
        let recent = RecentRecords()
        recent.add(Array(all[0..<3]))
        recent.add(Array(all[6..<9]))
        #expect(recent.read(after: 3, limit: 10, types: nil) == nil, "records 4–6 are not here yet: the database answers")
        #expect(recent.read(after: 0, limit: 10, types: nil)?.scannedThrough == 3)
        recent.add(Array(all[3..<6]))
        let page = recent.read(after: 0, limit: 100, types: nil)
        #expect(page?.records == all && page?.scannedThrough == 9)
        recent.add(Array(all[4..<9]))
        #expect(recent.read(after: 0, limit: 100, types: nil)?.records == all, "a page read again from the database adds nothing twice")
    }

    @Test func aGapNobodyHereFillsStartsANewRun() {
        let all = Self.records(200)
        let recent = RecentRecords()
        recent.add([all[0]])
        // Record 2 was another node's: batches 3, 4, … wait for it until too many do.
        for index in 2..<(3 + RecentRecords.maxWaiting) { recent.add([all[index]]) }
        let page = recent.read(after: 2, limit: 1_000, types: nil)
        #expect(page?.records.first?.sequence == 3 && page?.records.last?.sequence == Int64(3 + RecentRecords.maxWaiting))
        #expect(recent.read(after: 1, limit: 10, types: nil) == nil)
    }
}
