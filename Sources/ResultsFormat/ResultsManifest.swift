import Foundation
import SpsimSupport

/// The manifest of a results folder (`manifest.json`, docs/results-format.md): enough to
/// trace every figure back to the files and settings that produced it, to reproduce it,
/// and to check that the comparison files beside it are whole (record counts, SHA-256).
///
/// This is the only model of the manifest: `compare` encodes it, `report` decodes it with
/// the same keys (no alternative spellings) and `validate` checks what decoding cannot.
public struct ResultsManifest: Codable, Sendable, Equatable {
    public struct PopulationSource: Codable, Sendable, Equatable {
        /// `generated` (synthetic, from households and seed) or `file` (CSV microdata).
        public var kind: String
        public var households: Int?
        public var seed: UInt64?
        public var path: String?
        public var sha256: String?
        public init(kind: String, households: Int? = nil, seed: UInt64? = nil, path: String? = nil, sha256: String? = nil) {
            self.kind = kind; self.households = households; self.seed = seed; self.path = path; self.sha256 = sha256
        }

        /// One line for people: "a synthetic population of 100,000 households (seed 1)" or
        /// "the microdata file PATH (SHA-256 …)".
        public var summary: String {
            if kind == "file" {
                return "the microdata file \(path ?? "")" + (sha256.map { " (SHA-256 \($0))" } ?? "")
            }
            var text = "a synthetic population"
            if let households { text += " of \(NumberText.grouped(Double(households))) households" }
            if let seed { text += " (seed \(seed))" }
            return text
        }
    }

    public struct FileEntry: Codable, Sendable, Equatable {
        /// Short name used in the records (the file name without `.yaml`); empty for the projection file.
        public var name: String
        public var file: String
        public var title: String
        public var sha256: String
        public init(name: String, file: String, title: String, sha256: String) {
            self.name = name; self.file = file; self.title = title; self.sha256 = sha256
        }

        /// The title up to its first " — " (scenario titles read "Name — what it does"): short
        /// enough for legends and table heads; the whole title when it has no dash.
        public var shortTitle: String {
            if let range = title.range(of: " — ") { return String(title[..<range.lowerBound]) }
            return title
        }
    }

    public struct ReweightingFit: Codable, Sendable, Equatable {
        public var year: Int
        /// Newton steps of the weight calibration.
        public var iterations: Int
        /// Largest |weighted − projected| ÷ projected over the age × sex and province totals.
        public var maximumRelativeError: Double
        public init(year: Int, iterations: Int, maximumRelativeError: Double) {
            self.year = year; self.iterations = iterations; self.maximumRelativeError = maximumRelativeError
        }
        enum CodingKeys: String, CodingKey { case year, iterations, maximumRelativeError = "max_relative_error" }
    }

    /// A data file of the folder as written: its name, its number of records and its SHA-256.
    public struct OutputFile: Codable, Sendable, Equatable {
        public var file: String
        public var records: Int
        public var sha256: String
        public init(file: String, records: Int, sha256: String) {
            self.file = file; self.records = records; self.sha256 = sha256
        }
    }

    public var spsimVersion: String
    /// When the run finished, ISO 8601 in UTC.
    public var date: String
    /// The seed of the run (the synthetic population's seed; for imported microdata the seed of the stored draws).
    public var seed: UInt64
    public var population: PopulationSource
    /// The population projection file used for reweighting.
    public var populationProjection: FileEntry
    public var years: [Int]
    /// The baseline's short name (also the first entry of `scenarios`).
    public var baseline: String
    /// The scenarios, baseline first.
    public var scenarios: [FileEntry]
    /// `--set` overrides applied to every scenario, as given.
    public var overrides: [String]
    /// How well each year's weights fit the projected totals.
    public var reweighting: [ReweightingFit]
    /// What a reader must know to read the differences (e.g. a scenario amount that is not
    /// indexed while the baseline's is); absent when there is nothing to note.
    public var notes: [String]?
    /// `comparison.csv` and `comparison.json` as written (filled in by `ComparisonRecords.write`).
    public var outputs: [OutputFile]
    /// The number of replicates (`compare --replicates`); absent in folders written before replicates existed (read as 1).
    public var replicates: Int?
    /// The seed of each replicate, replicate 0 first (it is `seed`); absent in older folders.
    public var replicateSeeds: [UInt64]?
    /// What the intervals include, one line per source: the population sampling and random
    /// draws, and each uncertain assumption (`compare --assumptions`) with its distribution,
    /// unit and source. Absent in older folders and when there is one replicate without assumptions.
    public var uncertaintySources: [String]?

