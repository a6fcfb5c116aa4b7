import Foundation
import PopulationData
import SpsimSupport
import Yams

/// The population projection file (`scenarios/demography/*.yaml`): base-year totals
/// with growth and ageing assumptions, and optionally explicit figures for given years
/// (e.g. from UN World Population Prospects). See the header of
/// `scenarios/demography/pakistan-projection.yaml` for the formula.
public struct PopulationProjection: Sendable {
    public var file: String
    public var title: String
    public var baseYear: Int
    /// Persons in the base year.
    public var women: Double
    public var men: Double
    /// Growth of the total population, per year (a fraction).
    public var growthRate: Double
    public var shareUnder15: Double
    public var share65Plus: Double
    /// Changes of the two shares per year (fractions per year; may be negative).
    public var changeShareUnder15: Double
    public var changeShare65Plus: Double
    /// Province shares, indexed by `Province.rawValue`, summing to 1.
    public var provinceShare: [Double]
    /// Years given explicitly, used as given.
    public var explicitYears: [Int: PopulationTargets]
    /// Sources of the parameters, for the manifest: name → source.
    public var sources: [String: String]

    /// The projected totals for `year`: an explicit entry if the file has one, else the
    /// base-year figures grown and aged to that year.
    public func targets(year: Int) throws(InputError) -> PopulationTargets {
        if let explicit = explicitYears[year] { return explicit }
        guard year >= baseYear else {
            throw InputError(file: file, column: "base_year", problem: "the projection starts in \(baseYear) but year \(year) was asked for", value: String(year),
                             fix: "choose years from \(baseYear) on, or add a 'years: \(year):' entry to the projection file")
        }
        let t = Double(year - baseYear)
        let total = (women + men) * pow(1 + growthRate, t)
        let under15 = shareUnder15 + changeShareUnder15 * t
        let older = share65Plus + changeShare65Plus * t
        let working = 1 - under15 - older
        guard under15 > 0, older > 0, working > 0 else {
            throw InputError(file: file, column: "parameters.change_share_under_15", problem: "by \(year) the age shares are no longer all positive (under 15: \(under15), 65+: \(older), 15–64: \(working))",
                             fix: "use smaller yearly changes of the age shares, or give explicit figures for \(year) under 'years:'")
        }
        let womenShare = women / (women + men)
        let ageShares = [under15, working, older]
        let ageSex = ageShares.map { share in [total * share * womenShare, total * share * (1 - womenShare)] }
        return PopulationTargets(year: year, ageSex: ageSex, province: provinceShare.map { total * $0 },
                                 source: "\(title) (\(file))")
    }
}

public enum PopulationProjectionLoader {
    static let parameterUnits: [String: String] = [
        "women": "persons", "men": "persons", "growth_rate": "/year",
        "share_under_15": "/1", "share_65_plus": "/1",
        "change_share_under_15": "/1 per year", "change_share_65_plus": "/1 per year",
        "province_share": "/1",
    ]

