// `phases:` of a scenario file: reading, merging with the baseline's phases, validation.
import Foundation
import PopulationData
import SpsimSupport
import Yams

let phaseFields = ["name", "label", "scheme", "source", "target", "start_year", "take_up", "registration_capacity",
                           "subsidy_share", "compliance", "admin_cost_per_registered"]
let targetFields = ["labour_status", "sector", "formal", "age", "sex", "province", "urban", "worker_group"]
let takeUpFields = ["initial", "ceiling", "ramp_years"]
/// Most phases a file may list.
let maximumPhases = 100

/// A phase as written, every field optional (a scenario's phase may change only some
/// fields of its baseline's phase of the same name).
struct PhasePatch {
    var name: String
    var location: SourceLocation
    var label: String?
    var scheme: PhaseScheme?
    var source: String?
    var target: PhaseTarget?
    var startYear: Int?
    var initial: Double?
    var ceiling: Double?
    var rampYears: Int?
    var registrationCapacity: Double?
    var subsidyShare: [(year: Int, share: Double)]?
    var compliance: Double?
    var adminCost: Double?
    /// Lines of the fields given, for messages.
    var lines: [String: Int] = [:]
}

extension Loader {
    mutating func readPhases(_ node: Node, file: String) -> [PhasePatch] {
        if let text = node.scalar?.string, text.isEmpty { return [] }
        guard let sequence = node.sequence else {
            error(file, node.mark?.line, "phases", "'phases:' must be a list", fix: "start each phase with '- name: …' (or write 'phases: []')")
            return []
        }
        if sequence.count > maximumPhases {
            error(file, node.mark?.line, "phases", "more than \(maximumPhases) phases (\(sequence.count))", "\(sequence.count)",
                  fix: "a strategy option has a few phases; split the options into several scenario files")
            return []
        }
        var result: [PhasePatch] = []
        var seen: [String: Int] = [:]
        for item in sequence {
            guard let patch = readPhase(item, file: file) else { continue }
            if let first = seen[patch.name] {
                error(file, patch.location.line, "phases.\(patch.name)", "two phases have the same name (first at line \(first))", patch.name,
                      fix: "give each phase a unique name")
                continue
            }
            seen[patch.name] = patch.location.line ?? 0
            result.append(patch)
        }
        return result
    }

