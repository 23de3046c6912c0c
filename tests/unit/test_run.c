/* The trial loop (run/run.c) with a mock model: every trial runs exactly once
 * and writes its own row, at 1, 2 and 3 threads, in full and lean storage and
 * with trial counts on both sides of a block size; a failing trial stops the
 * run with the failing trial's number in the message, at any thread count
 * (one thread runs no trial after it).  Split runs (results/part.h): parts
 * run in any order into fresh results, taken and put back into one, give the
 * whole run's hash, summaries and counts; so do checkpointed segments; a part
 * of another layout or range is refused. */
#include "check.h"

#include "core/status.h"
#include "core/vocab.h"
#include "results/part.h"
#include "run/run.h"
#include "scenario/scenario.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_TRIALS = 5000, N_OPS = 3 };

static int runs[MAX_TRIALS]; /* times each trial ran (atomic) */
static uint64_t fail_at = UINT64_MAX;

static ssim_status_t mock_alloc(const ssim_model_ctx_t *ctx, void **ws)
{
    (void)ctx;
    *ws = malloc(1);
    return *ws ? SSIM_OK : SSIM_ENOMEM;
}

static ssim_status_t mock_trial(const ssim_model_ctx_t *ctx, void *ws, uint64_t t,
                                ssim_trial_row_t *row, ssim_op_accum_t *acc)
{
    (void)ctx;
    (void)ws;
#pragma omp atomic
    runs[t]++;
    int32_t *folded = ssim_row_i32(row, SSIM_COL_OPERATORS_COMPROMISED);
    if (folded) /* a folded column: block sums in lean storage */
        *folded = (int32_t)(t % 5);
    if (acc->n_compromised) /* per-operator counts */
        acc->n_compromised[t % N_OPS]++;
    *ssim_row_f64(row, SSIM_COL_PEOPLE_HOURS) = (double)t;
    ssim_row_f64(row, SSIM_COL_SECTOR_SERVICE)[t % 3] = 1.0;
    *ssim_row_i32(row, SSIM_COL_OPERATORS_OUT) = (int32_t)(t % 7);
    *ssim_row_u32(row, SSIM_COL_EVENTS) = (uint32_t)(t % 11);
    return t == fail_at ? SSIM_EINTERNAL : SSIM_OK;
}

static const char *mock_error(const void *ws)
{
    (void)ws;
    return "mock failure";
}

static const ssim_model_type_t mock = {
    .name = "mock",
    .description = "writes its trial number",
    .workspace_alloc = mock_alloc,
    .workspace_free = free,
    .trial = mock_trial,
    .last_error = mock_error,
};

/* Run T trials; the status, and the row checks into *rows_ok. */
static ssim_status_t run(uint64_t T, int threads, int flags, int *rows_ok, uint64_t *events)
{
    static ssim_scenario_t sc; /* only output.events is read: off */
    ssim_model_ctx_t ctx = {.sc = &sc};
    ssim_results_t res;
    memset(runs, 0, sizeof runs);
    if (ssim_results_init(&res, T, (size_t)ssim_vocab_sector.n, N_OPS, 24, 6, flags) != SSIM_OK)
        return SSIM_ENOMEM;
    ssim_run_opts_t opts = {.threads = threads};
    ssim_run_stats_t stats = {0};
    ssim_status_t st = ssim_run_trials(&mock, &ctx, &res, &opts, &stats);
    *rows_ok = 1;
    *events = stats.events;
    for (uint64_t t = 0; st == SSIM_OK && t < T; t++)
        *rows_ok &=
            runs[t] == 1 && ssim_results_f64(&res, SSIM_COL_PEOPLE_HOURS)[t] == (double)t &&
            ssim_results_i32(&res, SSIM_COL_OPERATORS_OUT)[t] == (int32_t)(t % 7) &&
            ssim_results_f64(&res, SSIM_COL_SECTOR_SERVICE)[t * res.n_sectors + t % 3] == 1.0;
    ssim_results_destroy(&res);
    return st;
}

/* Compare two finished results: hash, every summary and mean, the counts. */
static int same_results(const ssim_results_t *a, const ssim_results_t *b)
{
    int same = a->verification == b->verification && a->n_cols == b->n_cols;
    for (size_t c = 0; same && c < a->n_cols; c++) {
        const ssim_col_t *x = &a->col[c], *y = &b->col[c];
        if (x->stats)
            same &= memcmp(x->stats, y->stats, x->width * sizeof *x->stats) == 0;
        if (x->mean)
            same &= memcmp(x->mean, y->mean, x->width * sizeof *x->mean) == 0;
    }
    for (size_t o = 0; same && o < N_OPS; o++)
        same &= a->ops.n_compromised[o] == b->ops.n_compromised[o];
    return same;
}

static ssim_scenario_t plain_sc; /* only output.events is read: off */

static ssim_status_t save_count(void *arg, const ssim_results_t *res, uint64_t done)
{
    (void)res;
    uint64_t *last = arg;
    CHECK(done > *last); /* every save holds more finished blocks */
    *last = done;
    return SSIM_OK;
}

/* The whole run, then n parts run in reverse order into fresh results and
 * put back into one: the same results. */
