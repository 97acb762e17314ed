import Testing
@testable import Community

@Suite struct CommunityErrorTests {
    @Test func describesTheFieldAndReason() {
        #expect(CommunityError.invalidField(field: "lat", reason: "must be a number").description == "lat: must be a number")
        #expect(CommunityError.notFound("service 42").description == "service 42 not found")
    }
}
