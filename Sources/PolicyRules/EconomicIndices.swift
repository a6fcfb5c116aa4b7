// Price, wage and GDP indices from a scenario's economy.* growth parameters.
import SpsimSupport

/// The CPI, nominal-wage and nominal-GDP indices of a scenario.
///
/// Definition: for an index with growth parameter g (`economy.cpi_inflation`,
/// `economy.nominal_wage_growth` or `economy.nominal_gdp_growth`), the index of
/// simulation year Y relative to base year B is
///
///     I(Y; B) = Π_{y = B+1 … Y} (1 + g(y))        for Y ≥ B,
///     I(Y; B) = 1 ÷ I(B; Y)                        for Y < B,
///
/// where g(y) is the growth value in effect on 1 July y: the growth from fiscal year
/// y−1…y to fiscal year y…y+1 (a value dated 2024-07-01 is FY2024-25's growth). The
/// last dated growth value carries on for later years. A year that needs a growth value
/// before the first date is an error naming the parameter.
public struct EconomicIndices: Sendable {
    let cpiGrowth: Parameter?
    let wageGrowth: Parameter?
    let gdpGrowth: Parameter?

    public init(parameters: [String: Parameter]) {
        cpiGrowth = parameters["economy.cpi_inflation"]
        wageGrowth = parameters["economy.nominal_wage_growth"]
        gdpGrowth = parameters["economy.nominal_gdp_growth"]
    }

    /// Consumer prices in `year` relative to `base` (1 when equal).
    public func cpi(year: Int, base: Int) throws -> Double { try index(cpiGrowth, "economy.cpi_inflation", year: year, base: base) }

    /// Nominal wages in `year` relative to `base`; the projection uprates earnings by it.
    public func nominalWage(year: Int, base: Int) throws -> Double { try index(wageGrowth, "economy.nominal_wage_growth", year: year, base: base) }

    /// Nominal GDP in `year` relative to `base`.
    public func nominalGDP(year: Int, base: Int) throws -> Double { try index(gdpGrowth, "economy.nominal_gdp_growth", year: year, base: base) }

    /// The index an `indexation` setting refers to (1 for `none`).
    public func index(_ indexation: Indexation, year: Int, base: Int) throws -> Double {
        switch indexation {
        case .none: return 1
        case .cpi: return try cpi(year: year, base: base)
        case .wages: return try nominalWage(year: year, base: base)
        case .gdp: return try nominalGDP(year: year, base: base)
        }
    }

    private func index(_ parameter: Parameter?, _ name: String, year: Int, base: Int) throws -> Double {
        if year == base { return 1 }
        guard let parameter else {
            throw InputError(file: "scenario", column: name, problem: "the growth parameter needed for an index is not defined",
                             fix: "define \(name) in the parameter file")
        }
        let (from, to) = year > base ? (base, year) : (year, base)
        var product = 1.0
        for y in (from + 1)...to {
            guard let dated = parameter.value(on: .firstJuly(y)), case .number(let g) = dated.value else {
                let first = parameter.values.first.map { "its first date is \($0.date)" } ?? "it has no values"
                throw InputError(file: parameter.location.file, line: parameter.location.line, column: name,
                                 problem: "no growth value for simulation year \(y) (needed to index from \(from) to \(to)); \(first)",
                                 value: "\(y)",
                                 fix: "add a value dated \(EffectiveDate.firstJuly(y)) or earlier to \(name), or choose a later year")
            }
            product *= 1 + g
            guard product.isFinite, product > 0, product < 1e300 else {
                throw InputError(file: parameter.location.file, line: parameter.location.line, column: name,
                                 problem: "the index compounded from \(from) to \(y) is too large to compute with", value: "\(y)",
                                 fix: "lower \(name) (at most 1 = +100% a year) or choose years closer together")
            }
        }
        return year > base ? product : 1 / product
    }
}
