// Compatibility for `spsim run`, written against the stand-in PopulationSource
// (`population`, `load() -> (population, description)`) before the population branch's
// version was merged. Remove when RunCommand uses `populationFile`, `load(showProgress:)`
// and `summary` directly.
import PopulationData

extension PopulationSource {
    var population: String? { populationFile }

    func load() throws -> (population: PopulationData.Population, description: String) {
        (try load(showProgress: true), summary)
    }
}