    /// Loads and validates the whole file; every problem is reported at once with its
    /// line and key, and nothing is returned unless the file is entirely valid.
    public static func load(_ url: URL) throws(InputErrors) -> PopulationProjection {
        let file = url.path
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw InputErrors([InputError(file: file, problem: "cannot read the population projection file", fix: "check the path (the default is scenarios/demography/pakistan-projection.yaml)")])
        }
        return try parse(text, file: file)
    }

    public static func parse(_ text: String, file: String) throws(InputErrors) -> PopulationProjection {
        var reader = YAMLReader(file: file)
        guard let root = reader.root(text), let top = reader.mapping(root, "(top level)") else { throw InputErrors(reader.errors) }
        var title = "", baseYear: Int?
        var values: [String: Double] = [:]
        var provinceShare: [Double]?
        var sources: [String: String] = [:]
        var explicitNodes: [(String, Node, Node)] = []
        let topKeys = ["title", "reference", "description", "base_year", "parameters", "years"]
        for (key, keyNode, value) in top {
            switch key {
            case "title": title = reader.text(value, key) ?? ""
            case "reference", "description": _ = reader.text(value, key)
            case "base_year":
                if let n = reader.number(value, key, fix: "give the census year, e.g. 2023"), n == n.rounded(), n >= 1900, n <= 2200 { baseYear = Int(n) }
                else if value.scalar.flatMap({ Double($0.string) }) != nil { reader.fail(value, key, "the year is out of range", value: value.scalar?.string, fix: "give a year such as 2023") }
            case "parameters":
                guard let parameters = reader.mapping(value, key) else { continue }
                for (name, nameNode, body) in parameters {
                    let path = "parameters.\(name)"
                    guard let unit = parameterUnits[name] else {
                        let hint = nearest(to: name, among: Array(parameterUnits.keys)).map { "did you mean '\($0)'? " } ?? ""
                        reader.fail(nameNode, path, "unknown parameter", value: name, fix: "\(hint)the parameters are \(parameterUnits.keys.sorted().joined(separator: ", "))")
                        continue
                    }
                    guard let fields = reader.mapping(body, path) else { continue }
                    var hasUnit = false, hasSource = false, valueNode: Node?, valuesNode: Node?
                    for (field, fieldNode, fieldValue) in fields {
                        switch field {
                        case "description": _ = reader.text(fieldValue, "\(path).description")
                        case "unit":
                            hasUnit = true
                            if let given = reader.text(fieldValue, "\(path).unit"), given != unit {
                                reader.fail(fieldValue, "\(path).unit", "wrong unit", value: given, fix: "this parameter is in '\(unit)'")
                            }
                        case "source":
                            hasSource = true
                            sources[name] = reader.text(fieldValue, "\(path).source")
                        case "value": valueNode = fieldValue
                        case "values": valuesNode = fieldValue
                        default:
                            reader.fail(fieldNode, "\(path).\(field)", "unknown field", value: field, fix: "use description, unit, source and value (values for province_share)")
                        }
                    }
                    if !hasUnit { reader.fail(nameNode, path, "the unit is missing", fix: "add 'unit: \(unit)'") }
                    if !hasSource { reader.fail(nameNode, path, "the source is missing", fix: "add 'source: …' naming the publication or saying it is an assumption") }
                    if name == "province_share" {
                        guard let valuesNode else { reader.fail(nameNode, path, "the province shares are missing", fix: "add 'values: {PB: …, SD: …, KP: …, BA: …, IS: …}'"); continue }
                        provinceShare = readProvinceShares(valuesNode, "\(path).values", &reader)
                    } else {
                        guard let valueNode else { reader.fail(nameNode, path, "the value is missing", fix: "add 'value: …' in \(unit)"); continue }
                        guard let v = reader.number(valueNode, "\(path).value", fix: "write a number in \(unit)") else { continue }
                        let valid: Bool
                        switch unit {
                        case "persons": valid = v > 0
                        case "/1": valid = v > 0 && v < 1
                        case "/year": valid = v > -1 && v < 1
                        default: valid = v > -1 && v < 1
                        }
                        if !valid {
                            reader.fail(valueNode, "\(path).value", "out of range for \(unit)", value: valueNode.scalar?.string,
                                        fix: unit == "persons" ? "give a positive number of persons" : (unit == "/1" ? "give a share between 0 and 1 (e.g. 0.4056 for 40.56%)" : "give a fraction per year between -1 and 1 (e.g. 0.0255 for 2.55%)"))
                        } else { values[name] = v }
                    }
                }
            case "years":
                guard let entries = reader.mapping(value, key) else { continue }
                explicitNodes = entries
            default:
                let hint = nearest(to: key, among: topKeys).map { "did you mean '\($0)'? " } ?? ""
                reader.fail(keyNode, key, "unknown top-level key", value: key, fix: "\(hint)the keys are \(topKeys.joined(separator: ", "))")
            }
        }
        if baseYear == nil { reader.fail(root, "base_year", "the base year is missing", fix: "add 'base_year: 2023' (the year of the base figures)") }
        for name in parameterUnits.keys.sorted() where name != "province_share" && values[name] == nil && !reader.errors.contains(where: { $0.column?.hasPrefix("parameters.\(name)") == true }) {
            reader.fail(root, "parameters.\(name)", "the parameter is missing", fix: "add '\(name)' with unit \(parameterUnits[name] ?? "") and its source")
        }
        if provinceShare == nil && !reader.errors.contains(where: { $0.column?.hasPrefix("parameters.province_share") == true }) {
            reader.fail(root, "parameters.province_share", "the parameter is missing", fix: "add 'province_share' with values for PB, SD, KP, BA and IS")
        }
        if let under = values["share_under_15"], let older = values["share_65_plus"], under + older >= 1 {
            reader.fail(root, "parameters.share_65_plus", "the under-15 and 65+ shares leave no one aged 15–64", value: "\(under) + \(older)", fix: "check the two shares (fractions, not percentages)")
        }
        var explicitYears: [Int: PopulationTargets] = [:]
        for (yearText, yearNode, body) in explicitNodes {
            let path = "years.\(yearText)"
            guard let year = Int(yearText), year >= 1900, year <= 2200 else {
                reader.fail(yearNode, path, "not a year", value: yearText, fix: "write the year, e.g. 2030:")
                continue
            }
            guard let fields = reader.mapping(body, path) else { continue }
            var ageSex: [[Double]] = Array(repeating: [0, 0], count: ProjectionAgeGroup.allCases.count)
            var seen: Set<String> = []
            var shares = provinceShare
            var source = ""
            for (field, fieldNode, fieldValue) in fields {
                switch field {
                case "source": source = reader.text(fieldValue, "\(path).source") ?? ""
                case "women", "men":
                    seen.insert(field)
                    let sex = field == "women" ? 0 : 1
                    guard let groups = reader.mapping(fieldValue, "\(path).\(field)") else { continue }
                    var found: Set<String> = []
                    for (code, codeNode, number) in groups {
                        guard let group = ProjectionAgeGroup(code: code) else {
                            reader.fail(codeNode, "\(path).\(field).\(code)", "unknown age group", value: code, fix: "use the age groups 0-14, 15-64 and 65+")
                            continue
                        }
                        found.insert(code)
                        if let v = reader.number(number, "\(path).\(field).\(code)", fix: "give the number of persons"), v > 0 { ageSex[group.rawValue][sex] = v }
                        else if number.scalar.flatMap({ Double($0.string) }) != nil { reader.fail(number, "\(path).\(field).\(code)", "must be a positive number of persons", value: number.scalar?.string, fix: "give the number of persons (not thousands, not a share)") }
                    }
                    for group in ProjectionAgeGroup.allCases where !found.contains(group.code) {
                        reader.fail(fieldValue, "\(path).\(field)", "the age group \(group.code) is missing", fix: "give persons for 0-14, 15-64 and 65+")
                    }
                case "province_share": shares = readProvinceShares(fieldValue, "\(path).province_share", &reader)
                default: reader.fail(fieldNode, "\(path).\(field)", "unknown field", value: field, fix: "use source, women, men and province_share")
                }
            }
            for needed in ["women", "men"] where !seen.contains(needed) { reader.fail(yearNode, path, "the \(needed) by age group are missing", fix: "add '\(needed): {0-14: …, 15-64: …, 65+: …}' in persons") }
            if source.isEmpty { reader.fail(yearNode, "\(path).source", "the source is missing", fix: "add 'source: …' (e.g. UN WPP 2024, medium variant)") }
            if let shares {
                let total = ageSex.joined().reduce(0, +)
                explicitYears[year] = PopulationTargets(year: year, ageSex: ageSex, province: shares.map { total * $0 }, source: source)
            }
        }
        guard reader.errors.isEmpty, let baseYear, let provinceShare,
              let women = values["women"], let men = values["men"], let growth = values["growth_rate"],
              let under = values["share_under_15"], let older = values["share_65_plus"],
              let changeUnder = values["change_share_under_15"], let changeOlder = values["change_share_65_plus"] else {
            throw InputErrors(reader.errors)
        }
        return PopulationProjection(file: file, title: title, baseYear: baseYear, women: women, men: men, growthRate: growth,
                                    shareUnder15: under, share65Plus: older, changeShareUnder15: changeUnder, changeShare65Plus: changeOlder,
                                    provinceShare: provinceShare, explicitYears: explicitYears, sources: sources)
    }

    static func readProvinceShares(_ node: Node, _ path: String, _ reader: inout YAMLReader) -> [Double]? {
        guard let entries = reader.mapping(node, path) else { return nil }
        var shares = [Double](repeating: .nan, count: Province.allCases.count)
        var ok = true
        for (code, codeNode, value) in entries {
            guard let province = Province(code: code) else {
                reader.fail(codeNode, "\(path).\(code)", "unknown province", value: code, fix: "use PB, SD, KP, BA and IS")
                ok = false
                continue
            }
            if let v = reader.number(value, "\(path).\(code)", fix: "give a share between 0 and 1"), v > 0, v < 1 { shares[Int(province.rawValue)] = v }
            else { ok = false; if value.scalar.flatMap({ Double($0.string) }) != nil { reader.fail(value, "\(path).\(code)", "a province share must be between 0 and 1", value: value.scalar?.string, fix: "give a fraction (0.5287 for 52.87%)") } }
        }
        for province in Province.allCases where shares[Int(province.rawValue)].isNaN && ok {
            reader.fail(node, path, "the share of \(province.label) (\(province.code)) is missing", fix: "give a share for every province: PB, SD, KP, BA, IS")
            ok = false
        }
        guard ok else { return nil }
        let sum = shares.reduce(0, +)
        if abs(sum - 1) > 1e-6 {
            reader.fail(node, path, "the province shares add up to \(sum), not 1", value: shares.map { String($0) }.joined(separator: " + "), fix: "make the shares add up to 1")
            return nil
        }
        return shares
    }
}
