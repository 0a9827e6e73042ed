import EcobenchCore
import Testing

@Suite struct StatisticsTests {
    @Test func studentQuantilesMatchTables() {
        #expect(StudentT.quantile975(degreesOfFreedom: 1) == 12.706)
        #expect(StudentT.quantile975(degreesOfFreedom: 10) == 2.228)
        // Beyond the table the expansion must agree with published values to 0.001.
        #expect(abs(StudentT.quantile975(degreesOfFreedom: 40) - 2.021) < 0.001)
        #expect(abs(StudentT.quantile975(degreesOfFreedom: 60) - 2.000) < 0.001)
        #expect(abs(StudentT.quantile975(degreesOfFreedom: 120) - 1.980) < 0.001)
    }

    @Test func singleValueHasNoSpread() throws {
        let s = try #require(SummaryStatistics([5]))
        #expect(s.mean == 5 && s.sd == nil && s.ci95Low == nil)
        #expect(SummaryStatistics([]) == nil)
    }

    @Test func gridIntensityConvertsJoulesToGrams() throws {
        let de = try #require(GridIntensity.forCountry("de"))
        #expect(de.intensityGPerKwh == 381)
        #expect(de.provenance == "assumed")
        #expect(abs(de.co2eGrams(joules: 3.6e6) - 381) < 1e-9)
        for zone in ["DE", "FR", "PL", "SE", "EU", "WORLD"] { #expect(GridIntensity.forCountry(zone) != nil) }
    }
}