    mutating func readPhase(_ node: Node, file: String) -> PhasePatch? {
        guard let mapping = node.mapping else {
            error(file, node.mark?.line, "phases", "a phase must be a mapping of fields", node.string, fix: "write '- name: …' followed by the phase's fields")
            return nil
        }
        var fields: [String: Node] = [:]
        var ordered: [(String, Node)] = []
        var keyLines: [String: Int] = [:]
        for (key, value) in mapping {
            let field = key.string ?? ""
            guard phaseFields.contains(field) else {
                error(file, key.mark?.line, "phases.\(field)", "unknown phase field", field, fix: "use \(phaseFields.joined(separator: ", "))\(suggestion(field, phaseFields))")
                continue
            }
            fields[field] = value
            ordered.append((field, value))
            keyLines[field] = key.mark?.line
        }
        guard let nameNode = fields["name"], let name = nameNode.scalar?.string else {
            error(file, node.mark?.line, "phases", "the phase has no name", fix: "add 'name: …' (letters, digits and '-')")
            return nil
        }
        guard !name.isEmpty, name.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) && $0.isASCII || $0 == "-" }) else {
            error(file, nameNode.mark?.line, "phases.name", "a phase name may use only letters, digits and '-'", name, fix: "rename the phase, e.g. 'informal-services'")
            return nil
        }
        var patch = PhasePatch(name: name, location: SourceLocation(file: file, line: nameNode.mark?.line))
        patch.lines = keyLines
        for (field, value) in ordered where field != "name" {
            applyPhaseField(field, value, to: &patch, file: file)
        }
        return patch
    }

    /// Reads one field of a phase into `patch` (also used by `--set phases.NAME.FIELD=value`).
    mutating func applyPhaseField(_ field: String, _ value: Node, to patch: inout PhasePatch, file: String) {
        let key = "phases.\(patch.name).\(field)"
        let line = value.mark?.line
        func text() -> String? {
            guard let text = value.scalar?.string, !text.isEmpty else {
                error(file, line, key, "expected text", value.string, fix: "write the \(field) as text")
                return nil
            }
            return text
        }
        func number(_ kind: ParameterKind, _ unit: String) -> Double? {
            guard let text = value.scalar?.string else {
                error(file, line, key, "expected a single value", nil, fix: "write one number (\(unit))")
                return nil
            }
            switch ValueParser.parse(text, kind: kind, unit: unit) {
            case .success(.number(let x)): return x
            case .success: return nil
            case .failure(let failure):
                error(file, line, key, failure.problem, text, fix: failure.fix)
                return nil
            }
        }
        func ranged(_ range: ClosedRange<Double>, whole: Bool, _ what: String, _ unit: String, _ example: String) -> Double? {
            guard let text = value.scalar?.string else {
                error(file, line, key, "expected a single value", nil, fix: "write one number (\(unit))")
                return nil
            }
            switch ValueParser.number(text, in: range, whole: whole, what: what, unit: unit, example: example) {
            case .success(let x): return x
            case .failure(let failure):
                error(file, line, key, failure.problem, text, fix: failure.fix)
                return nil
            }
        }
        switch field {
        case "label": patch.label = text()
        case "source": patch.source = text()
        case "scheme":
            guard let word = text() else { return }
            if let scheme = PhaseScheme(rawValue: word) { patch.scheme = scheme } else {
                error(file, line, key, "unknown scheme", word, fix: "write one of \(PhaseScheme.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        case "start_year":
            guard let yearText = value.scalar?.string, let x = Double(yearText), x.isFinite, x == x.rounded() else {
                error(file, line, key, "the start year is not a year", value.string, fix: "write a year from \(ValueParser.yearRange.lowerBound) to \(ValueParser.yearRange.upperBound), such as 2026")
                return
            }
            if let year = wholeYear(x) { patch.startYear = year } else {
                error(file, line, key, "start year out of range (simulation years are \(ValueParser.yearRange.lowerBound)–\(ValueParser.yearRange.upperBound))", yearText,
                      fix: "write a year from \(ValueParser.yearRange.lowerBound) to \(ValueParser.yearRange.upperBound), such as 2026")
            }
        case "registration_capacity":
            patch.registrationCapacity = ranged(0...ValueParser.maximumCapacity, whole: false, "the registration capacity", "persons per year", "2000000")
        case "compliance": patch.compliance = number(.share, "/1")
        case "admin_cost_per_registered": patch.adminCost = number(.amount, "PKR/year")
        case "subsidy_share": patch.subsidyShare = readSubsidy(value, file: file, key: key)
        case "take_up": readTakeUp(value, into: &patch, file: file, key: key)
        case "take_up.initial", "take_up.ceiling", "take_up.ramp_years":
            let sub = String(field.dropFirst("take_up.".count))
            if sub == "ramp_years" { number(.years, "years").map { patch.rampYears = Int(exactly: $0) } }
            else if sub == "initial" { patch.initial = number(.share, "/1") }
            else { patch.ceiling = number(.share, "/1") }
        case "target": patch.target = readTarget(value, file: file, key: key)
        default:
            error(file, line, key, "unknown phase field", field, fix: "use \(phaseFields.joined(separator: ", "))\(suggestion(field, phaseFields))")
        }
    }

    /// A whole year in the simulation range, or nil.
    func wholeYear(_ x: Double) -> Int? {
        guard x.isFinite, x == x.rounded(), x >= Double(ValueParser.yearRange.lowerBound), x <= Double(ValueParser.yearRange.upperBound) else { return nil }
        return Int(x)
    }

    mutating func readTakeUp(_ node: Node, into patch: inout PhasePatch, file: String, key: String) {
        guard let mapping = node.mapping else {
            error(file, node.mark?.line, key, "take_up must give initial, ceiling and ramp_years", node.string,
                  fix: "write 'take_up: {initial: 0.05, ceiling: 0.4, ramp_years: 5}'")
            return
        }
        for (k, v) in mapping {
            let field = k.string ?? ""
            guard takeUpFields.contains(field) else {
                error(file, k.mark?.line, "\(key).\(field)", "unknown take-up field", field, fix: "use initial, ceiling, ramp_years\(suggestion(field, takeUpFields))")
                continue
            }
            applyPhaseField("take_up.\(field)", v, to: &patch, file: file)
        }
    }

    mutating func readSubsidy(_ node: Node, file: String, key: String) -> [(year: Int, share: Double)]? {
        if let text = node.scalar?.string {
            switch ValueParser.parse(text, kind: .share, unit: "/1") {
            case .success(.number(let x)): return [(year: Int.min, share: x)]
            case .failure(let failure): error(file, node.mark?.line, key, failure.problem, text, fix: failure.fix)
            default: break
            }
            return nil
        }
        guard let mapping = node.mapping, mapping.count > 0 else {
            error(file, node.mark?.line, key, "subsidy_share is a share or a mapping from year to share", nil, fix: "write 'subsidy_share: 0.5' or '{2026: 0.8, 2030: 0.5}'")
            return nil
        }
        var result: [(year: Int, share: Double)] = []
        var ok = true
        for (k, v) in mapping {
            let yearText = k.string ?? ""
            guard let year = Int(yearText), ValueParser.yearRange.contains(year) else {
                error(file, k.mark?.line, key, "the subsidy's year is not a year from \(ValueParser.yearRange.lowerBound) to \(ValueParser.yearRange.upperBound)", yearText,
                      fix: "write a year from \(ValueParser.yearRange.lowerBound) to \(ValueParser.yearRange.upperBound), such as 2026")
                ok = false
                continue
            }
            if let last = result.last, last.year >= year {
                error(file, k.mark?.line, key, "subsidy years out of order", yearText, fix: "list the years in increasing order, each once")
                ok = false
            }
            let text = v.scalar?.string ?? ""
            switch ValueParser.parse(text, kind: .share, unit: "/1") {
            case .success(.number(let x)): result.append((year: year, share: x))
            case .failure(let failure): error(file, v.mark?.line, key, "subsidy out of range: " + failure.problem, text, fix: failure.fix); ok = false
            default: ok = false
            }
        }
        return ok ? result : nil
    }

    mutating func readTarget(_ node: Node, file: String, key: String) -> PhaseTarget? {
        guard let mapping = node.mapping else {
            if node.scalar?.string.isEmpty == true { return PhaseTarget() }
            error(file, node.mark?.line, key, "the target must be a mapping of criteria", node.string,
                  fix: "write criteria such as 'labour_status: [employee]' under 'target:'")
            return nil
        }
        var target = PhaseTarget()
        var ok = true
        func codes<T>(_ v: Node, _ field: String, _ all: [T], _ code: (T) -> String) -> Set<T>? where T: Hashable {
            let items: [Node]
            if let sequence = v.sequence { items = Array(sequence) } else { items = [v] }
            var result = Set<T>()
            for item in items {
                let text = item.scalar?.string ?? ""
                if let match = all.first(where: { code($0) == text }) { result.insert(match) } else {
                    let allowed = all.map(code).filter { !$0.isEmpty }
                    error(file, item.mark?.line ?? v.mark?.line, "\(key).\(field)", "unknown \(field) category", text,
                          fix: "use \(allowed.joined(separator: ", "))\(suggestion(text, allowed))")
                    ok = false
                }
            }
            return result
        }
        func flag(_ v: Node, _ field: String) -> Bool? {
            switch ValueParser.parse(v.scalar?.string ?? "", kind: .flag, unit: "bool") {
            case .success(.flag(let b)): return b
            default:
                error(file, v.mark?.line, "\(key).\(field)", "expected true or false", v.string, fix: "write true or false")
                ok = false
                return nil
            }
        }
        for (k, v) in mapping {
            let field = k.string ?? ""
            switch field {
            case "labour_status": target.labourStatuses = codes(v, field, LabourStatus.allCases, \.code)
            case "sector": target.sectors = codes(v, field, Sector.allCases.filter { $0 != .none }, \.code)
            case "sex": target.sexes = codes(v, field, Sex.allCases, \.code)
            case "province": target.provinces = codes(v, field, Province.allCases, \.code)
            case "worker_group": target.workerGroups = codes(v, field, WorkerGroup.allCases, \.code)
            case "formal": target.formal = flag(v, field)
            case "urban": target.urban = flag(v, field)
            case "age":
                guard let bounds = v.mapping else {
                    error(file, v.mark?.line, "\(key).age", "the age criterion is a range", v.string, fix: "write 'age: {min: 18, max: 59}' (inclusive)")
                    ok = false
                    continue
                }
                for (bk, bv) in bounds {
                    let bound = bk.string ?? ""
                    let text = bv.scalar?.string ?? ""
                    guard bound == "min" || bound == "max" else {
                        error(file, bk.mark?.line, "\(key).age.\(bound)", "unknown age bound", bound, fix: "use min and max")
                        ok = false
                        continue
                    }
                    switch ValueParser.parse(text, kind: .age, unit: "age") {
                    case .success(.number(let x)): if bound == "min" { target.minimumAge = Int(x) } else { target.maximumAge = Int(x) }
                    case .failure(let failure): error(file, bv.mark?.line, "\(key).age.\(bound)", failure.problem, text, fix: failure.fix); ok = false
                    default: ok = false
                    }
                }
                if let low = target.minimumAge, let high = target.maximumAge, low > high {
                    error(file, v.mark?.line, "\(key).age", "the age range is empty (min above max)", "\(low)–\(high)", fix: "make min ≤ max")
                    ok = false
                }
            default:
                error(file, k.mark?.line, "\(key).\(field)", "unknown target key", field, fix: "use \(targetFields.joined(separator: ", "))\(suggestion(field, targetFields))")
                ok = false
            }
        }
        return ok ? target : nil
    }

    /// Applies a file's phases: a phase with the name of an existing one replaces the fields
    /// given; a new name is appended (and must give every required field).
    mutating func mergePhases(_ patches: [PhasePatch], into phases: inout [PhaseDefinition], file: String) {
        for patch in patches {
            if let index = phases.firstIndex(where: { $0.name == patch.name }) {
                if let merged = complete(patch, base: phases[index], file: file) { phases[index] = merged }
            } else if let made = complete(patch, base: nil, file: file) {
                phases.append(made)
            }
        }
    }

    /// Combines a patch with its base phase (if any) and validates the whole phase.
    mutating func complete(_ patch: PhasePatch, base: PhaseDefinition?, file: String) -> PhaseDefinition? {
        let key = "phases.\(patch.name)"
        let line = patch.location.line
        var ok = true
        func need<T>(_ value: T?, _ field: String, _ fix: String) -> T? {
            if value == nil {
                if patch.lines[field] == nil {
                    error(file, line, "\(key).\(field)", "the phase has no \(field)", fix: fix)
                }
                ok = false
            }
            return value
        }
        let label = need(patch.label ?? base?.label, "label", "add 'label: …' (a short description for tables)")
        let scheme = need(patch.scheme ?? base?.scheme, "scheme", "add 'scheme: contributory' or 'scheme: minimum_wage_registration'")
        let source = need(patch.source ?? base?.source, "source", "add 'source: …' (the strategy option or assumption)")
        let startYear = need(patch.startYear ?? base?.startYear, "start_year", "add 'start_year: 2026'")
        // take_up: all three fields are required (a new phase) or inherited (a baseline's
        // phase). Each missing one is an error, unless its value was already reported.
        let initial = patch.initial ?? base?.takeUp.initial
        let ceiling = patch.ceiling ?? base?.takeUp.ceiling
        let ramp = patch.rampYears ?? base?.takeUp.rampYears
        if patch.lines["take_up"] == nil && base == nil {
            error(file, line, "\(key).take_up", "the phase has no take_up",
                  fix: "give 'take_up: {initial: 0.05, ceiling: 0.4, ramp_years: 5}' (all three are required)")
            ok = false
        } else {
            for (sub, given) in [("initial", initial != nil), ("ceiling", ceiling != nil), ("ramp_years", ramp != nil)] where !given {
                ok = false
                let subKey = "\(key).take_up.\(sub)"
                if errors.contains(where: { $0.column == subKey || $0.column == "\(key).take_up" }) { continue }
                error(file, patch.lines["take_up"] ?? line, subKey, "take_up has no \(sub) (initial, ceiling and ramp_years are all required)",
                      fix: "give all three, e.g. 'take_up: {initial: 0.05, ceiling: 0.4, ramp_years: 5}'")
            }
        }
        let target = patch.target ?? base?.target ?? PhaseTarget()
        if let initial, let ceiling, ceiling < initial {
            error(file, patch.lines["take_up"] ?? line, "\(key).take_up", "the take-up ceiling is below the initial take-up", "\(initial) > \(ceiling)",
                  fix: "make ceiling ≥ initial (take-up rises from initial to ceiling)")
            ok = false
        }
        var subsidy = patch.subsidyShare ?? base?.subsidyShare
        let compliance = patch.compliance ?? base?.compliance
        if let scheme {
            switch scheme {
            case .contributory:
                if subsidy == nil {
                    ok = false
                }
                if subsidy == nil && patch.lines["subsidy_share"] == nil {
                    error(file, line, "\(key).subsidy_share", "a contributory phase needs the government's subsidy share",
                          fix: "add 'subsidy_share: 0.5' (0 for none) or '{2026: 0.8, 2030: 0.5}'")
                    ok = false
                }
                if patch.compliance != nil {
                    error(file, patch.lines["compliance"] ?? line, "\(key).compliance", "compliance applies only to minimum_wage_registration phases",
                          fix: "remove 'compliance:' or change the scheme")
                    ok = false
                }
            case .minimumWageRegistration:
                if compliance == nil {
                    ok = false
                }
                if compliance == nil && patch.lines["compliance"] == nil {
                    error(file, line, "\(key).compliance", "a minimum_wage_registration phase needs the compliance of registered workers",
                          fix: "add 'compliance: 0.9'")
                    ok = false
                }
                if patch.subsidyShare != nil {
                    error(file, patch.lines["subsidy_share"] ?? line, "\(key).subsidy_share", "subsidy_share applies only to contributory phases",
                          fix: "remove 'subsidy_share:' or change the scheme to contributory")
                    ok = false
                }
                subsidy = subsidy ?? []
            }
        }
        if let startYear, let shares = subsidy {
            // A single share is stored with year Int.min: it applies whatever the start year.
            if let first = shares.first, first.year != Int.min, first.year > startYear {
                error(file, patch.lines["subsidy_share"] ?? line, "\(key).subsidy_share", "the subsidy starts after the phase (no subsidy for \(startYear))", "\(first.year)",
                      fix: "give a share for the start year \(startYear)")
                ok = false
            }
        }
        guard ok, let label, let scheme, let source, let startYear, let initial, let ceiling, let ramp, let subsidy else { return nil }
        return PhaseDefinition(name: patch.name, label: label, scheme: scheme, source: source, target: target, startYear: startYear,
                               takeUp: PhaseTakeUp(initial: initial, ceiling: ceiling, rampYears: ramp),
                               registrationCapacity: patch.registrationCapacity ?? base?.registrationCapacity,
                               subsidyShare: subsidy, compliance: compliance,
                               adminCostPerRegistered: patch.adminCost ?? base?.adminCostPerRegistered, location: patch.location)
    }
}
