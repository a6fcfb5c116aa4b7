// Two attributes some schemes need and a survey may not carry: the school level a child
// is enrolled at (education stipends) and a birth in the year (maternity benefits). Both
// come from published rates in the calibration file and a draw hashed from (seed, person),
// so they do not depend on row order, threads or the scenario.

extension Population {
    /// Sets `schoolLevel` for every person: a person whose age is in a band of
    /// `model.schooling` is enrolled at that band's level when their schooling draw is
    /// below the band's rate − sex_gap/2 (girls) or + sex_gap/2 (boys); everyone else is
    /// not enrolled.
    public mutating func assignSchooling(_ model: PopulationModel.Schooling, seed: UInt64) {
        let levels = model.levels.map { SchoolLevel(code: $0) ?? .none }
        schoolLevel = [SchoolLevel](repeating: .none, count: personCount)
        for p in 0..<personCount {
            let age = Int(self.age[p])
            guard let band = PopulationModel.band(of: age, in: model.bands) else { continue }
            let rate = model.rates[band] + (sex[p] == .female ? -model.sex_gap / 2 : model.sex_gap / 2)
            if Double(StoredDraw.schooling.uniform(seed: seed, identifier: personID[p])) < rate { schoolLevel[p] = levels[band] }
        }
    }

    /// Sets `birthInYear` for every person: a woman whose age is in a band of
    /// `model.fertility` gave birth in the year when her birth draw is below the band's
    /// rate per 1,000 ÷ 1,000.
    public mutating func assignBirths(_ model: PopulationModel.Fertility, seed: UInt64) {
        birthInYear = [Bool](repeating: false, count: personCount)
        for p in 0..<personCount where sex[p] == .female {
            guard let band = PopulationModel.band(of: Int(age[p]), in: model.bands) else { continue }
            birthInYear[p] = Double(StoredDraw.birth.uniform(seed: seed, identifier: personID[p])) < model.per_thousand[band] / 1000
        }
    }
}
