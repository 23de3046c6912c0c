/* run — the Monte Carlo driver (OpenMP over trials; the summaries in
 * results/ are the only other parallel code).
 *
 * Trials are independent.  They run in one parallel loop over blocks of
 * trials, taken dynamically, with no barrier before the end; each thread uses
 * the workspace allocated for it before the loop and writes only its trials'
 * rows and its own per-operator accumulators.  Inside the loop one thread at a
 * time (a lock no thread waits for) reports progress on stderr; no igraph or
 * HDF5 is called there.  After the loop the per-thread
 * accumulators are merged (integers) and the summaries and verification hash
 * are computed on the same threads (ssim_results_summarize: each column in
 * trial order, the hash a sum over trials), so results do not depend on the
 * number of threads.
 */
#ifndef SSIM_RUN_RUN_H
#define SSIM_RUN_RUN_H

#include "core/status.h"
#include "run/model.h"
#include "results/results.h"

#include <stdint.h>

typedef struct {
    int threads;  /* <= 0: OpenMP's default */
    int progress; /* 1: report progress on stderr */
} ssim_run_opts_t;

typedef struct {
    int threads;     /* threads actually used */
    double elapsed;  /* seconds in the trial loop */
    uint64_t events; /* events processed, all trials */
} ssim_run_stats_t;

/* Run every trial of res (already initialised for the scenario) with model.
 * ctx->shared must come from model->prepare().  Serial entry point. */
ssim_status_t ssim_run_trials(const ssim_model_type_t *model, const ssim_model_ctx_t *ctx,
                              ssim_results_t *res, const ssim_run_opts_t *opts,
                              ssim_run_stats_t *stats);

/* Ask a running ssim_run_trials() to stop: each thread finishes the block of
 * trials it is running and takes no other; it then returns SSIM_EINTR.
 * Async-signal-safe (for SIGINT/SIGTERM handlers). */
void ssim_run_request_stop(void);

/* 1 once a stop was requested (async-signal-safe read).  The phases after
 * the trial loop (summaries, building and writing a file) check it too, so a
 * stop at any moment ends with SSIM_EINTR and no file (exit 5). */
int ssim_run_stop_requested(void);

/* Forget a stop request (tests, or a process that runs several jobs). */
void ssim_run_reset_stop(void);

/* Threads OpenMP would use by default (OMP_NUM_THREADS or the core count). */
int ssim_run_default_threads(void);

#endif
