import CGSL
import SpsimSupport

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
        let z = SplitMix64.finalise(seed &+ 0x9E37_79B9_7F4A_7C15)
        let base = UInt32(truncatingIfNeeded: z)
        let mixed = base &+ UInt32(truncatingIfNeeded: stream) &* 0x9E37_79B9
        return mixed == 0 ? 1 : mixed
    }

    // MARK: Distributions (GSL's samplers; parameters as in the GSL manual)
    //
    // These sit in hot loops, so they do not throw. Parameters are checked where GSL
    // would otherwise loop forever or return nonsense: a real-valued draw with a
    // parameter outside its domain returns NaN, which the caller's own checks must
    // catch (the population generator validates its parameter files on loading).

    /// Uniform on [0, 1) (`gsl_rng_uniform`; 32 bits of resolution with MT19937).
    @inline(__always) public func uniform() -> Double { gsl_rng_uniform(generator) }

    /// Uniform on [a, b) (`gsl_ran_flat`): mean (a+b)/2, variance (b−a)²/12.
    /// - Parameters: `a < b`, both finite; otherwise NaN.
    public func uniform(_ a: Double, _ b: Double) -> Double {
        guard a < b, a.isFinite, b.isFinite else { return .nan }
        return gsl_ran_flat(generator, a, b)
    }

    /// Uniform integer in 0..<n (`gsl_rng_uniform_int`), each with probability 1/n.
    /// - Parameter n: 1 ≤ n ≤ 2³² (the generator's range); n < 1 is treated as 1
    ///   (always 0), and n > 2³² returns 0 (GSL reports an error, recorded and ignored).
    public func integer(below n: Int) -> Int { Int(gsl_rng_uniform_int(generator, UInt(max(1, n)))) }

    /// Normal (Gaussian) with the given mean μ and standard deviation σ (GSL's ziggurat
    /// sampler): mean μ, variance σ².
    /// - Parameters: `standardDeviation` ≥ 0 and both finite; otherwise NaN.
    public func normal(mean: Double = 0, standardDeviation: Double = 1) -> Double {
        guard standardDeviation >= 0, standardDeviation.isFinite, mean.isFinite else { return .nan }
        return mean + gsl_ran_gaussian_ziggurat(generator, standardDeviation)
    }

    /// Lognormal `exp(N(μ, σ²))` (`gsl_ran_lognormal`): mean `exp(μ + σ²/2)`, variance
    /// `(exp(σ²) − 1) exp(2μ + σ²)`.
    /// - Parameters: `mu` is μ, the mean of the logarithm; `sigma` is σ ≥ 0, its standard
    ///   deviation; both finite, otherwise NaN.
    public func lognormal(mu: Double, sigma: Double) -> Double {
        guard sigma >= 0, sigma.isFinite, mu.isFinite else { return .nan }
        return gsl_ran_lognormal(generator, mu, sigma)
    }

    /// Gamma with shape k and scale θ (`gsl_ran_gamma`, Marsaglia–Tsang): mean kθ,
    /// variance kθ².
    /// - Parameters: `shape` k > 0 and `scale` θ > 0, both finite; otherwise NaN (GSL
    ///   would loop forever on a NaN shape).
    public func gamma(shape: Double, scale: Double) -> Double {
        guard shape > 0, scale > 0, shape.isFinite, scale.isFinite else { return .nan }
        return gsl_ran_gamma(generator, shape, scale)
    }

    /// Beta(a, b) on [0, 1] (`gsl_ran_beta`): mean a/(a+b), variance
    /// ab / ((a+b)²(a+b+1)).
    /// - Parameters: `a` > 0 and `b` > 0, finite; otherwise NaN.
    public func beta(_ a: Double, _ b: Double) -> Double {
        guard a > 0, b > 0, a.isFinite, b.isFinite else { return .nan }
        return gsl_ran_beta(generator, a, b)
    }

    /// Binomial: successes in n independent trials of probability p (`gsl_ran_binomial`):
    /// mean np, variance np(1−p).
    /// - Parameters: `probability` p in [0, 1] (values outside, or NaN, are clamped to
    ///   [0, 1], NaN to 0); `trials` n ≥ 0, clamped to 0…2³²−1.
    public func binomial(probability p: Double, trials n: Int) -> Int {
        let clamped = p.isNaN ? 0 : min(1, max(0, p))
        return Int(gsl_ran_binomial(generator, clamped, UInt32(clamping: n)))
    }

    /// Poisson with the given mean λ (`gsl_ran_poisson`): mean λ, variance λ.
    /// - Parameter mean: λ ≥ 0 and finite; a negative or NaN λ gives 0, an infinite λ
    ///   is not allowed (GSL would not return) and also gives 0.
    public func poisson(mean: Double) -> Int {
        guard mean > 0, mean.isFinite else { return 0 }
        return Int(gsl_ran_poisson(generator, mean))
    }

    /// Bernoulli trial: true with probability p (p ≤ 0 never, p ≥ 1 always).
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
