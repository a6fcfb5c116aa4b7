// libFuzzer target: the scenario loader (`ScenarioLoader.load`) and its `--set` path.
//
// Built and run by `scripts/fuzz` (never by `swift build` or `swift test`). The input is
// split at its first NUL byte: the bytes before it are a scenario file written beside a
// copy of the shipped `scenarios/baseline.yaml` (so `baseline: baseline.yaml` loads the
// real baseline chain); the bytes after it, one per line, are `--set name=value`
// overrides. Any problem must be thrown as `InputErrors`, never trap. A scenario that
// loads is also resolved for a few years (`Scenario.policy(year:)`), which may throw but
// must not trap.
import Foundation
import PolicyRules

private let scratch: URL = {
    // scripts/fuzz gives a folder it removes afterwards; otherwise one per process.
    let given = ProcessInfo.processInfo.environment["SPSIM_FUZZ_SCRATCH"] ?? ""
    let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    let url = given.isEmpty ? URL(fileURLWithPath: base).appendingPathComponent("spsim-fuzz-scenario-\(getpid())") : URL(fileURLWithPath: given)
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    // The shipped baseline, found from this file's place in the repository.
    let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    let baseline = repository.appendingPathComponent("scenarios/baseline.yaml")
    let copy = url.appendingPathComponent("baseline.yaml")
    try? FileManager.default.removeItem(at: copy)
    do { try FileManager.default.copyItem(at: baseline, to: copy) } catch {
        fail("cannot copy \(baseline.path) beside the fuzzed scenario: \(error)")
    }
    return url
}()

private func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("spsim fuzz (scenario): \(message)\n".utf8))
    abort()
}

@_cdecl("LLVMFuzzerTestOneInput")
public func scenarioLoaderFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: data == nil ? 0 : size))
    let cut = bytes.firstIndex(of: 0) ?? bytes.count
    let file = Data(bytes[..<cut])
    let overrides: [String] = cut < bytes.count
        ? String(decoding: bytes[(cut + 1)...], as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        : []
    let url = scratch.appendingPathComponent("scenario.yaml")
    do { try file.write(to: url) } catch { fail("cannot write the scratch file: \(error)") }
    guard let scenario = try? ScenarioLoader.load(url, overrides: overrides) else { return 0 }
    for year in [2024, 2030] { _ = try? scenario.policy(year: year) }
    return 0
}
