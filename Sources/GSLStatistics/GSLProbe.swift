import CGSL

/// Internal probes that make GSL report an error on purpose, so tests can check that
/// the error handler is off and the status arrives as a Swift error.
enum GSLProbe {
    /// `gsl_sf_lngamma_e(-1)`: a pole, so GSL signals `GSL_EDOM` through its error handler.
    static func logGammaAtNegativeInteger() throws -> Double {
        var result = gsl_sf_result()
        try GSL.check("gsl_sf_lngamma_e") { gsl_sf_lngamma_e(-1.0, &result) }
        return result.val
    }
}
