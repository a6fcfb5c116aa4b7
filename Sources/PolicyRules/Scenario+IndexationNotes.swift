// Where a scenario and its baseline let the same amount grow differently: a scenario that
// writes a fixed rupee amount for a parameter the baseline indexes (to prices, wages or
// GDP) is compared, in later years, with the baseline's indexed path, so a "rise" can turn
// into a cut in real terms. `compare` prints these notes and records them in the manifest.
import SpsimSupport

extension Scenario {
    /// One sentence per money parameter that `baseline` indexes and this scenario indexes
    /// differently (after its last written value), in parameter-name order; empty when
    /// there is none. (A scenario that indexes an amount the baseline keeps fixed, often a
    /// scheme the baseline does not run, is not noted.)
    public func indexationNotes(comparedWith baseline: Scenario) -> [String] {
        var notes: [String] = []
        for name in parameters.keys.sorted() {
            guard let mine = parameters[name], let theirs = baseline.parameters[name],
                  mine.unit.hasPrefix("PKR"), theirs.indexation != .none, mine.indexation != theirs.indexation,
                  let last = mine.values.last else { continue }
            let written = "\(last.value) \(mine.unit) from \(last.date)"
            if mine.indexation == .none {
                notes.append("\(self.name): \(name) stays at \(written) (indexation: none), while the baseline raises it with \(theirs.indexation.rawValue); "
                    + "later years compare this fixed amount with the baseline's \(theirs.indexation.rawValue)-indexed path, so the difference shrinks (or turns into a cut) as \(Self.indexLabel(theirs.indexation)) rise. "
                    + "Write `indexation: \(theirs.indexation.rawValue)` under the change to index it as the baseline does.")
            } else {
                notes.append("\(self.name): \(name) grows with \(mine.indexation.rawValue) after \(written), while the baseline indexes it with \(theirs.indexation.rawValue); "
                    + "part of the difference from the baseline in later years comes from the indexation, not the amount.")
            }
        }
        return notes
    }

    static func indexLabel(_ indexation: Indexation) -> String {
        switch indexation {
        case .cpi: return "prices"
        case .wages: return "wages"
        case .gdp: return "GDP"
        case .none: return "nothing"
        }
    }
}
