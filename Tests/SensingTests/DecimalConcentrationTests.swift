import Testing
@testable import Sensing

@Suite struct DecimalConcentrationTests {
    @Test func parsesDecimalText() throws {
        let v = try DecimalConcentration(parsing: "9.1")
        #expect(v.mantissa == 91 && v.scale == 1)
        #expect(try DecimalConcentration(parsing: " 0.078 ").description == "0.078")
        #expect(try DecimalConcentration(parsing: ".5").description == "0.5")
        #expect(try DecimalConcentration(parsing: "12").description == "12")
        #expect(try DecimalConcentration(parsing: "+3.20").description == "3.20")
        #expect(try DecimalConcentration(parsing: "1e-05").description == "0.00001")
        #expect(try DecimalConcentration(parsing: "2.5E2").description == "250")
        #expect(try DecimalConcentration(parsing: "-0.0") == .zero)
        #expect(try DecimalConcentration(parsing: "9.0") == DecimalConcentration(parsing: "9.00"))
        #expect(try DecimalConcentration(parsing: "9.04") < DecimalConcentration(parsing: "9.1"))
    }

    @Test func refusesBadText() {
        #expect(throws: AQIError.notANumber("abc")) { try DecimalConcentration(parsing: "abc") }
        #expect(throws: AQIError.notANumber("")) { try DecimalConcentration(parsing: "") }
        #expect(throws: AQIError.notANumber("1.2.3")) { try DecimalConcentration(parsing: "1.2.3") }
        #expect(throws: AQIError.notANumber(".")) { try DecimalConcentration(parsing: ".") }
        #expect(throws: AQIError.negative("-4.2")) { try DecimalConcentration(parsing: "-4.2") }
        #expect(throws: AQIError.tooPrecise("123456789012345678901")) { try DecimalConcentration(parsing: "123456789012345678901") }
        #expect(throws: AQIError.self) { try DecimalConcentration(Double.nan) }
        #expect(throws: AQIError.self) { try DecimalConcentration(-1.5) }
    }

    @Test func doublesGoThroughTheirShortestText() throws {
        // 9.1 as a Double is 9.0999999999999996447…; truncating that binary value would give 9.0.
        #expect(try DecimalConcentration(9.1).truncated(toScale: 1).description == "9.1")
        #expect(try DecimalConcentration(0.1 + 0.2).description == "0.30000000000000004")
        #expect(try DecimalConcentration(0.07).truncated(toScale: 3).description == "0.070")
        #expect(try DecimalConcentration(1e-5).description == "0.00001")
        #expect(try DecimalConcentration(250.0).description == "250.0")
    }

    @Test func truncationCutsAndMovingThePointIsExact() throws {
        #expect(try DecimalConcentration(parsing: "35.49").truncated(toScale: 1).description == "35.4")
        #expect(try DecimalConcentration(parsing: "54.999").truncated(toScale: 0).description == "54")
        #expect(try DecimalConcentration(parsing: "7").truncated(toScale: 1).description == "7.0")
        #expect(try DecimalConcentration(parsing: "39").movingDecimalPointLeft(3).description == "0.039")
        #expect(try DecimalConcentration(parsing: "39.5").movingDecimalPointLeft(3).description == "0.0395")
    }
}
