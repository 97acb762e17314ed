import Testing
@testable import Vision

@Suite struct MOTTextTests {
    @Test func readsTheTUDCampusFiles() throws {
        let gt = try Fixture.mot("gt.txt")
        #expect(gt.count == 359)
        #expect(Set(gt.map(\.id)).count == 8)
        #expect(Set(gt.map(\.frame)).count == 71)
        let noisy = try Fixture.mot("det_noisy.txt")
        #expect(noisy.count == 301)
        #expect(noisy.allSatisfy { $0.id == -1 })
    }

    @Test func roundTripsThroughTheWriter() throws {
        let gt = try Fixture.mot("gt.txt")
        let again = try MOTText.parse(MOTText.format(gt))
        #expect(again.count == gt.count)
        let sorted = gt.sorted { ($0.frame, $0.id) < ($1.frame, $1.id) }
        for (a, b) in zip(sorted, again) {
            #expect(a.frame == b.frame && a.id == b.id)
            #expect(abs(a.box.left - b.box.left) < 0.006 && abs(a.box.height - b.box.height) < 0.006)
        }
    }

    @Test func badLinesNameTheirNumberAndReason() {
        #expect(throws: VisionError.malformedLine(line: 2, reason: "invalid box: width and height must be positive (got -4.0 × 10.0)")) {
            try MOTText.parse("1,-1,1,1,5,5,1\n2,-1,1,1,-4,10,1\n")
        }
        #expect(throws: VisionError.malformedLine(line: 1, reason: "left 'abc' is not a finite number")) {
            try MOTText.parse("1,-1,abc,1,5,5,1")
        }
        #expect(throws: VisionError.malformedLine(line: 1, reason: "expected at least 6 fields (frame,id,left,top,width,height), found 3")) {
            try MOTText.parse("1,2,3")
        }
        #expect(throws: VisionError.malformedLine(line: 1, reason: "top 'nan' is not a finite number")) {
            try MOTText.parse("1,-1,1,nan,5,5,1")
        }
    }
}
