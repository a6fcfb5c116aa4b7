import Testing
@testable import PopulationData

@Suite("Population store")
struct PopulationStoreTests {
    @Test("blocks cover every household and person exactly once, whatever the size")
    func blocksCover() {
        var population = Population()
        var offset: Int32 = 0
        for h in 0..<10 {
            population.householdID.append(Int64(h + 1))
            population.householdWeight.append(1)
            population.pmtScore.append(50)
            population.householdDraw.append(0.5)
            let size = h % 3 + 1
            for _ in 0..<size {
                population.personID.append(Int64(population.personID.count + 1))
            }
            offset += Int32(size)
            population.firstPerson.append(offset)
        }
        for size in [1, 3, 4, 100] {
            let blocks = population.blocks(ofSize: size)
            #expect(blocks.map(\.households.count).reduce(0, +) == 10)
            #expect(blocks.map(\.persons.count).reduce(0, +) == population.personCount)
            #expect(blocks.first?.persons.lowerBound == 0)
            #expect(blocks.last?.persons.upperBound == population.personCount)
        }
    }
}
