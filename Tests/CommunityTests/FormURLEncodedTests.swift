import Testing
@testable import Community

@Suite struct FormURLEncodedTests {
    func pairs(_ body: String) throws -> [[String]] {
        try FormURLEncoded.decode(body).map { [$0.name, $0.value] }
    }

    @Test func decodesPlusAndPercentEscapes() throws {
        #expect(try pairs("a=1+2&b=%2B%26%3D&c=%C3%A9t%C3%A9") == [["a", "1 2"], ["b", "+&="], ["c", "été"]])
        #expect(try pairs("email=smit333%40sfgov.edu") == [["email", "smit333@sfgov.edu"]])
        #expect(try pairs("attribute%5BX%5D%5B%5D=v") == [["attribute[X][]", "v"]])
    }

    @Test func keepsOrderRepeatsAndOddPieces() throws {
        #expect(try pairs("a=1&&b=&flag&a=2&=v&c=x=y") == [["a", "1"], ["b", ""], ["flag", ""], ["a", "2"], ["", "v"], ["c", "x=y"]])
        #expect(try pairs("") == [])
        #expect(try pairs("&&&") == [])
    }

    @Test func refusesMalformedEscapes() {
        #expect(throws: CommunityError.self) { try FormURLEncoded.decode("a=%zz") }
        #expect(throws: CommunityError.self) { try FormURLEncoded.decode("a=%4") }
        #expect(throws: CommunityError.self) { try FormURLEncoded.decode("a=50%") }
        do {
            _ = try FormURLEncoded.decode("lat=1&description=100%")
            Issue.record("accepted a lone %")
        } catch {
            #expect(error.description.hasPrefix("description: has a malformed percent-escape"))
        }
    }

    @Test func refusesBytesThatAreNotUTF8() {
        #expect(throws: CommunityError.invalidField(field: "a", reason: "is not valid UTF-8 once decoded")) { try FormURLEncoded.decode("a=%FF%FE") }
        #expect(throws: CommunityError.invalidField(field: "form field name", reason: "is not valid UTF-8 once decoded")) { try FormURLEncoded.decode("%C3=1") }
    }
}
