/* core/log — informational messages and the progress line, on stderr.
 *
 * Data goes to stdout or files; everything here goes to stderr.  Only serial
 * code (the OpenMP master thread) calls these.
 */
#ifndef SSIM_CORE_LOG_H
#define SSIM_CORE_LOG_H

#include <stdint.h>

typedef enum { SSIM_LOG_QUIET = 0, SSIM_LOG_NORMAL = 1, SSIM_LOG_VERBOSE = 2 } ssim_log_level_t;

void ssim_log_set_level(ssim_log_level_t level);
ssim_log_level_t ssim_log_level(void);

/* A message shown at NORMAL and above. */
void ssim_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A message shown at VERBOSE only. */
void ssim_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Monotonic wall-clock seconds. */
double ssim_now(void);

/* Progress reporting for a loop of `total` units: on a terminal a single
 * redrawn line with percentage and ETA, otherwise a plain line at most every
 * `interval` seconds.  Silent when quiet. */
typedef struct {
    const char *what;
    uint64_t total;
    double start, last;
    double interval;
    int tty;
    int shown;
} ssim_progress_t;

void ssim_progress_start(ssim_progress_t *p, const char *what, uint64_t total);
void ssim_progress_update(ssim_progress_t *p, uint64_t done);
void ssim_progress_finish(ssim_progress_t *p, uint64_t done);

#endif
