// libFuzzer target: the population CSV reader (`PopulationCSV.read`).
//
// Built and run by `scripts/fuzz` (never by `swift build` or `swift test`). Every input
// is written to a scratch file and read; a refused file must be refused with a thrown
// error, never a trap. A file that is accepted must give a consistent population, and
// writing it and reading it back must write the same text again (a round trip).
import Foundation
import PopulationData

private let scratch: URL = {
    // scripts/fuzz gives a folder it removes afterwards; otherwise one per process.
    let given = ProcessInfo.processInfo.environment["SPSIM_FUZZ_SCRATCH"] ?? ""
    let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    let url = given.isEmpty ? URL(fileURLWithPath: base).appendingPathComponent("spsim-fuzz-csv-\(getpid())") : URL(fileURLWithPath: given)
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}()

private func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("spsim fuzz (csv): \(message)\n".utf8))
    abort()
}

@_cdecl("LLVMFuzzerTestOneInput")
public func populationCSVFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let input = scratch.appendingPathComponent("input.csv")
    let bytes = data.map { Data(bytes: $0, count: size) } ?? Data()
    do { try bytes.write(to: input) } catch { fail("cannot write the scratch file: \(error)") }
    let population: Population
    do {
        population = try PopulationCSV.read(input, seed: 7, showProgress: false)
    } catch {
        return 0  // refused with an error: what a bad file must give
    }
    if let problem = population.structuralProblem() { fail("accepted an inconsistent population: \(problem)") }
    // Round trip: write → read → write gives the same text.
    let first = scratch.appendingPathComponent("first.csv")
    let second = scratch.appendingPathComponent("second.csv")
    do {
        try PopulationCSV.write(population, to: first)
        let again = try PopulationCSV.read(first, seed: 7, showProgress: false)
        try PopulationCSV.write(again, to: second)
        let a = try Data(contentsOf: first), b = try Data(contentsOf: second)
        if a != b { fail("write → read → write changed the text") }
    } catch {
        fail("a population read from a file could not be written and read back: \(error)")
    }
    return 0
}
