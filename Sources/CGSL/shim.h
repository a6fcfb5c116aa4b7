// C shim for the GNU Scientific Library.
// Only the Swift module GSLStatistics imports this. Each function here exists because
// Swift cannot use the underlying C directly; none adds behaviour of its own.
#ifndef SPSIM_CGSL_SHIM_H
#define SPSIM_CGSL_SHIM_H

#include <stdio.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_sort_double.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_roots.h>
#include <gsl/gsl_math.h>

// Swift 6 refuses GSL's mutable globals (`gsl_rng_mt19937` and friends are
// `extern const gsl_rng_type *` variables): read them through functions.
static inline const gsl_rng_type *spsim_rng_type_mt19937(void) { return gsl_rng_mt19937; }
static inline const gsl_rng_type *spsim_rng_type_ranlxd2(void) { return gsl_rng_ranlxd2; }
static inline const gsl_rng_type *spsim_rng_type_taus2(void) { return gsl_rng_taus2; }
static inline const gsl_root_fsolver_type *spsim_root_fsolver_brent(void) { return gsl_root_fsolver_brent; }

// GSL's default error handler prints and calls abort(). We replace it with one that
// records the reason in thread-local storage and returns, so the calling Swift code
// can turn the returned status into a thrown error carrying GSL's own message.
typedef struct { char reason[512]; int status; } spsim_gsl_error_state;

// A function-local thread-local: the Swift importer emits it together with the function
// (a file-scope static variable in a header would not be emitted).
static inline spsim_gsl_error_state *spsim_gsl_error_state_pointer(void) {
    static _Thread_local spsim_gsl_error_state state;
    return &state;
}

static inline void spsim_gsl_recording_handler(const char *reason, const char *file, int line, int gsl_errno) {
    spsim_gsl_error_state *state = spsim_gsl_error_state_pointer();
    snprintf(state->reason, sizeof state->reason, "%s (%s:%d)",
             reason ? reason : "unknown", file ? file : "?", line);
    state->status = gsl_errno;
}

static inline void spsim_gsl_install_recording_handler(void) {
    gsl_set_error_handler(&spsim_gsl_recording_handler);
}

static inline void spsim_gsl_clear_last_error(void) {
    spsim_gsl_error_state *state = spsim_gsl_error_state_pointer();
    state->reason[0] = '\0';
    state->status = 0;
}

static inline int spsim_gsl_last_error_status(void) { return spsim_gsl_error_state_pointer()->status; }

// Copies the last recorded reason into `buffer` (always NUL-terminated).
static inline void spsim_gsl_last_error_reason(char *buffer, size_t size) {
    if (size == 0) return;
    strncpy(buffer, spsim_gsl_error_state_pointer()->reason, size - 1);
    buffer[size - 1] = '\0';
}

// `gsl_function` holds a C function pointer and a void* context; Swift closures reach
// it through this trampoline type, declared here so the Swift side stays typed.
typedef double (*spsim_scalar_function)(double x, void *context);

#endif
