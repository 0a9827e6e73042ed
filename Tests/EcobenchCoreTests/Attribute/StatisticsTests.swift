import EcobenchCore
import Testing

@Suite struct StatisticsTests {
    /// Independent values: closed forms for 1, 2 and 4 degrees of freedom (df 1: tan(0.475π); df 2:
    /// (2p − 1)/√(2p(1 − p)) at p = 0.975; df 4: 2√(q − 1), q = cos(⅓ arccos √α)/√α, α = 4p(1 − p)),
    /// and four-decimal published tables (e.g. NIST/SEMATECH e-Handbook 1.3.6.7.2) for the rest.
    @Test func studentQuantilesMatchClosedFormsAndTables() {
        #expect(abs(StudentT.quantile975(degreesOfFreedom: 1) - 12.70620474) < 1e-7)
        #expect(abs(StudentT.quantile975(degreesOfFreedom: 2) - 4.30265273) < 1e-7)
        #expect(abs(StudentT.quantile975(degreesOfFreedom: 4) - 2.77644511) < 1e-7)
        for (df, published) in [(10, 2.2281), (30, 2.0423), (40, 2.0211), (60, 2.0003), (120, 1.9799)] {
            #expect(abs(StudentT.quantile975(degreesOfFreedom: df) - published) < 5e-5, "df \(df)")
        }
        // df → ∞: the normal quantile z(0.975) = 1.959964; 1e6 adds (z³ + z)/(4 df) = 2.4e-6.
        #expect(abs(StudentT.quantile975(degreesOfFreedom: 1_000_000) - 1.959966) < 1e-6)
        #expect(StudentT.quantile975(degreesOfFreedom: 0).isNaN)
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
