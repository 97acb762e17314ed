import Geo
import Testing
@testable import Community

@Suite struct TermLexiconTests {
    let lexicon = TermLexicon.standard

    @Test func englishAndSpanishWithCaseAndAccentFolding() {
        #expect(lexicon.categories(in: "Huge FIRE on Main St") == ["fire"])
        #expect(lexicon.categories(in: "Incendio en la calle Mayor, mucho humo") == ["fire", "smoke"])
        #expect(lexicon.categories(in: "INUNDACIÓN en el túnel") == ["flood"])
        #expect(lexicon.categories(in: "inundacion sin tilde") == ["flood"])
        #expect(lexicon.categories(in: "Calle inundada") == ["flood"])  // inundad*
        #expect(lexicon.categories(in: "Se oyeron disparos, posible tiroteo") == ["shooting"])
        #expect(lexicon.categories(in: "Pelea en la plaza") == ["fight"])
        #expect(lexicon.categories(in: "choque múltiple en la M-30") == ["crash"])
        #expect(lexicon.categories(in: "una explosión enorme") == ["explosion"])
        #expect(lexicon.categories(in: "Huele a gas en el portal") == ["gas"])
        #expect(lexicon.categories(in: "Shots fired!! #gunfire") == ["shooting"])
        // Decomposed accents (e + U+0301) fold like precomposed ones.
        #expect(lexicon.categories(in: "explosio\u{301}n") == ["explosion"])
    }

    @Test func wholeWordsOnly() {
        #expect(lexicon.categories(in: "Cosy evening by the fireplace") == [])
        #expect(lexicon.categories(in: "firefighters training day") == [])
        #expect(lexicon.categories(in: "humorous post") == [])  // not "humo"
        #expect(lexicon.categories(in: "a gas station") == [])  // "gas" alone is no term
        // Phrases are sequences of words: punctuation between them does not matter.
        #expect(lexicon.categories(in: "gas... leak?") == ["gas"])
        #expect(lexicon.categories(in: "fire!") == ["fire"])
    }

    @Test func configurableFromJSON() throws {
        let custom = try TermLexicon(json: Array(#"{"landslide": ["landslide", "deslizamiento de tierra", "derrumb*"]}"#.utf8))
        #expect(custom.categories == ["landslide"])
        #expect(custom.categories(in: "Derrumbe en la carretera") == ["landslide"])
        #expect(custom.categories(in: "deslizamiento de tierra cerca del río") == ["landslide"])
        #expect(custom.categories(in: "fire") == [])
    }

    @Test func badConfigurationNamesTheTerm() {
        #expect(throws: CommunityError.invalidField(field: "fire[1]", reason: "term has no letters or digits")) {
            try TermLexicon(terms: ["fire": ["fire", "!!"]])
        }
        #expect(throws: CommunityError.invalidField(field: "fire[0]", reason: "term '*' may only end the last word")) {
            try TermLexicon(terms: ["fire": ["f*re"]])
        }
        #expect(throws: CommunityError.self) { try TermLexicon(terms: ["fire": ["fi*"]]) }
        #expect(throws: CommunityError.self) { try TermLexicon(terms: ["fire": []]) }
        #expect(throws: CommunityError.self) { try TermLexicon(json: Array(#"{"fire": [1]}"#.utf8)) }
        #expect(throws: CommunityError.self) { try TermLexicon(json: Array("[".utf8)) }
    }

    @Test func gazetteerPlacesPostsWithoutGeotags() throws {
        let sol = GeoPoint(latitude: 40.4169, longitude: -3.7035)
        let gazetteer = try PlaceGazetteer(places: ["Puerta del Sol": sol, "Sol": GeoPoint(latitude: 1, longitude: 1)])
        #expect(gazetteer.place(named: "puerta del sol")?.location == sol)
        #expect(gazetteer.place(named: "Puerta") == nil)
        // The longest name starting at a word wins.
        #expect(gazetteer.firstMention(in: "Humo en la PUERTA DEL SOL ahora")?.name == "Puerta del Sol")
        #expect(gazetteer.firstMention(in: "nothing here") == nil)
        #expect(throws: CommunityError.self) { try PlaceGazetteer(places: ["Nowhere": GeoPoint(latitude: 100, longitude: 0)]) }
    }
}
