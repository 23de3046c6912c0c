/* core/status — status codes, the one error function, and the exit-code map.
 *
 * Every fallible function in sectorsim returns ssim_status_t.  Errors are
 * raised through ssim_error() (one breakpoint for all of them), which formats
 * the message GNU-style:
 *
 *     sectorsim: network/supply.csv:17:3: install_lag_hours must be >= 0 (got -2)
 *
 * The message is printed to stderr at once unless a capture buffer is
 * installed (tests use that to assert on messages).
 */
#ifndef SSIM_CORE_STATUS_H
#define SSIM_CORE_STATUS_H

#include <stddef.h>

typedef enum {
    SSIM_OK = 0,       /* success */
    SSIM_EINVAL = 2,   /* bad usage or bad input: files, scenario, command line */
    SSIM_ENOMEM = 3,   /* a resource limit: memory or a size cap */
    SSIM_EIO = 4,      /* an I/O failure: cannot read, write, rename */
    SSIM_EINTR = 5,    /* interrupted (SIGINT/SIGTERM) before anything was written */
    SSIM_EINTERNAL = 1 /* a bug or an unexpected library failure */
} ssim_status_t;

/* Process exit code for a status (0 ok, 1 internal, 2 input, 3 limit, 4 I/O,
 * 5 interrupted). */
int ssim_status_exit_code(ssim_status_t status);

/* Short name of a status, e.g. "bad input". */
const char *ssim_status_name(ssim_status_t status);

/* Where an error happened.  file may be NULL (no file applies); line and col
 * are 1-based, 0 means "not known". */
typedef struct {
    const char *file;
    long line;
    long col;
} ssim_loc_t;

#define SSIM_LOC_NONE ((ssim_loc_t){NULL, 0, 0})

/* Raise an error: format and report "sectorsim: FILE:LINE:COL: MESSAGE".
 * Returns status so callers can write `return ssim_error(...)`. */
ssim_status_t ssim_error(ssim_status_t status, ssim_loc_t loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Report a warning (never changes control flow). */
void ssim_warn(ssim_loc_t loc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Number of errors raised since start (or since the last reset). */
unsigned long ssim_error_count(void);

/* Test hook: capture messages into buf (NUL-terminated, truncated at size)
 * instead of printing them; pass NULL to print again.  Call it from serial
 * code; ssim_error and ssim_warn themselves may be called from any thread
 * (each message is emitted whole, the count is atomic). */
void ssim_error_capture(char *buf, size_t size);

/* Program name used as message prefix (default "sectorsim"). */
void ssim_error_set_program(const char *name);

#endif
