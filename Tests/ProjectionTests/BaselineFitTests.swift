import Foundation
import Testing
@testable import Projection
import PolicyRules
import PopulationData
import SpsimSupport

@Suite("spsim fit: published figures against the baseline")
struct BaselineFitTests {
    func write(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("figures-\(UUID().uuidString).yaml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test("the shipped figures file loads; each figure names an indicator, a year and a source")
    func shippedFile() throws {
        let figures = try BaselineFit.loadFigures(ScenarioFolder.repository.appendingPathComponent("scenarios/validation/published-figures.yaml"))
        #expect(figures.count >= 5)
        #expect(figures.allSatisfy { !$0.source.isEmpty && (2023...2030).contains($0.year) })
        #expect(figures.contains { $0.indicator == "contribution_revenue" && $0.published == 39.0e9 })
    }

    @Test("a figure without a source or with a bad year is an error naming the key and line")
    func badFigures() throws {
        let url = try write("""
        figures:
          - figure: A
            indicator: population
            year: 2024
            published: 1
            unit: persons
            fitted: true
          - figure: B
            indicator: population
            year: 1850
            published: 1
            unit: persons
            source: x
            fitted: false
        """)
        do {
            _ = try BaselineFit.loadFigures(url)
            Issue.record("bad figures loaded")
        } catch let errors as InputErrors {
            #expect(errors.errors.contains { $0.column == "source" && $0.line == 2 })
            #expect(errors.errors.contains { $0.column == "year" && $0.line == 8 && $0.value == "1850.0" })
        }
    }

    @Test("each figure's model value is the projected baseline's indicator in that year; the CSV has the documented columns")
    func rowsMatchProjection() throws {
        let population = TestPopulations.make(households: 300)
        let baseline = try ScenarioLoader.load(ScenarioFolder.repository.appendingPathComponent("scenarios/baseline.yaml"))
        let projector = try Projector(population: population, baseYear: 2025, years: [2023, 2024], projection: try ScenarioFolder.projection())
        let figures = [PublishedFigure(figure: "households", indicator: "households", breakdown: "total", group: "all", year: 2024,
                                       published: 40e6, unit: "households", source: "test", fitted: false, note: "n")]
        let rows = try BaselineFit.rows(population: population, calibration: try CalibrationTargets.pakistan(), baseline: baseline,
                                        figures: figures, projector: projector)
        let projected = try projector.run(baseline)
        let expected = try #require(projected.first { $0.year == 2024 }?.indicators["households"])
        let row = try #require(rows.last)
        #expect(row.figure == "households" && row.year == "2024-25" && row.model == expected && !row.fitted)
        #expect(abs(row.ratio - expected / 40e6) <= 1e-12 * row.ratio)
        #expect(BaselineFit.csv(rows).hasPrefix("figure,source,year,published,model,ratio,fitted,unit,note\n"))
        // The population's calibration targets come first.
        #expect(rows.first?.figure == "population")
    }

    @Test("divided_by and per_month: the average pension is pension spending ÷ pensioners ÷ 12; a bad per_month names its line")
    func averages() throws {
        let url = try write("""
        figures:
          - figure: average pension
            indicator: contributory_pension_expenditure
            divided_by: contributory_pensioners
            per_month: true
            year: 2024
            published: 10750
            unit: PKR/month
            source: test
            fitted: false
        """)
        let figures = try BaselineFit.loadFigures(url)
        #expect(figures.first?.dividedBy == "contributory_pensioners" && figures.first?.perMonth == true)
        let population = TestPopulations.make(households: 300)
        let baseline = try ScenarioLoader.load(ScenarioFolder.repository.appendingPathComponent("scenarios/baseline.yaml"))
        let projector = try Projector(population: population, baseYear: 2025, years: [2024], projection: try ScenarioFolder.projection())
        let rows = try BaselineFit.rows(population: population, calibration: try CalibrationTargets.pakistan(), baseline: baseline,
                                        figures: figures, projector: projector)
        let year = try #require(try projector.run(baseline).first)
        let spending = try #require(year.indicators["contributory_pension_expenditure"])
        let pensioners = try #require(year.indicators["contributory_pensioners"])
        #expect(pensioners > 0)
        let row = try #require(rows.last)
        // (PKR/year ÷ persons) ÷ 12 months = PKR per pensioner per month.
        #expect(abs(row.model - spending / pensioners / 12) <= 1e-9 * row.model)
        // Every pension is at least the 2024-25 minimum (10,750, the mean of the months).
        #expect(row.model >= 10_750 - 1e-6)

        let bad = try write("""
        figures:
          - figure: average pension
            indicator: contributory_pension_expenditure
            per_month: monthly
            year: 2024
            published: 10750
            unit: PKR/month
            source: test
            fitted: false
        """)
        do {
            _ = try BaselineFit.loadFigures(bad)
            Issue.record("a bad per_month loaded")
        } catch let error as InputError {
            #expect(error.column == "per_month" && error.line == 4 && error.value == "monthly")
        }
    }
}
