import CGSL

/// A failure reported by the GNU Scientific Library, or a precondition of a statistic
/// that the input does not meet (empty column, mismatched lengths, bad weights, NaN).
///
/// GSL's default error handler calls `abort()`. spsim replaces it, once, with a handler
/// that records the reason and returns; every wrapper then turns a non-zero GSL status
/// into this error. No GSL call made through this module can end the process.
public struct GSLError: Error, CustomStringConvertible, Equatable, Sendable {
    /// GSL's status code (`GSL_EDOM`, `GSL_EINVAL`, …), or `GSL_EINVAL` for input checks.
    public let status: Int32
    /// What went wrong, in GSL's words where GSL reported it.
    public let reason: String
    /// The operation that failed, e.g. `"weighted Gini"` or `"gsl_fit_wlinear"`.
    public let operation: String

    public init(status: Int32, reason: String, operation: String) {
        self.status = status
        self.reason = reason
        self.operation = operation
    }

    public var description: String { "\(operation): \(reason) [GSL status \(status)]" }

    /// An input error detected by spsim before calling GSL.
    static func invalidInput(_ operation: String, _ reason: String) -> GSLError {
        GSLError(status: Int32(GSL_EINVAL), reason: reason, operation: operation)
    }
}

/// Entry point of the GSL error-handling policy.
public enum GSL {
    /// Installs the recording error handler. Idempotent and thread-safe (a `static let`
    /// initialiser runs exactly once); every wrapper in this module calls it first.
    public static func ensureErrorHandlerInstalled() { _ = installed }

    private static let installed: Bool = {
        spsim_gsl_install_recording_handler()
        return true
    }()

    /// Runs a GSL call that returns a status, throwing `GSLError` with GSL's reason when
    /// the status is not `GSL_SUCCESS`.
    @discardableResult
    static func check(_ operation: String, _ call: () -> Int32) throws(GSLError) -> Int32 {
        ensureErrorHandlerInstalled()
        spsim_gsl_clear_last_error()
        let status = call()
        if status != Int32(GSL_SUCCESS) {
            throw GSLError(status: status, reason: lastReason(fallbackStatus: status), operation: operation)
        }
        return status
    }

    /// Runs a GSL call that signals failure only through the error handler (functions
    /// returning a value, or a NULL pointer), throwing when the handler was invoked.
    static func checkHandler<T>(_ operation: String, _ call: () -> T) throws(GSLError) -> T {
        ensureErrorHandlerInstalled()
        spsim_gsl_clear_last_error()
        let value = call()
        let status = spsim_gsl_last_error_status()
        if status != 0 {
            throw GSLError(status: status, reason: lastReason(fallbackStatus: status), operation: operation)
        }
        return value
    }

    private static func lastReason(fallbackStatus: Int32) -> String {
        var buffer = [CChar](repeating: 0, count: 512)
        spsim_gsl_last_error_reason(&buffer, buffer.count)
        let recorded = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if !recorded.isEmpty { return recorded }
        return String(cString: gsl_strerror(fallbackStatus))
    }
}
