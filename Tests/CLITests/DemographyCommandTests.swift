import Foundation
import Testing

@Suite("spsim demography")
struct DemographyCommandTests {
    @Test("prints the fitted life table (e0 and infant mortality as published), fertility and the crude-rate checks")
    func demography() throws {
        let outcome = try SPSimProcess.run(["demography", "--households", "1000"])
        #expect(outcome.status == 0, "\(outcome)")
        #expect(outcome.outputLines.contains { $0.hasPrefix("life expectancy at birth, years") && $0.contains("65.500") && $0.contains("64.500") }, "\(outcome)")
        #expect(outcome.outputLines.contains { $0.hasPrefix("infant mortality, per 1,000 births") && $0.contains("56.00") }, "\(outcome)")
        #expect(outcome.outputLines.contains { $0.hasPrefix("20-24") && $0.contains("176.0") && $0.hasSuffix("PDS 2020") }, "\(outcome)")
        #expect(outcome.outputLines.contains { $0.hasPrefix("total fertility rate: ") }, "\(outcome)")
        #expect(outcome.outputLines.contains { $0.hasPrefix("crude death rate, per 1,000") }, "\(outcome)")

        let missing = try SPSimProcess.run(["demography", "--file", "no-such-file.yaml", "--households", "1000"])
        #expect(missing.status == 1, "\(missing)")
        #expect(missing.standardError.contains("no-such-file.yaml: cannot read the mortality and fertility file"), "\(missing)")
    }
}