    public init(spsimVersion: String = SpsimVersion.current, date: String, seed: UInt64, population: PopulationSource,
                populationProjection: FileEntry, years: [Int], baseline: String, scenarios: [FileEntry], overrides: [String],
                reweighting: [ReweightingFit] = [], notes: [String]? = nil, outputs: [OutputFile] = [],
                replicates: Int? = nil, replicateSeeds: [UInt64]? = nil, uncertaintySources: [String]? = nil) {
        self.spsimVersion = spsimVersion; self.date = date; self.seed = seed; self.population = population
        self.populationProjection = populationProjection; self.years = years; self.baseline = baseline
        self.scenarios = scenarios; self.overrides = overrides; self.reweighting = reweighting; self.notes = notes; self.outputs = outputs
        self.replicates = replicates; self.replicateSeeds = replicateSeeds; self.uncertaintySources = uncertaintySources
    }

    enum CodingKeys: String, CodingKey {
        case spsimVersion = "spsim_version", date, seed, population, populationProjection = "population_projection"
        case years, baseline, scenarios, overrides, reweighting, notes, outputs, replicates, replicateSeeds = "replicate_seeds"
        case uncertaintySources = "uncertainty_sources"
    }

    public static let fileName = "manifest.json"
    /// Years a simulation may describe.
    public static let yearBounds = 1900...2200
    /// The longest horizon a manifest may list.
    public static let maximumHorizon = 200

    /// The record of one output file, when the manifest has it.
    public func output(_ file: String) -> OutputFile? { outputs.first { $0.file == file } }

    /// The bytes of `manifest.json`: pretty-printed, keys sorted, a final line feed.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(0x0a)
        return data
    }

    /// Decodes and validates the bytes of a `manifest.json`; `file` names it in errors.
    /// Every problem is an `InputError` naming the file and the key (`scenarios[1].sha256`).
    public static func decode(_ data: Data, file: String) throws -> ResultsManifest {
        let manifest: ResultsManifest
        do {
            manifest = try JSONDecoder().decode(ResultsManifest.self, from: data)
        } catch let error as DecodingError {
            throw ManifestDecoding.inputError(error, data: data, file: file)
        } catch {
            throw InputError(file: file, problem: "manifest.json could not be read as JSON", fix: "re-run `spsim compare` to rewrite it")
        }
        try manifest.validate(file: file)
        return manifest
    }

    /// Checks what the types cannot: years within 1900–2200, ascending, at most 200 of them;
    /// scenarios named, distinct, baseline first; SHA-256 as 64 hex digits; the population
    /// described; the reweighting errors and record counts plausible.
    public func validate(file: String) throws {
        func problem(_ key: String, _ text: String, _ value: String?, _ fix: String) -> InputError {
            InputError(file: file, column: key, problem: text, value: value, fix: fix)
        }
        let rerun = "re-run `spsim compare` to rewrite the folder"
        guard !years.isEmpty else {
            throw problem("years", "the manifest lists no years", "[]", "list the simulated years, e.g. [2025, 2026]; \(rerun)")
        }
        for (i, year) in years.enumerated() where !Self.yearBounds.contains(year) {
            throw problem("years[\(i)]", "the year is outside \(Self.yearBounds.lowerBound)–\(Self.yearBounds.upperBound)", String(year), "write a simulation year such as 2025; \(rerun)")
        }
        for i in years.indices.dropFirst() where years[i] <= years[i - 1] {
            throw problem("years[\(i)]", "the years are not in ascending order without repeats", String(years[i]), "list each year once, earliest first; \(rerun)")
        }
        if let first = years.first, let last = years.last, last - first > Self.maximumHorizon {
            throw problem("years", "the horizon spans more than \(Self.maximumHorizon) years", "\(first)-\(last)", "a comparison covers at most \(Self.maximumHorizon) years; \(rerun)")
        }
        guard let firstScenario = scenarios.first else {
            throw problem("scenarios", "the manifest lists no scenarios", "[]", "the manifest needs \"scenarios\": [{\"name\", \"file\", \"title\", \"sha256\"}, …], baseline first; \(rerun)")
        }
        var seen = Set<String>()
        for (i, s) in scenarios.enumerated() {
            if s.name.isEmpty {
                throw problem("scenarios[\(i)].name", "the scenario name is empty", "", "give each scenario its short name (the file name without .yaml); \(rerun)")
            }
            if !seen.insert(s.name).inserted {
                throw problem("scenarios[\(i)].name", "a scenario name appears twice", s.name, "give each scenario a distinct file name")
            }
            if !Self.isSHA256(s.sha256) {
                throw problem("scenarios[\(i)].sha256", "not a SHA-256 (64 hex digits)", s.sha256, rerun)
            }
        }
        if baseline != firstScenario.name {
            throw problem("baseline", "the baseline is not the first scenario ('\(firstScenario.name)')", baseline, "list the baseline first; \(rerun)")
        }
        switch population.kind {
        case "generated":
            guard let households = population.households, (1...1_000_000_000).contains(households) else {
                throw problem("population.households", "a generated population needs 1 to 1,000,000,000 households", population.households.map(String.init) ?? "", rerun)
            }
        case "file":
            guard let path = population.path, !path.isEmpty else {
                throw problem("population.path", "an imported population needs the path of its file", population.path ?? "", rerun)
            }
            guard let hash = population.sha256, Self.isSHA256(hash) else {
                throw problem("population.sha256", "not a SHA-256 (64 hex digits)", population.sha256 ?? "", rerun)
            }
        default:
            throw problem("population.kind", "the population kind is neither 'generated' nor 'file'", population.kind, rerun)
        }
        if let replicates, !(1...1000).contains(replicates) {
            throw problem("replicates", "the number of replicates is not between 1 and 1000", String(replicates), rerun)
        }
        if let replicateSeeds {
            if replicateSeeds.count != (replicates ?? 1) {
                throw problem("replicate_seeds", "the manifest lists \(replicateSeeds.count) replicate seed(s) for \(replicates ?? 1) replicate(s)", String(replicateSeeds.count), "list one seed per replicate; \(rerun)")
            }
            if replicateSeeds.first != seed {
                throw problem("replicate_seeds[0]", "the first replicate's seed is not the run's seed (\(seed))", replicateSeeds.first.map { String($0) } ?? "", rerun)
            }
        }
        for (i, fit) in reweighting.enumerated() {
            guard fit.maximumRelativeError.isFinite, (0...1).contains(fit.maximumRelativeError) else {
                throw problem("reweighting[\(i)].max_relative_error", "the reweighting error is not a number between 0 and 1", String(fit.maximumRelativeError), rerun)
            }
            guard Self.yearBounds.contains(fit.year) else {
                throw problem("reweighting[\(i)].year", "the year is outside \(Self.yearBounds.lowerBound)–\(Self.yearBounds.upperBound)", String(fit.year), rerun)
            }
        }
        for (i, output) in outputs.enumerated() {
            guard (1...100_000_000).contains(output.records) else {
                throw problem("outputs[\(i)].records", "the record count is not between 1 and 100,000,000", String(output.records), rerun)
            }
            guard Self.isSHA256(output.sha256) else {
                throw problem("outputs[\(i)].sha256", "not a SHA-256 (64 hex digits)", output.sha256, rerun)
            }
        }
    }

    static func isSHA256(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}

