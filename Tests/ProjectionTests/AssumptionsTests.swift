import Foundation
import Testing
import GSLStatistics
import PolicyRules
@testable import Projection
import SpsimSupport

@Suite("Uncertain assumptions (compare --assumptions)")
struct AssumptionsTests {
    static let shipped = ScenarioFolder.repository.appendingPathComponent("scenarios/assumptions/uncertain-assumptions.yaml")
    static let baseline = ScenarioFolder.repository.appendingPathComponent("scenarios/baseline.yaml")

    func problems(_ text: String) -> [InputError] {
        do { _ = try UncertainAssumptions.parse(text, file: "a.yaml"); return [] } catch { return error.errors }
    }

    static let valid = """
    title: t
    assumptions:
      - parameter: household_transfer.take_up
        unit: /1
        from: 2025-07-01
        distribution: uniform
        low: 0.6
        high: 1
        source: assumption
        date: 2026-12
    """

    @Test func shippedFileLoadsWithUnitsSourcesAndCentralValues() throws {
        let file = try UncertainAssumptions.load(Self.shipped)
        #expect(file.assumptions.map(\.parameter) == ["economy.cpi_inflation", "economy.nominal_wage_growth", "economy.nominal_gdp_growth", "household_transfer.take_up"])
        #expect(file.assumptions.allSatisfy { !$0.source.isEmpty && !$0.date.isEmpty && $0.unit == ParameterCatalog.byName[$0.parameter]?.unit })
        // Triangular mode, triangular mode, normal mean, scaled beta mean 0.7 + 0.3 × 8/10.
        let central = file.centralValues
        #expect(central[0] == 0.065 && central[1] == 0.07 && central[2] == 0.10)
        #expect(abs(central[3] - 0.94) < 1e-12)
    }

    @Test func replicateZeroIsCentralOthersAreDrawnInsideTheBoundsAndRepeatable() throws {
        let file = try UncertainAssumptions.load(Self.shipped)
        let seeds = Replicates.seeds(base: 20_250_701, count: 50)
        #expect(try file.values(replicate: 0, seed: seeds[0]) == file.centralValues)
        var draws: [[Double]] = []
        for r in 1..<50 {
            let values = try file.values(replicate: r, seed: seeds[r])
            #expect(values == (try file.values(replicate: r, seed: seeds[r])))
            for (value, assumption) in zip(values, file.assumptions) {
                #expect(value >= assumption.distribution.low && value <= assumption.distribution.high)
            }
            draws.append(values)
        }
        // Not a constant: 49 draws of a continuous distribution are all different.
        #expect(Set(draws.map { $0[0] }).count == 49)
    }

    @Test func theDrawnUniformsAreUniform() {
        // 10,000 uniforms: the mean within 4 standard errors of 1/2 (se = 1/sqrt(12 × 10,000)).
        let n = 10_000
        let mean = (0..<n).map { UncertainAssumptions.uniform(seed: Replicates.seed(base: 1, replicate: $0 + 1), index: 0) }.reduce(0, +) / Double(n)
        #expect(abs(mean - 0.5) < 4 / (12.0 * Double(n)).squareRoot())
    }

    @Test func aValueAppliesFromItsDateAndKeepsThePast() throws {
        let scenario = try ScenarioLoader.load(Self.baseline)
        let before2026 = try scenario.value(of: "economy.cpi_inflation", year: 2025)
        let changed = try scenario.settingNumber("economy.cpi_inflation", to: 0.09, from: .firstJuly(2026), location: SourceLocation(file: "a.yaml", line: 3))
        #expect(try changed.value(of: "economy.cpi_inflation", year: 2025) == before2026)
        #expect(try changed.value(of: "economy.cpi_inflation", year: 2026) == .number(0.09))
        #expect(try changed.value(of: "economy.cpi_inflation", year: 2031) == .number(0.09))
        #expect(throws: InputError.self) { try scenario.settingNumber("economy.cpi_inflation", to: -2, from: .firstJuly(2026), location: SourceLocation(file: "a.yaml", line: 3)) }
    }

    @Test func validFileParses() throws {
        let file = try UncertainAssumptions.parse(Self.valid, file: "a.yaml")
        #expect(file.assumptions.count == 1 && file.assumptions[0].distribution == .uniform(low: 0.6, high: 1))
        #expect(file.assumptions[0].location.line == 3)
    }

    @Test func badFilesNameLineKeyAndFix() {
        func one(_ edit: (String) -> String) -> InputError? { problems(edit(Self.valid)).first }
        let unknown = one { $0.replacingOccurrences(of: "household_transfer.take_up", with: "household_transfer.take_upp") }
        #expect(unknown?.problem == "unknown parameter" && unknown?.line == 3 && unknown?.fix.contains("did you mean 'household_transfer.take_up'") == true, "\(String(describing: unknown))")
        let unit = one { $0.replacingOccurrences(of: "unit: /1", with: "unit: percent") }
        #expect(unit?.problem.contains("does not match the parameter's unit '/1'") == true && unit?.line == 4 && unit?.value == "percent", "\(String(describing: unit))")
        let range = one { $0.replacingOccurrences(of: "high: 1", with: "high: 85") }
        #expect(range?.problem == "a share must be between 0 and 1" && range?.column?.hasSuffix(".high") == true, "\(String(describing: range))")
        let source = one { $0.replacingOccurrences(of: "    source: assumption\n", with: "") }
        #expect(source?.problem == "the source is missing", "\(String(describing: source))")
        let kind = one { $0.replacingOccurrences(of: "uniform", with: "lognormal") }
        #expect(kind?.problem == "unknown distribution" && kind?.value == "lognormal", "\(String(describing: kind))")
        let order = one { $0.replacingOccurrences(of: "low: 0.6", with: "low: 1").replacingOccurrences(of: "high: 1", with: "high: 0.6") }
        #expect(order?.problem.contains("low must be below high") == true, "\(String(describing: order))")
        let missing = one { $0.replacingOccurrences(of: "    high: 1\n", with: "") }
        #expect(missing?.problem == "uniform needs 'high'", "\(String(describing: missing))")
        let whole = one { $0.replacingOccurrences(of: "household_transfer.take_up", with: "social_pension.age").replacingOccurrences(of: "unit: /1", with: "unit: age") }
        #expect(whole?.problem.contains("cannot be drawn") == true, "\(String(describing: whole))")
        let date = one { $0.replacingOccurrences(of: "from: 2025-07-01", with: "from: July 2025") }
        #expect(date?.problem == "not a date" && date?.fix.contains("YYYY-MM-DD") == true, "\(String(describing: date))")
        #expect(problems("title: t\n").first?.problem == "the list of assumptions is missing")
    }
}
