#include "run/run.h"

#include "core/alloc.h"
#include "core/log.h"

#include <omp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

int ssim_run_default_threads(void) { return omp_get_max_threads(); }

static volatile sig_atomic_t stop_requested;

void ssim_run_request_stop(void) { stop_requested = 1; }

/* Per-thread state, allocated before the loop. */
typedef struct {
    void *ws;
    ssim_op_accum_t acc;
    ssim_event_log_t log; /* used when output.events is on (acc.log points here) */
    void *scratch;        /* the folded values of a trial's row (lean storage), or NULL */
    ssim_status_t status;
    uint64_t failed_trial;
} thread_state_t;

static void free_threads(const ssim_model_type_t *model, thread_state_t *ts, int n)
{
    if (!ts)
        return;
    for (int i = 0; i < n; i++) {
        model->workspace_free(ts[i].ws);
        ssim_op_accum_destroy(&ts[i].acc);
        ssim_event_log_destroy(&ts[i].log);
        free(ts[i].scratch);
    }
    free(ts);
}

static ssim_status_t alloc_threads(const ssim_model_type_t *model, const ssim_model_ctx_t *ctx,
                                   const ssim_results_t *res, int n, thread_state_t **out)
{
    thread_state_t *ts = ssim_calloc((size_t)n, sizeof *ts, "thread states");
    if (!ts)
        return SSIM_ENOMEM;
    for (int i = 0; i < n; i++) {
        ssim_status_t st = model->workspace_alloc(ctx, &ts[i].ws);
        if (st == SSIM_OK)
            st = ssim_op_accum_init(&ts[i].acc, res->n_operators);
        if (ctx->sc->output.events)
            ts[i].acc.log = &ts[i].log;
        size_t scratch = ssim_results_scratch_bytes(res);
        if (st == SSIM_OK && scratch &&
            !(ts[i].scratch = ssim_malloc(1, scratch, "scratch row")))
            st = SSIM_ENOMEM;
        if (st != SSIM_OK) {
            free_threads(model, ts, n);
            return st;
        }
    }
    *out = ts;
    return SSIM_OK;
}

/* Blocks of trials [first, last) in parallel (OpenMP; the summaries in
 * results/ are the only other parallel region).  A block is the
 * ssim_results_block(T) trials whose folded values lean storage sums
 * together: one thread runs a whole block, in trial order.
 * Batches start at one block per thread and double while a batch takes less
 * than a quarter of a second: cheap trials soon run in large batches (few
 * barriers), while a trial of minutes (10^7 operators) still reports progress
 * and heeds SIGINT/SIGTERM after each batch.  Threads take chunks of a 32nd of
 * their share of the batch (1 to 256 trials, at least one block): small
 * enough to balance the load at the end of a batch, large enough that cheap
 * trials do not queue on the scheduler's counter, nor write per-trial values
 * (4-8 bytes each) into cache lines that another thread is writing at the
 * same time. */
static void run_batch(const ssim_model_type_t *model, const ssim_model_ctx_t *ctx,
                      ssim_results_t *res, thread_state_t *ts, int threads, uint64_t first,
                      uint64_t last)
{
    uint64_t B = res->block, T = res->n_trials;
    uint64_t share = (last - first) / ((uint64_t)threads * 32);
    uint64_t most = 256 / B > 1 ? 256 / B : 1;
    int chunk = share < 1 ? 1 : share > most ? (int)most : (int)share;
#pragma omp parallel for num_threads(threads) schedule(dynamic, chunk)
    for (uint64_t b = first; b < last; b++) {
        thread_state_t *mine = &ts[omp_get_thread_num()];
        for (uint64_t t = b * B; t < (b + 1) * B && t < T; t++) {
            if (mine->status != SSIM_OK)
                break;
            ssim_trial_row_t row;
            ssim_results_row(res, t, mine->scratch, &row);
            ssim_status_t st = model->trial(ctx, mine->ws, t, &row, &mine->acc);
            if (st != SSIM_OK) {
                mine->status = st;
                mine->failed_trial = t;
            }
            if (mine->scratch) /* lean storage */
                ssim_results_fold(res, t, &row);
        }
    }
}

