import Testing
@testable import Sensing

@Suite struct UnitConversionTests {
    @Test func canonicalUnitsPassThrough() throws {
        #expect(try UnitConversion.normalise(12.5, unit: "µg/m³", quantity: .pm25) == 12.5)
        #expect(try UnitConversion.normalise(12.5, unit: "ug/m3", quantity: .pm25) == 12.5)
        #expect(try UnitConversion.normalise(40, unit: "ppb", quantity: .nitrogenDioxide) == 40)
    }

    @Test func gasMassConcentrationBecomesMixingRatioAt25Celsius() throws {
        // EPA: 1 ppb NO2 = 1.88 µg/m³ at 25 °C; 100 µg/m³ is 53.1 ppb.
        let ppb = try UnitConversion.normalise(100, unit: "µg/m3", quantity: .nitrogenDioxide)
        #expect(abs(ppb - 53.15) < 0.02)
        // Ozone in ppm to the canonical ppb.
        #expect(try UnitConversion.normalise(0.070, unit: "ppm", quantity: .ozone) == 70)
        // CO is kept in ppm: 1.145 mg/m³ is 1 ppm.
        #expect(abs(try UnitConversion.normalise(1.1456, unit: "mg/m3", quantity: .carbonMonoxide) - 1) < 0.001)
    }

    @Test func otherConversions() throws {
        #expect(try UnitConversion.normalise(212, unit: "°F", quantity: .temperature) == 100)
        #expect(try UnitConversion.normalise(150, unit: "cm", quantity: .waterLevel) == 1.5)
        #expect(try UnitConversion.normalise(36, unit: "km/h", quantity: .windSpeed) == 10)
    }

    @Test func refusesWrongUnitsAndNonFiniteValues() {
        #expect(throws: ObservationError.wrongUnit(quantity: .pm25, unit: "ppb", expected: "µg/m³")) {
            try UnitConversion.normalise(10, unit: "ppb", quantity: .pm25)
        }
        #expect(throws: ObservationError.notFinite(quantity: .noise)) { try UnitConversion.normalise(.nan, unit: "dBA", quantity: .noise) }
        #expect(throws: ObservationError.notFinite(quantity: .noise)) { try UnitConversion.normalise(.infinity, unit: "dBA", quantity: .noise) }
    }

    @Test func unknownQuantitiesKeepTheirValue() throws {
        #expect(try UnitConversion.normalise(3, unit: "widgets", quantity: "radon") == 3)
    }
}
