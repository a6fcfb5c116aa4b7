// libFuzzer target: the binary population reader (`PopulationBinary.read`, `.spop`).
//
// Built and run by `scripts/fuzz` (never by `swift build` or `swift test`). Every input
// is written to a scratch file and read; a refused file must be refused with a thrown
// error, never a trap (a damaged header or directory must not overflow or read out of
// bounds). A file that is accepted must give a consistent population that writes and
// reads back to the same columns.
import Foundation
import PopulationData

private let scratch: URL = {
    let given = ProcessInfo.processInfo.environment["SPSIM_FUZZ_SCRATCH"] ?? ""
    let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    let url = given.isEmpty ? URL(fileURLWithPath: base).appendingPathComponent("spsim-fuzz-spop-\(getpid())") : URL(fileURLWithPath: given)
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}()

private func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("spsim fuzz (spop): \(message)\n".utf8))
    abort()
}

@_cdecl("LLVMFuzzerTestOneInput")
public func populationBinaryFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let input = scratch.appendingPathComponent("input.spop")
    let bytes = data.map { Data(bytes: $0, count: size) } ?? Data()
    do { try bytes.write(to: input) } catch { fail("cannot write the scratch file: \(error)") }
    let population: Population
    do {
        population = try PopulationBinary.read(input)
    } catch {
        return 0  // refused with an error: what a bad file must give
    }
    if let problem = population.structuralProblem() { fail("accepted an inconsistent population: \(problem)") }
    let copy = scratch.appendingPathComponent("copy.spop")
    do {
        try PopulationBinary.write(population, seed: 7, source: "fuzz", to: copy)
        let again = try PopulationBinary.read(copy)
        if again.personID != population.personID || again.householdWeight.map(\.bitPattern) != population.householdWeight.map(\.bitPattern)
            || again.age != population.age || again.takeUpDraw != population.takeUpDraw {
            fail("write → read changed the population")
        }
    } catch {
        fail("a population read from a file could not be written and read back: \(error)")
    }
    return 0
}
