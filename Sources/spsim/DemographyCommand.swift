import ArgumentParser
import Foundation
import PopulationData
import Projection
import SpsimSupport

extension SPSim {
    /// `spsim demography`: the mortality and fertility spsim fits to the published
    /// figures, and how they compare with the published crude rates on a population.
    struct Demography: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "demography",
            abstract: "Show the life table and fertility rates fitted to PDS 2020, and check them on a population.",
            discussion: """
            Reads the mortality and fertility file (default \
            scenarios/demography/mortality-fertility.yaml), fits a Siler life table per sex \
            to the published life expectancy at birth and infant mortality (GSL's Brent \
            method), completes the age-specific fertility rates the survey does not publish \
            with their stated shape and the general fertility rate, and prints the tables, \
            the fit and, on the population (synthetic or --population), the crude death and \
            birth rates the fitted rates imply beside the published ones (checked, not \
            fitted). These are the rates dynamic ageing will use (docs/demography.md); \
            compare still holds ages fixed (static ageing).
            """)

        @Option(help: ArgumentHelp("Mortality and fertility file.", valueName: "FILE"))
        var file: String = "scenarios/demography/mortality-fertility.yaml"

        @OptionGroup var source: PopulationSource

        func run() async throws {
            let assumptions = try DemographyAssumptions.load(URL(fileURLWithPath: file))
            let women = try assumptions.mortality(.female), men = try assumptions.mortality(.male)
            print("\(assumptions.title) (\(file))\n")
            print("Mortality: Siler model μ(x) = a1·e^(−b1·x) + a2 + a3·e^(b3·x), fitted per sex in \(assumptions.baseYear)")
            var fit = TextTable(headers: ["", "women", "men", "published (PDS 2020)"], alignments: [.left, .right, .right, .left])
            fit.add(["life expectancy at birth, years", NumberText.fixed(women.lifeExpectancy(), digits: 3), NumberText.fixed(men.lifeExpectancy(), digits: 3),
                     "women \(assumptions.value("life_expectancy_women")), men \(assumptions.value("life_expectancy_men")) (fitted)"])
            fit.add(["infant mortality, per 1,000 births", NumberText.fixed(1000 * (1 - women.survival(1)), digits: 2), NumberText.fixed(1000 * (1 - men.survival(1)), digits: 2),
                     "\(NumberText.fixed(1000 * assumptions.value("infant_mortality"), digits: 0)), both sexes (fitted)"])
            fit.add(["a1 (infant and child term, fitted)", String(format: "%.5g", women.a1), String(format: "%.5g", men.a1), ""])
            fit.add(["a3 (senescent term, fitted)", String(format: "%.5g", women.a3), String(format: "%.5g", men.a3), ""])
            fit.add(["b1, a2, b3 (assumptions)", "\(women.b1), \(women.a2), \(women.b3)", "\(men.b1), \(men.a2), \(men.b3)", "stated in the file"])
            print(fit.render(), terminator: "")
            var table = TextTable(headers: ["age", "q(x) women ‰", "q(x) men ‰", "e(x) women", "e(x) men"])
            for age in [0, 1, 5, 15, 30, 45, 60, 65, 75, 85] {
                table.add([String(age), NumberText.fixed(1000 * women.probabilityOfDying(age: age), digits: 2), NumberText.fixed(1000 * men.probabilityOfDying(age: age), digits: 2),
                           NumberText.fixed(women.lifeExpectancy(at: Double(age)), digits: 1), NumberText.fixed(men.lifeExpectancy(at: Double(age)), digits: 1)])
            }
            print("\nLife table (q(x): probability of dying before x + 1, per 1,000; e(x): years left):")
            print(table.render(), terminator: "")
            let improvement = assumptions.value("mortality_improvement")
            var path = TextTable(headers: ["year", "e(0) women", "e(0) men"])
            for year in [assumptions.baseYear, 2025, 2050, 2075] {
                path.add([String(year), NumberText.fixed(try assumptions.mortality(.female, year: year).lifeExpectancy(), digits: 1),
                          NumberText.fixed(try assumptions.mortality(.male, year: year).lifeExpectancy(), digits: 1)])
            }
            print("\nWith mortality improving \(NumberText.percent(improvement, digits: 1)) a year (an assumption):")
            print(path.render(), terminator: "")

            // On the population: women by fertility group, crude rates.
            let population = try source.load(showProgress: false)
            var womenByGroup = [Double](repeating: 0, count: 7)
            var persons = 0.0, deaths = 0.0
            let rates = [Sex.female: women, .male: men]
            var deathRate: [Sex: [Double]] = [:]
            for sex in Sex.allCases { deathRate[sex] = (0...120).map { rates[sex]!.centralDeathRate(age: $0) } }
            for h in 0..<population.householdCount {
                let w = population.householdWeight[h]
                for p in population.personRange(h) {
                    let age = Int(population.age[p]), sex = population.sex[p]
                    persons += w
                    deaths += w * deathRate[sex]![min(age, 120)]
                    if sex == .female, (15...49).contains(age) { womenByGroup[(age - 15) / 5] += w }
                }
            }
            let fertility = try assumptions.fertility(women: womenByGroup)
            let published = [nil, assumptions.value("fertility_20_24"), assumptions.value("fertility_25_29"), assumptions.value("fertility_30_34"), assumptions.value("fertility_35_39"), nil, nil]
            var births = TextTable(headers: ["age group", "births per 1,000 women", "from"])
            for (g, group) in DemographyAssumptions.fertilityGroups.enumerated() {
                births.add([group, NumberText.fixed(1000 * fertility[g], digits: 1), published[g] == nil ? "stated shape, level fitted to the GFR" : "PDS 2020"])
            }
            let totalBirths = zip(fertility, womenByGroup).map(*).reduce(0, +)
            print("\nFertility (the groups the PDS does not publish fitted to its general fertility rate, \(NumberText.fixed(1000 * assumptions.value("general_fertility_rate"), digits: 0)) per 1,000 women 15-49, on the population):")
            print(births.render(), terminator: "")
            print("total fertility rate: \(NumberText.fixed(5 * fertility.reduce(0, +), digits: 2)) births per woman")
            print("\nChecked, not fitted, on the population (\(source.summary); its age and sex structure):")
            var checks = TextTable(headers: ["rate", "model", "published (PDS 2020)", "model ÷ published"])
            let cdr = deaths / persons, cbr = totalBirths / persons
            checks.add(["crude death rate, per 1,000", NumberText.fixed(1000 * cdr, digits: 2), NumberText.fixed(1000 * assumptions.value("crude_death_rate"), digits: 1),
                        NumberText.fixed(cdr / assumptions.value("crude_death_rate"), digits: 3)])
            checks.add(["crude birth rate, per 1,000", NumberText.fixed(1000 * cbr, digits: 2), NumberText.fixed(1000 * assumptions.value("crude_birth_rate"), digits: 1),
                        NumberText.fixed(cbr / assumptions.value("crude_birth_rate"), digits: 3)])
            print(checks.render(), terminator: "")
        }
    }
}