/* First failure in thread order (deterministic message for a given failure). */
static ssim_status_t check_threads(const ssim_model_type_t *model, thread_state_t *ts, int n)
{
    for (int i = 0; i < n; i++)
        if (ts[i].status != SSIM_OK)
            return ssim_error(ts[i].status, SSIM_LOC_NONE, "trial %llu failed: %s",
                              (unsigned long long)ts[i].failed_trial,
                              model->last_error(ts[i].ws));
    return SSIM_OK;
}

/* The per-thread event logs, merged in trial order into the results. */
static ssim_status_t merge_events(ssim_results_t *res, thread_state_t *ts, int threads)
{
    ssim_event_log_t *logs = ssim_malloc((size_t)threads, sizeof *logs, "event logs");
    if (!logs)
        return SSIM_ENOMEM;
    for (int i = 0; i < threads; i++)
        logs[i] = ts[i].log; /* shallow: ts keeps ownership */
    ssim_status_t st = ssim_results_set_events(res, logs, (size_t)threads);
    free(logs);
    return st;
}

ssim_status_t ssim_run_trials(const ssim_model_type_t *model, const ssim_model_ctx_t *ctx,
                              ssim_results_t *res, const ssim_run_opts_t *opts,
                              ssim_run_stats_t *stats)
{
    int threads = opts->threads > 0 ? opts->threads : omp_get_max_threads();
    thread_state_t *ts = NULL;
    ssim_status_t st = model->results_prepare ? model->results_prepare(ctx, res) : SSIM_OK;
    if (st == SSIM_OK)
        st = alloc_threads(model, ctx, res, threads, &ts);
    if (st != SSIM_OK)
        return st;
    uint64_t T = res->n_trials, B = res->block, n_blocks = (T + B - 1) / B;
    uint64_t batch = (uint64_t)threads; /* blocks */
    ssim_progress_t progress;
    ssim_progress_start(&progress, "trials", T);
    double start = ssim_now();
    for (uint64_t first = 0, last = 0; first < n_blocks && st == SSIM_OK; first = last) {
        last = first + batch < n_blocks ? first + batch : n_blocks;
        double t0 = ssim_now();
        run_batch(model, ctx, res, ts, threads, first, last);
        /* Grow short batches (cheap trials): fewer parallel regions and barriers,
         * still a progress report (and a check for a stop request) at least every
         * half second once trials are short.  The batch size never changes which
         * trial writes which row. */
        if (ssim_now() - t0 < 0.25 && batch < n_blocks)
            batch *= 2;
        uint64_t done = last * B < T ? last * B : T;
        st = check_threads(model, ts, threads);
        if (st == SSIM_OK && stop_requested)
            st = ssim_error(SSIM_EINTR, SSIM_LOC_NONE, "interrupted after %llu of %llu trials; "
                            "nothing written", (unsigned long long)done, (unsigned long long)T);
        if (opts->progress)
            ssim_progress_update(&progress, done);
    }
    stats->elapsed = ssim_now() - start;
    stats->threads = threads;
    if (st == SSIM_OK) {
        if (opts->progress)
            ssim_progress_finish(&progress, T);
        for (int i = 0; i < threads; i++)
            ssim_op_accum_add(&res->ops, &ts[i].acc, res->n_operators);
        stats->events = 0;
        for (uint64_t t = 0; t < T; t++)
            stats->events += res->events[t];
        st = ssim_results_summarize(res, threads);
    }
    if (st == SSIM_OK && ctx->sc->output.events)
        st = merge_events(res, ts, threads);
    free_threads(model, ts, threads);
    return st;
}