static void check_parts(uint64_t T, int flags, int n, int threads)
{
    ssim_model_ctx_t ctx = {.sc = &plain_sc};
    ssim_run_opts_t opts = {.threads = threads};
    ssim_run_stats_t stats = {0};
    ssim_results_t whole, merged;
    CHECK_EQ_INT(ssim_results_init(&whole, T, (size_t)ssim_vocab_sector.n, N_OPS, 24, 6, flags),
                 SSIM_OK);
    CHECK_EQ_INT(ssim_run_trials(&mock, &ctx, &whole, &opts, &stats), SSIM_OK);
    CHECK_EQ_INT(ssim_results_init(&merged, T, (size_t)ssim_vocab_sector.n, N_OPS, 24, 6, flags),
                 SSIM_OK);
    CHECK_EQ_INT(ssim_run_prepare(&mock, &ctx, &merged), SSIM_OK);
    uint64_t nb = ssim_run_n_blocks(&whole);
    for (int k = n - 1; k >= 0; k--) {
        ssim_results_t part;
        ssim_results_part_t p;
        uint64_t first = (uint64_t)k * nb / (uint64_t)n, end = (uint64_t)(k + 1) * nb / (uint64_t)n;
        CHECK_EQ_INT(ssim_results_init(&part, T, (size_t)ssim_vocab_sector.n, N_OPS, 24, 6, flags),
                     SSIM_OK);
        /* odd parts with a checkpoint after every segment */
        uint64_t last = first;
        ssim_run_checkpoint_t cp = {0, save_count, &last};
        ssim_run_opts_t o = opts;
        o.checkpoint = k % 2 ? &cp : NULL;
        CHECK_EQ_INT(ssim_run_part(&mock, &ctx, &part, first, end, &o, &stats), SSIM_OK);
        CHECK_EQ_INT(ssim_results_part_take(&part, first, end, &p), SSIM_OK);
        CHECK_EQ_INT(ssim_results_part_put(&merged, &p, "part"), SSIM_OK);
        ssim_results_part_destroy(&p);
        ssim_results_destroy(&part);
    }
    CHECK_EQ_INT(ssim_run_finish(&merged, threads), SSIM_OK);
    CHECK(same_results(&whole, &merged));
    ssim_results_destroy(&merged);

    /* a part of another layout (the other storage) or outside the run: refused */
    ssim_results_t other;
    ssim_results_part_t p;
    CHECK_EQ_INT(ssim_results_init(&other, T, (size_t)ssim_vocab_sector.n, N_OPS, 24, 6,
                                   flags ^ SSIM_RESULTS_LEAN),
                 SSIM_OK);
    CHECK_EQ_INT(ssim_results_part_take(&whole, 0, nb, &p), SSIM_OK);
    ssim_error_capture(NULL, 0);
    char msg[256];
    ssim_error_capture(msg, sizeof msg);
    CHECK_EQ_INT(ssim_results_part_put(&other, &p, "x"), SSIM_EINVAL);
    CHECK(strstr(msg, "layout") != NULL);
    p.end = nb + 1;
    CHECK_EQ_INT(ssim_results_part_put(&whole, &p, "x"), SSIM_EINVAL);
    ssim_error_capture(NULL, 0);
    ssim_results_part_destroy(&p);
    ssim_results_destroy(&other);
    ssim_results_destroy(&whole);
}

int main(void)
{
    for (int lean = 0; lean <= 1; lean++)
        for (int n = 1; n <= 7; n += 3) {
            check_parts(4999, lean ? SSIM_RESULTS_LEAN : 0, n, 1 + n % 3);
            check_parts(7, lean ? SSIM_RESULTS_LEAN : 0, n, 2);
        }

    static const uint64_t counts[] = {1, 7, 2047, 2048, 4999};
    int rows_ok;
    uint64_t events;
    for (int threads = 1; threads <= 3; threads++)
        for (size_t i = 0; i < sizeof counts / sizeof *counts; i++)
            for (int lean = 0; lean <= 1; lean++) {
                uint64_t T = counts[i], want = 0;
                for (uint64_t t = 0; t < T; t++)
                    want += t % 11;
                ssim_status_t st = run(T, threads, lean ? SSIM_RESULTS_LEAN : 0, &rows_ok, &events);
                CHECK_EQ_INT(st, SSIM_OK);
                CHECK(rows_ok);
                CHECK(events == want);
            }

    /* A failure stops the run and names its trial, whichever thread ran it. */
    char msg[256];
    for (int threads = 1; threads <= 3; threads++) {
        fail_at = 1234;
        ssim_error_capture(msg, sizeof msg);
        ssim_status_t st = run(4999, threads, SSIM_RESULTS_LEAN, &rows_ok, &events);
        ssim_error_capture(NULL, 0);
        CHECK_EQ_INT(st, SSIM_EINTERNAL);
        CHECK(strstr(msg, "trial 1234 failed: mock failure") != NULL);
        CHECK_EQ_INT(runs[1234], 1);
        /* One thread stops right after the failing trial (blocks of 4 trials).
         * With more, how far the others got is a matter of timing: their
         * count is not checked. */
        if (threads == 1) {
            int ran = 0;
            for (int t = 0; t < 4999; t++)
                ran += runs[t];
            CHECK_EQ_INT(ran, 1235); /* trials 0 .. 1234 */
        }
    }
    fail_at = UINT64_MAX;
    return check_report("test_run");
}
