#include "run/run.h"

#include "core/alloc.h"
#include "core/log.h"
#include "core/threads.h"

#include <omp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

int ssim_run_default_threads(void) { return omp_get_max_threads(); }

static volatile sig_atomic_t stop_requested;

void ssim_run_request_stop(void) { stop_requested = 1; }
int ssim_run_stop_requested(void) { return stop_requested != 0; }
void ssim_run_reset_stop(void) { stop_requested = 0; }

/* Per-thread state, allocated before the loop. */
typedef struct {
    void *ws;
    ssim_op_accum_t acc;
    ssim_event_log_t log; /* used when output.events is on (acc.log points here) */
    void *scratch;        /* the folded values of a trial's row (lean storage), or NULL;
                             all zeros between trials (ssim_results_fold_take) */
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

/* One thread's state: the model's workspace, accumulators, scratch row. */
static ssim_status_t alloc_thread(const ssim_model_type_t *model, const ssim_model_ctx_t *ctx,
                                  const ssim_results_t *res, thread_state_t *t)
{
    ssim_status_t st = model->workspace_alloc(ctx, &t->ws);
    if (st == SSIM_OK && res->ops.n_compromised) /* else the model skips its counts */
        st = ssim_op_accum_init(&t->acc, res->n_operators);
    if (ctx->sc->output.events)
        t->acc.log = &t->log;
    size_t scratch = res->scratch_bytes;
    if (st == SSIM_OK && scratch && !(t->scratch = ssim_calloc(1, scratch, "scratch row")))
        st = SSIM_ENOMEM;
    return st;
}

/* Every thread's state.  The first thread's is measured (the allocator's
 * count of bytes) and the memory cap checked for n of them before the
 * others are allocated, so a run whose workspaces cannot fit is refused at
 * once (issue 18, defect 7). */
static ssim_status_t alloc_threads(const ssim_model_type_t *model, const ssim_model_ctx_t *ctx,
                                   const ssim_results_t *res, int n, thread_state_t **out)
{
    thread_state_t *ts = ssim_calloc((size_t)n, sizeof *ts, "thread states");
    if (!ts)
        return SSIM_ENOMEM;
    uint64_t before = ssim_alloc_bytes();
    ssim_status_t st = alloc_thread(model, ctx, res, &ts[0]);
    if (st == SSIM_OK)
        st = ssim_results_check_room(res, n, ssim_alloc_bytes() - before);
    for (int i = 1; i < n && st == SSIM_OK; i++)
        st = alloc_thread(model, ctx, res, &ts[i]);
    if (st != SSIM_OK) {
        free_threads(model, ts, n);
        return st;
    }
    *out = ts;
    return SSIM_OK;
}

/* Every block of trials in one parallel loop (OpenMP; the summaries in
 * results/ are the only other parallel region).  A block is the
 * ssim_results_block(T) trials whose folded values lean storage sums
 * together: one thread runs a whole block, in trial order.  Threads take
 * chunks of blocks dynamically (a 32nd of a thread's share, 1 to 256 trials,
 * at least one block: small enough to balance the load at the end, large
 * enough that cheap trials do not queue on the scheduler's counter, nor write
 * per-trial values into cache lines another thread is writing).  There is no
 * barrier before the end: a thread that finishes a block takes the next, so
 * trials of very different costs (a cascade that dies out next to one that
 * reaches the whole network) leave no thread waiting.
 * After each block, the thread that gets the progress lock (never waiting for
 * it) reports progress; a stop request or a failed trial makes every thread
 * skip the blocks left, so the loop ends within one block per thread. */
typedef struct {
    uint64_t done;             /* trials finished (atomic) */
    int abort;                 /* a trial failed or a stop was requested (atomic) */
    omp_lock_t lock;           /* held while reporting progress */
    ssim_progress_t *progress; /* or NULL */
} loop_state_t;

static void run_blocks(const ssim_model_type_t *model, const ssim_model_ctx_t *ctx,
                       ssim_results_t *res, thread_state_t *ts, int threads, loop_state_t *L,
                       uint64_t first, uint64_t last)
{
    uint64_t B = res->block, T = res->n_trials, n_blocks = last - first;
    uint64_t share = n_blocks / ((uint64_t)threads * 32);
    uint64_t most = 256 / B > 1 ? 256 / B : 1;
    int chunk = share < 1 ? 1 : share > most ? (int)most : (int)share;
#pragma omp parallel for num_threads(threads) schedule(dynamic, chunk)
    for (uint64_t b = first; b < last; b++) {
        thread_state_t *mine = &ts[omp_get_thread_num()];
        int abort;
#pragma omp atomic read
        abort = L->abort;
        if (abort)
            continue;
        uint64_t t = b * B, end = (b + 1) * B < T ? (b + 1) * B : T;
        ssim_trial_row_t row;
        ssim_results_row_begin(res, mine->scratch, &row);
        for (; t < end; t++) {
            ssim_results_row_seek(res, t, &row);
            ssim_status_t st = model->trial(ctx, mine->ws, t, &row, &mine->acc);
            if (st != SSIM_OK) {
                mine->status = st;
                mine->failed_trial = t;
#pragma omp atomic write
                L->abort = 1;
                break;
            }
            ssim_results_fold_take(res, t, &row); /* lean storage: clears the scratch */
        }
        if (stop_requested) {
#pragma omp atomic write
            L->abort = 1;
        }
        uint64_t done;
#pragma omp atomic capture
        done = L->done += end - b * B;
        if (L->progress && omp_test_lock(&L->lock)) {
            ssim_progress_update(L->progress, done);
            omp_unset_lock(&L->lock);
        }
    }
}

/* First failure in thread order (deterministic message for a given failure). */
static ssim_status_t check_threads(const ssim_model_type_t *model, thread_state_t *ts, int n)
{
    for (int i = 0; i < n; i++)
        if (ts[i].status != SSIM_OK)
            return ssim_error(ts[i].status, SSIM_LOC_NONE, "trial %llu failed: %s",
                              (unsigned long long)ts[i].failed_trial, model->last_error(ts[i].ws));
    return SSIM_OK;
}

/* The per-thread event logs, merged in trial order with the results' own
 * rows; the logs are emptied. */
static ssim_status_t merge_events(ssim_results_t *res, thread_state_t *ts, int threads)
{
    ssim_event_log_t *logs = ssim_malloc((size_t)threads, sizeof *logs, "event logs");
    if (!logs)
        return SSIM_ENOMEM;
    for (int i = 0; i < threads; i++)
        logs[i] = ts[i].log; /* shallow: ts keeps ownership */
    ssim_status_t st = ssim_results_add_events(res, logs, (size_t)threads);
    free(logs);
    for (int i = 0; i < threads; i++)
        ts[i].log.n = 0;
    return st;
}

/* Every thread's per-operator counts added into res's, and set back to 0. */
static void merge_counts(ssim_results_t *res, thread_state_t *ts, int threads)
{
    for (int i = 0; i < threads; i++) {
        ssim_op_accum_t *a = &ts[i].acc;
        ssim_op_accum_add(&res->ops, a, res->n_operators);
        if (a->n_compromised) {
            memset(a->n_compromised, 0, res->n_operators * sizeof *a->n_compromised);
            memset(a->n_out, 0, res->n_operators * sizeof *a->n_out);
            memset(a->outage_ms, 0, res->n_operators * sizeof *a->outage_ms);
        }
    }
}

uint64_t ssim_run_n_blocks(const ssim_results_t *res)
{
    return (res->n_trials + res->block - 1) / res->block;
}

ssim_status_t ssim_run_prepare(const ssim_model_type_t *model, const ssim_model_ctx_t *ctx,
                               ssim_results_t *res)
{
    return model->results_prepare ? model->results_prepare(ctx, res) : SSIM_OK;
}

/* Trials in blocks [first, end) of res. */
static uint64_t trials_in(const ssim_results_t *res, uint64_t first, uint64_t end)
{
    uint64_t a = first * res->block, b = end * res->block;
    return (b < res->n_trials ? b : res->n_trials) - (a < res->n_trials ? a : res->n_trials);
}

/* The segments of a checkpointed part: the first of 2 blocks per thread,
 * then doubled while a segment takes less than a quarter of the interval
 * (at most 30 s), so the pauses between segments stay rare without
 * delaying a save much.  The segment length changes nothing in the
 * results. */
static uint64_t next_segment(uint64_t seg, double took, const ssim_run_checkpoint_t *cp)
{
    double target = cp->every_seconds / 4;
    if (target > 30)
        target = 30;
    return took < target / 2 ? 2 * seg : seg;
}

ssim_status_t ssim_run_part(const ssim_model_type_t *model, const ssim_model_ctx_t *ctx,
                            ssim_results_t *res, uint64_t first, uint64_t end,
                            const ssim_run_opts_t *opts, ssim_run_stats_t *stats)
{
    int threads = opts->threads > 0 ? opts->threads : omp_get_max_threads();
    const ssim_run_checkpoint_t *cp = opts->checkpoint;
    uint64_t nb = ssim_run_n_blocks(res);
    if (end > nb)
        end = nb;
    if (first > end)
        first = end;
    thread_state_t *ts = NULL;
    ssim_status_t st = alloc_threads(model, ctx, res, threads, &ts);
    if (st != SSIM_OK)
        return st;
    uint64_t T = trials_in(res, first, end);
    ssim_progress_t progress;
    ssim_progress_start(&progress, "trials", T);
    loop_state_t L = {.progress = opts->progress ? &progress : NULL};
    omp_init_lock(&L.lock);
    double start = ssim_now(), saved = start;
    uint64_t seg = cp ? 2 * (uint64_t)threads : end - first, done = first;
    ssim_threads_guard_enter(threads); /* a refused thread: exit 3, not libgomp's exit 1 */
    while (st == SSIM_OK && done < end) {
        uint64_t stop = end - done > seg ? done + seg : end;
        double t0 = ssim_now();
        run_blocks(model, ctx, res, ts, threads, &L, done, stop);
        st = check_threads(model, ts, threads);
        if (st != SSIM_OK || stop_requested)
            break;
        if (cp) { /* the segment is complete: into res, then maybe a save */
            merge_counts(res, ts, threads);
            if (ctx->sc->output.events)
                st = merge_events(res, ts, threads);
            seg = next_segment(seg, ssim_now() - t0, cp);
        }
        done = stop;
        if (st == SSIM_OK && cp && done < end && ssim_now() - saved >= cp->every_seconds) {
            st = cp->save(cp->arg, res, done);
            saved = ssim_now();
        }
    }
    ssim_threads_guard_leave();
    omp_destroy_lock(&L.lock);
    if (st == SSIM_OK && stop_requested) {
        if (cp)
            st = cp->save(cp->arg, res, done);
        if (st == SSIM_OK)
            st = ssim_error(SSIM_EINTR, SSIM_LOC_NONE, "interrupted after %llu of %llu trials%s",
                            (unsigned long long)(cp ? trials_in(res, first, done) : L.done),
                            (unsigned long long)T,
                            cp ? "; the checkpoint keeps them" : "; nothing written");
    }
    stats->elapsed = ssim_now() - start;
    stats->threads = threads;
    stats->events = 0;
    if (st == SSIM_OK) {
        if (opts->progress)
            ssim_progress_finish(&progress, T);
        if (!cp) {
            merge_counts(res, ts, threads);
            if (ctx->sc->output.events)
                st = merge_events(res, ts, threads);
        }
        const uint32_t *events = res->col[SSIM_COL_EVENTS].data;
        uint64_t t1 = first * res->block + T;
        for (uint64_t t = first * res->block; t < t1; t++)
            stats->events += events[t];
    }
    free_threads(model, ts, threads);
    return st;
}

ssim_status_t ssim_run_finish(ssim_results_t *res, int threads)
{
    if (threads <= 0)
        threads = omp_get_max_threads();
    ssim_status_t st = ssim_results_summarize(res, threads);
    if (st == SSIM_OK && stop_requested)
        st = ssim_error(SSIM_EINTR, SSIM_LOC_NONE,
                        "interrupted after the trial loop; nothing written");
    return st;
}

ssim_status_t ssim_run_trials(const ssim_model_type_t *model, const ssim_model_ctx_t *ctx,
                              ssim_results_t *res, const ssim_run_opts_t *opts,
                              ssim_run_stats_t *stats)
{
    ssim_status_t st = ssim_run_prepare(model, ctx, res);
    if (st == SSIM_OK)
        st = ssim_run_part(model, ctx, res, 0, ssim_run_n_blocks(res), opts, stats);
    if (st == SSIM_OK)
        st = ssim_run_finish(res, stats->threads);
    return st;
}
