import Testing
@testable import GSLStatistics

@Suite("Random streams")
struct RandomStreamTests {
    @Test("the same seed and stream give the same draws")
    func reproducible() throws {
        let a = try RandomStream(seed: 42, stream: 7)
        let b = try RandomStream(seed: 42, stream: 7)
        let drawsA = (0..<100).map { _ in a.uniform() }
        let drawsB = (0..<100).map { _ in b.uniform() }
        #expect(drawsA == drawsB)
    }

    @Test("different streams of one seed differ, and their GSL seeds are distinct")
    func independentStreams() throws {
        let a = try RandomStream(seed: 42, stream: 0)
        let b = try RandomStream(seed: 42, stream: 1)
        #expect((0..<10).map { _ in a.uniform() } != (0..<10).map { _ in b.uniform() })
        let seeds = Set((0..<10_000).map { RandomStream.gslSeed(seed: 42, stream: UInt64($0)) })
        #expect(seeds.count == 10_000)
    }

    @Test("categorical sampler follows its weights and rejects bad weights")
    func categorical() throws {
        let sampler = try CategoricalSampler(weights: [1, 3])
        let stream = try RandomStream(seed: 1)
        let n = 200_000
        let ones = (0..<n).reduce(0) { total, _ in total + sampler.sample(stream) }
        // Binomial(n, 0.75): sd = sqrt(n·0.75·0.25) ≈ 194; allow 5 sd.
        #expect(abs(Double(ones) - 0.75 * Double(n)) < 5 * 194)
        #expect(throws: GSLError.self) { try CategoricalSampler(weights: []) }
        #expect(throws: GSLError.self) { try CategoricalSampler(weights: [0, 0]) }
        #expect(throws: GSLError.self) { try CategoricalSampler(weights: [1, -1]) }
        #expect(throws: GSLError.self) { try CategoricalSampler(weights: [1, .nan]) }
    }
}

@Suite("GSL errors never abort")
struct GSLErrorHandlingTests {
    @Test("a GSL domain error becomes a thrown Swift error with GSL's reason")
    func domainErrorThrows() throws {
        // gsl_sf_lngamma_e(-1) is a domain error (pole); GSL's default handler would abort().
        let error = #expect(throws: GSLError.self) { try GSLProbe.logGammaAtNegativeInteger() }
        #expect(error?.reason.isEmpty == false)
    }
}
