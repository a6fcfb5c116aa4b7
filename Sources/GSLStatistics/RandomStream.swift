import CGSL

/// A seeded stream of random numbers backed by GSL's Mersenne Twister (`gsl_rng_mt19937`).
///
/// Reproducibility rule: work is split into blocks and each block draws from its own
/// substream `RandomStream(seed: s, stream: i)`. The GSL seed of substream `i` is
/// `(mix32(s) + i × 0x9E3779B9) mod 2³²` (0 mapped to 1), which is injective in `i`
/// for a given `s`, so no two blocks of one run share a stream, and the draws of a block
/// do not depend on which thread or process handles it, nor on how many there are.
///
/// A stream is owned by one thread at a time (it is not `Sendable`); it frees its
/// `gsl_rng` when released.
public final class RandomStream {
    let generator: UnsafeMutablePointer<gsl_rng>
    /// The user-facing seed and the substream index this stream was made from.
    public let seed: UInt64
    public let stream: UInt64

    public init(seed: UInt64, stream: UInt64 = 0) throws {
        GSL.ensureErrorHandlerInstalled()
        guard let pointer = gsl_rng_alloc(spsim_rng_type_mt19937()) else {
            throw GSLError(status: Int32(GSL_ENOMEM), reason: "could not allocate a random number generator", operation: "gsl_rng_alloc")
        }
        generator = pointer
        self.seed = seed
        self.stream = stream
        gsl_rng_set(generator, UInt(RandomStream.gslSeed(seed: seed, stream: stream)))
    }

    deinit { gsl_rng_free(generator) }

    /// The 32-bit GSL seed used for (seed, stream); see the type's documentation.
    public static func gslSeed(seed: UInt64, stream: UInt64) -> UInt32 {
        var z = seed &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        let base = UInt32(truncatingIfNeeded: z)
        let mixed = base &+ UInt32(truncatingIfNeeded: stream) &* 0x9E37_79B9
        return mixed == 0 ? 1 : mixed
    }

    // MARK: Distributions (GSL's samplers; parameters as in the GSL manual)

    /// Uniform on [0, 1).
    @inline(__always) public func uniform() -> Double { gsl_rng_uniform(generator) }

    /// Uniform on [a, b).
    public func uniform(_ a: Double, _ b: Double) -> Double { gsl_ran_flat(generator, a, b) }

    /// Uniform integer in 0..<n (n ≥ 1).
    public func integer(below n: Int) -> Int { Int(gsl_rng_uniform_int(generator, UInt(max(1, n)))) }

    /// Normal with the given mean and standard deviation.
    public func normal(mean: Double = 0, standardDeviation: Double = 1) -> Double {
        mean + gsl_ran_gaussian_ziggurat(generator, standardDeviation)
    }

    /// Lognormal: `exp(N(mu, sigma²))`.
    public func lognormal(mu: Double, sigma: Double) -> Double { gsl_ran_lognormal(generator, mu, sigma) }

    /// Gamma with shape k and scale θ (mean kθ).
    public func gamma(shape: Double, scale: Double) -> Double { gsl_ran_gamma(generator, shape, scale) }

    /// Beta(a, b) on [0, 1].
    public func beta(_ a: Double, _ b: Double) -> Double { gsl_ran_beta(generator, a, b) }

    /// Binomial: successes in n trials of probability p.
    public func binomial(probability p: Double, trials n: Int) -> Int {
        Int(gsl_ran_binomial(generator, p, UInt32(clamping: n)))
    }

    /// Poisson with the given mean.
    public func poisson(mean: Double) -> Int { Int(gsl_ran_poisson(generator, mean)) }

    /// Bernoulli trial: true with probability p.
    @inline(__always) public func bernoulli(_ p: Double) -> Bool { gsl_rng_uniform(generator) < p }
}

/// Draws category indices with given probabilities, through GSL's Walker alias tables
/// (`gsl_ran_discrete_preproc` / `gsl_ran_discrete`). Weights need not sum to one.
public final class CategoricalSampler: @unchecked Sendable {
    // The table is read-only after construction, so sharing it across threads is safe.
    private let table: UnsafeMutablePointer<gsl_ran_discrete_t>
    public let count: Int

    /// - Throws: `GSLError` when `weights` is empty, has a negative or non-finite entry,
    ///   or sums to zero.
    public init(weights: [Double]) throws {
        guard !weights.isEmpty else { throw GSLError.invalidInput("categorical sampler", "no categories given") }
        guard weights.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
            throw GSLError.invalidInput("categorical sampler", "weights must be finite and non-negative, got \(weights)")
        }
        guard weights.reduce(0, +) > 0 else { throw GSLError.invalidInput("categorical sampler", "weights sum to zero") }
        let made = try GSL.checkHandler("gsl_ran_discrete_preproc") {
            weights.withUnsafeBufferPointer { gsl_ran_discrete_preproc($0.count, $0.baseAddress) }
        }
        guard let made else {
            throw GSLError(status: Int32(GSL_ENOMEM), reason: "could not build the alias table", operation: "gsl_ran_discrete_preproc")
        }
        table = made
        count = weights.count
    }

    deinit { gsl_ran_discrete_free(table) }

    /// A category index in 0..<count.
    @inline(__always) public func sample(_ stream: RandomStream) -> Int {
        Int(gsl_ran_discrete(stream.generator, table))
    }
}