/// Turns a `DecodingError` into a one-line `InputError` naming the file and the key.
enum ManifestDecoding {
    static func keyPath(_ path: [any CodingKey]) -> String {
        var text = ""
        for key in path {
            if let index = key.intValue { text += "[\(index)]" } else { text += text.isEmpty ? key.stringValue : ".\(key.stringValue)" }
        }
        return text
    }

    static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "text"
        case is Int.Type, is UInt64.Type: return "a whole number"
        case is Double.Type: return "a number"
        case is [Int].Type: return "a list of years"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") { return "a list" }
            if name.hasPrefix("Dictionary") || name.hasPrefix("KeyedDecoding") { return "an object" }
            return "a value of type \(name)"
        }
    }

    static func inputError(_ error: DecodingError, data: Data, file: String) -> InputError {
        let fix = "re-run `spsim compare` to rewrite manifest.json (docs/results-format.md lists its keys)"
        switch error {
        case .keyNotFound(let key, let context):
            return InputError(file: file, column: keyPath(context.codingPath + [key]), problem: "the key is missing", fix: fix)
        case .typeMismatch(let type, let context):
            return InputError(file: file, column: keyPath(context.codingPath), problem: "expected \(typeName(type))", fix: fix)
        case .valueNotFound(let type, let context):
            return InputError(file: file, column: keyPath(context.codingPath), problem: "expected \(typeName(type)), found null", fix: fix)
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                return InputError(file: file, line: line(of: context), problem: "manifest.json is not valid JSON", fix: "re-run `spsim compare` to rewrite it, or repair the JSON")
            }
            return InputError(file: file, column: keyPath(context.codingPath), problem: "the value cannot be read (\(plain(context.debugDescription)))", fix: fix)
        @unknown default:
            return InputError(file: file, problem: "manifest.json cannot be read", fix: fix)
        }
    }

    /// The line of a JSON syntax error when the decoder says it ("… line 3, column 5 …").
    static func line(of context: DecodingError.Context) -> Int? {
        var texts = [context.debugDescription]
        if let underlying = context.underlyingError { texts.append(String(describing: underlying)) }
        for text in texts {
            if let range = text.range(of: "line ") {
                let digits = text[range.upperBound...].prefix { $0.isNumber }
                if let n = Int(digits) { return n }
            }
        }
        return nil
    }

    /// Foundation's text without its error-domain jargon.
    static func plain(_ text: String) -> String {
        text.contains("NSCocoaErrorDomain") || text.contains("Error Domain") ? "not a valid value" : text
    }
}
