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

/* Checkpoints of a long run (the command line's --checkpoint): with one, a
 * part runs in segments of whole blocks, one after the other; after each,
 * every thread's per-operator counts and events are added into res, and
 * at least every `every_seconds` (and once more when a stop is requested)
 * save() is called with every thread idle: res then holds the part's
 * blocks [first, done) complete (rows, block sums, counts, events) and
 * nothing of later blocks but rows to be overwritten.  A stop request
 * discards the segment running (its blocks run again on resume: every draw
 * is keyed by trial, so they give the same bytes). */
typedef struct {
    double every_seconds;
    ssim_status_t (*save)(void *arg, const ssim_results_t *res, uint64_t done);
    void *arg;
} ssim_run_checkpoint_t;

typedef struct {
    int threads;                             /* <= 0: OpenMP's default */
    int progress;                            /* 1: report progress on stderr */
    const ssim_run_checkpoint_t *checkpoint; /* NULL: none (one segment: the whole part) */
} ssim_run_opts_t;

typedef struct {
    int threads;     /* threads actually used */
    double elapsed;  /* seconds in the trial loop */
    uint64_t events; /* events processed, all trials */
} ssim_run_stats_t;

/* Run every trial of res (already initialised for the scenario) with model.
 * ctx->shared must come from model->prepare().  Serial entry point:
 * ssim_run_prepare, ssim_run_part over every block, ssim_run_finish. */
ssim_status_t ssim_run_trials(const ssim_model_type_t *model, const ssim_model_ctx_t *ctx,
                              ssim_results_t *res, const ssim_run_opts_t *opts,
                              ssim_run_stats_t *stats);

/* The pieces of ssim_run_trials, for runs split into parts (shards, MPI
 * ranks, checkpoints; docs/scale-out.md).  The unit of work is a block of
 * trials (ssim_results_block: it depends on the trial count only), so a
 * part is a range of blocks and every split gives the same bytes:
 *
 *   ssim_run_prepare(model, ctx, res);                 once: the model's columns
 *   ssim_run_part(model, ctx, res, b0, b1, ...);       any parts, any order, or
 *   ssim_results_absorb(res, part results ...);        parts run elsewhere
 *   ssim_run_finish(res, threads);                     once every block is in
 *
 * ssim_run_part writes the rows and block sums of blocks [first, end) and
 * adds their trials' per-operator counts and events to res's; it computes no
 * summary.  stats->events counts the part's events.  On a stop request it
 * returns SSIM_EINTR (after a last checkpoint, with opts->checkpoint). */
ssim_status_t ssim_run_prepare(const ssim_model_type_t *model, const ssim_model_ctx_t *ctx,
                               ssim_results_t *res);
ssim_status_t ssim_run_part(const ssim_model_type_t *model, const ssim_model_ctx_t *ctx,
                            ssim_results_t *res, uint64_t first, uint64_t end,
                            const ssim_run_opts_t *opts, ssim_run_stats_t *stats);
ssim_status_t ssim_run_finish(ssim_results_t *res, int threads);

/* Blocks of trials of res: ceil(n_trials / block). */
uint64_t ssim_run_n_blocks(const ssim_results_t *res);

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
