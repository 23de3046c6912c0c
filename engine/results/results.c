#include "results/results.h"

#include "core/alloc.h"
#include "core/rng.h"
#include "core/vocab.h"
#include "results/order.h"

#include <math.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const double ssim_quantile_levels[SSIM_N_QUANTILES] = {0.5, 0.75, 0.9, 0.95, 0.99, 0.999};
const double ssim_exceedance_probs[SSIM_N_EXCEEDANCE] = {0.5,   0.2,   0.1,    0.05,  0.02,
                                                          0.01,  0.005, 0.002, 0.001, 0.0001};

size_t ssim_results_n_steps(double horizon_hours, double step_hours)
{
    double k = ceil(horizon_hours / step_hours - 1e-9);
    return k < 1 ? 1 : (size_t)k;
}

int ssim_results_flags(int per_trial, int time_series, int per_operator)
{
    return (time_series ? SSIM_RESULTS_TIME_SERIES : 0) | (per_trial ? 0 : SSIM_RESULTS_LEAN) |
           (per_operator ? 0 : SSIM_RESULTS_NO_OPERATORS);
}

uint64_t ssim_results_block(uint64_t n_trials)
{
    uint64_t b = 1;
    while (b < 64 && 2 * b * 1024 <= n_trials)
        b *= 2;
    return b;
}

/* Doubles per block of folded sums: max_sectors_out >= 2, suppliers and
 * operators compromised, sector_compromised (S), sector_out (S),
 * pref_customer_hours (P), econ_impact (N), econ_peak (N), in that order
 * (fold_add). */
static size_t fold_width(size_t S, size_t N) { return 3 + 2 * S + SSIM_N_PREFECTURES + 2 * N; }

static uint64_t n_blocks(uint64_t n_trials, uint64_t block) { return (n_trials + block - 1) / block; }

uint64_t ssim_results_bytes(uint64_t n_trials, size_t n_sectors, size_t n_operators,
                            size_t n_steps, int flags)
{
    uint64_t per_trial, folded = 0;
    if (flags & SSIM_RESULTS_LEAN) {
        per_trial = 2 * sizeof(double) + 2 * sizeof(int32_t) + n_sectors * sizeof(double);
        folded = n_blocks(n_trials, ssim_results_block(n_trials)) * fold_width(n_sectors, 0) *
                 sizeof(double);
    } else {
        per_trial = 2 * sizeof(double) + 4 * sizeof(int32_t) + sizeof(uint32_t) +
                    n_sectors * (sizeof(double) + 2 * sizeof(int32_t)) +
                    SSIM_N_PREFECTURES * sizeof(double);
    }
    if (flags & SSIM_RESULTS_TIME_SERIES)
        per_trial += (uint64_t)n_steps * n_sectors * sizeof(float);
    uint64_t per_op = flags & SSIM_RESULTS_NO_OPERATORS ? 0 : 2 * sizeof(uint32_t) + sizeof(uint64_t);
    return n_trials * per_trial + folded + n_operators * per_op;
}

/* (Re)allocate the folded sums of lean storage for the current width
 * (zeroed); SSIM_ENOMEM on failure. */
static ssim_status_t fold_alloc(ssim_results_t *r)
{
    r->fold_width = fold_width(r->n_sectors, r->econ_n);
    if (!r->lean)
        return SSIM_OK;
    free(r->fold);
    r->fold = ssim_calloc_huge(n_blocks(r->n_trials, r->block) * r->fold_width, sizeof *r->fold,
                               "folded sums");
    return r->fold ? SSIM_OK : SSIM_ENOMEM;
}

/* Memory cap for result storage: 80% of physical memory. */
static uint64_t memory_cap(void)
{
    long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGE_SIZE);
    if (pages <= 0 || page <= 0)
        return UINT64_MAX;
    return (uint64_t)pages * (uint64_t)page / 5 * 4;
}

ssim_status_t ssim_op_accum_init(ssim_op_accum_t *a, size_t n_operators)
{
    a->n_compromised = ssim_calloc(n_operators, sizeof *a->n_compromised, "operator counts");
    a->n_out = ssim_calloc(n_operators, sizeof *a->n_out, "operator counts");
    a->outage_ms = ssim_calloc(n_operators, sizeof *a->outage_ms, "operator outage sums");
    a->outage_ms_per_out = 0;
    if (!a->n_compromised || !a->n_out || !a->outage_ms) {
        ssim_op_accum_destroy(a);
        return SSIM_ENOMEM;
    }
    return SSIM_OK;
}

void ssim_op_accum_add(ssim_op_accum_t *into, const ssim_op_accum_t *from, size_t n_operators)
{
    if (!into->n_compromised || !from->n_compromised)
        return; /* SSIM_RESULTS_NO_OPERATORS */
    for (size_t i = 0; i < n_operators; i++) {
        into->n_compromised[i] += from->n_compromised[i];
        into->n_out[i] += from->n_out[i];
        into->outage_ms[i] +=
            from->outage_ms[i] + (uint64_t)from->n_out[i] * from->outage_ms_per_out;
    }
}

void ssim_op_accum_destroy(ssim_op_accum_t *a)
{
    if (!a)
        return;
    free(a->n_compromised);
    free(a->n_out);
    free(a->outage_ms);
    memset(a, 0, sizeof *a);
}

ssim_status_t ssim_results_init(ssim_results_t *r, uint64_t n_trials, size_t n_sectors,
                                size_t n_operators, double horizon_hours, double step_hours,
                                int flags)
{
    memset(r, 0, sizeof *r);
    int keep_time_series = (flags & SSIM_RESULTS_TIME_SERIES) != 0;
    size_t K = ssim_results_n_steps(horizon_hours, step_hours);
    uint64_t need = ssim_results_bytes(n_trials, n_sectors, n_operators, K, flags);
    uint64_t cap = memory_cap();
    if (need > cap)
        return ssim_error(SSIM_ENOMEM, SSIM_LOC_NONE,
                          "result storage needs %.1f GiB, over the cap of %.1f GiB (80%% of "
                          "memory): use fewer trials, turn off output.time_series%s",
                          (double)need / (1 << 30), (double)cap / (1 << 30),
                          flags & SSIM_RESULTS_LEAN ? "" : " or output.per_trial (--summary-only)");
    r->n_trials = n_trials;
    r->n_sectors = n_sectors;
    r->n_steps = K;
    r->n_operators = n_operators;
    r->step_hours = step_hours;
    r->horizon_hours = horizon_hours;
    r->keep_time_series = keep_time_series;
    r->lean = (flags & SSIM_RESULTS_LEAN) != 0;
    r->block = ssim_results_block(n_trials);
    size_t T = (size_t)n_trials, S = n_sectors, P = SSIM_N_PREFECTURES;
    int ok = 1;
#define ALLOC(field, count)                                                                        \
    ok &= (r->field = ssim_calloc_huge((count), sizeof *r->field, #field)) != NULL
    ALLOC(customer_hours, T);
    ALLOC(peak_customers_out, T);
    ALLOC(operators_out, T);
    ALLOC(events, T);
    ALLOC(sector_customer_hours, T * S);
    if (!r->lean) {
        ALLOC(max_sectors_out, T);
        ALLOC(suppliers_compromised, T);
        ALLOC(operators_compromised, T);
        ALLOC(sector_compromised, T * S);
        ALLOC(sector_out, T * S);
        ALLOC(pref_customer_hours, T * P);
    }
    ALLOC(sector, S);
    ALLOC(pref_mean, P);
    ALLOC(sector_compromised_mean, S);
    ALLOC(sector_out_mean, S);
    if (keep_time_series) {
        ALLOC(time_series, T * K * S);
        ALLOC(ts_mean, K * S);
        ALLOC(ts_p05, K * S);
        ALLOC(ts_p50, K * S);
        ALLOC(ts_p95, K * S);
    }
#undef ALLOC
    if (!ok || fold_alloc(r) != SSIM_OK ||
        (!(flags & SSIM_RESULTS_NO_OPERATORS) && ssim_op_accum_init(&r->ops, n_operators) != SSIM_OK)) {
        ssim_results_destroy(r);
        return SSIM_ENOMEM;
    }
    return SSIM_OK;
}

/* Bytes of r's storage without the economic layer (ssim_results_bytes). */
static uint64_t storage_bytes(const ssim_results_t *r)
{
    int flags = (r->time_series ? SSIM_RESULTS_TIME_SERIES : 0) | (r->lean ? SSIM_RESULTS_LEAN : 0) |
                (r->ops.n_compromised ? 0 : SSIM_RESULTS_NO_OPERATORS);
    return ssim_results_bytes(r->n_trials, r->n_sectors, r->n_operators, r->n_steps, flags);
}

/* Bytes the economic layer of n IO sectors adds to r: per trial the loss,
 * n sector losses and, in full storage, n impacts and peaks (lean storage:
 * 2 n block sums per block), and the time series when kept. */
static uint64_t econ_bytes(const ssim_results_t *r, size_t n)
{
    uint64_t T = r->n_trials, K = r->n_steps;
    uint64_t per_trial = sizeof(double) * (1 + (r->lean ? 1 : 3) * n) +
                         (r->time_series ? K * n * sizeof(float) : 0);
    return T * per_trial + (r->lean ? n_blocks(T, r->block) * 2 * n * sizeof(double) : 0);
}

/* Release the economic storage (names included) and zero its fields. */
static void econ_destroy(ssim_results_t *r)
{
    for (size_t j = 0; r->econ_names && j < r->econ_n; j++)
        free(r->econ_names[j]);
    free(r->econ_names);
    free(r->econ_x_per_hour);
    free(r->econ_k);
    free(r->econ_loss);
    free(r->econ_sector_loss);
    free(r->econ_impact);
    free(r->econ_peak);
    free(r->econ_q);
    free(r->econ_sector);
    free(r->econ_impact_mean);
    free(r->econ_q_mean);
    r->econ_n = 0;
    r->econ_names = NULL;
    r->econ_x_per_hour = r->econ_k = r->econ_loss = r->econ_sector_loss = NULL;
    r->econ_impact = r->econ_peak = r->econ_impact_mean = r->econ_q_mean = NULL;
    r->econ_q = NULL;
    r->econ_sector = NULL;
    memset(&r->econ_total, 0, sizeof r->econ_total);
}

ssim_status_t ssim_results_econ_init(ssim_results_t *r, size_t n, const char *const *names,
                                     const double *x_per_hour, const double *k)
{
    econ_destroy(r);
    size_t T = (size_t)r->n_trials, keep = r->time_series != NULL;
    uint64_t base = storage_bytes(r), need = econ_bytes(r, n), cap = memory_cap();
    if (base + need > cap)
        return ssim_error(SSIM_ENOMEM, SSIM_LOC_NONE,
                          "result storage with the economic layer needs %.1f GiB, over the cap "
                          "of %.1f GiB (80%% of memory): use fewer trials, turn off "
                          "output.time_series%s",
                          (double)(base + need) / (1 << 30), (double)cap / (1 << 30),
                          r->lean ? "" : " or output.per_trial (--summary-only)");
    size_t K = r->n_steps;
    r->econ_n = n;
    int ok = 1;
#define ALLOC(field, count)                                                                        \
    ok &= (r->field = ssim_calloc_huge((count), sizeof *r->field, #field)) != NULL
    ALLOC(econ_names, n);
    ALLOC(econ_k, n);
    if (!r->lean) {
        ALLOC(econ_impact, T * n);
        ALLOC(econ_peak, T * n);
    }
    ALLOC(econ_impact_mean, n);
    if (x_per_hour) {
        ALLOC(econ_x_per_hour, n);
        ALLOC(econ_loss, T);
        ALLOC(econ_sector_loss, T * n);
        ALLOC(econ_sector, n);
    }
    if (keep) {
        ALLOC(econ_q, T * K * n);
        ALLOC(econ_q_mean, K * n);
    }
#undef ALLOC
    for (size_t j = 0; ok && j < n; j++) {
        ok &= (r->econ_names[j] = ssim_strdup(names[j], "IO sector name")) != NULL;
        r->econ_k[j] = k[j];
        if (x_per_hour)
            r->econ_x_per_hour[j] = x_per_hour[j];
    }
    if (!ok || fold_alloc(r) != SSIM_OK) {
        econ_destroy(r);
        return SSIM_ENOMEM;
    }
    return SSIM_OK;
}

void ssim_event_log_add(ssim_event_log_t *log, uint64_t trial, double time, int kind,
                        int32_t source, int32_t target)
{
    if (log->failed)
        return;
    if (log->n == log->cap) {
        size_t cap = log->cap ? 2 * log->cap : 1024;
        ssim_event_rec_t *bigger = realloc(log->rec, cap * sizeof *bigger);
        if (!bigger) {
            log->failed = 1;
            return;
        }
        log->rec = bigger;
        log->cap = cap;
    }
    log->rec[log->n++] = (ssim_event_rec_t){trial, time, source, target, (int8_t)kind};
}

void ssim_event_log_destroy(ssim_event_log_t *log)
{
    if (!log)
        return;
    free(log->rec);
    memset(log, 0, sizeof *log);
}

static void free_events(ssim_results_t *r)
{
    free(r->ev_trial);
    free(r->ev_time);
    free(r->ev_kind);
    free(r->ev_source);
    free(r->ev_target);
    r->ev_trial = NULL;
    r->ev_time = NULL;
    r->ev_kind = NULL;
    r->ev_source = r->ev_target = NULL;
    r->n_event_rows = 0;
}

ssim_status_t ssim_results_set_events(ssim_results_t *r, ssim_event_log_t *logs, size_t n_logs)
{
    free_events(r);
    size_t total = 0;
    for (size_t i = 0; i < n_logs; i++) {
        if (logs[i].failed)
            return ssim_error(SSIM_ENOMEM, SSIM_LOC_NONE, "out of memory growing the event table");
        total += logs[i].n;
    }
    size_t *pos = ssim_calloc(n_logs + 1, sizeof *pos, "event merge");
    int ok = pos != NULL;
#define ALLOC(field) ok &= (r->field = ssim_malloc(total + 1, sizeof *r->field, #field)) != NULL
    ALLOC(ev_trial);
    ALLOC(ev_time);
    ALLOC(ev_kind);
    ALLOC(ev_source);
    ALLOC(ev_target);
#undef ALLOC
    if (!ok) {
        free(pos);
        free_events(r);
        return SSIM_ENOMEM;
    }
    /* k-way merge by trial: each log is already in trial order, and a trial's
     * rows all sit in one log. */
    for (size_t k = 0; k < total; k++) {
        size_t best = n_logs;
        for (size_t i = 0; i < n_logs; i++)
            if (pos[i] < logs[i].n &&
                (best == n_logs || logs[i].rec[pos[i]].trial < logs[best].rec[pos[best]].trial))
                best = i;
        const ssim_event_rec_t *e = &logs[best].rec[pos[best]++];
        r->ev_trial[k] = e->trial;
        r->ev_time[k] = e->time;
        r->ev_kind[k] = e->kind;
        r->ev_source[k] = e->source;
        r->ev_target[k] = e->target;
    }
    r->n_event_rows = total;
    free(pos);
    return SSIM_OK;
}

void ssim_results_destroy(ssim_results_t *r)
{
    if (!r)
        return;
    free_events(r);
    free(r->customer_hours);
    free(r->peak_customers_out);
    free(r->max_sectors_out);
    free(r->suppliers_compromised);
    free(r->operators_compromised);
    free(r->operators_out);
    free(r->events);
    free(r->sector_customer_hours);
    free(r->sector_compromised);
    free(r->sector_out);
    free(r->pref_customer_hours);
    free(r->time_series);
    free(r->fold);
    free(r->sector);
    free(r->pref_mean);
    free(r->sector_compromised_mean);
    free(r->sector_out_mean);
    free(r->ts_mean);
    free(r->ts_p05);
    free(r->ts_p50);
    free(r->ts_p95);
    econ_destroy(r);
    ssim_op_accum_destroy(&r->ops);
    memset(r, 0, sizeof *r);
}

/* The scratch row of lean storage: the folded int32 values (max_sectors_out,
 * suppliers and operators compromised, sector_compromised S, sector_out S),
 * then, from the next multiple of 8 bytes, the doubles (pref_customer_hours
 * P, econ_impact N, econ_peak N). */
static size_t scratch_ints(size_t S) { return (3 + 2 * S + 1) / 2 * 2; }

size_t ssim_results_scratch_bytes(const ssim_results_t *r)
{
    if (!r->lean)
        return 0;
    return scratch_ints(r->n_sectors) * sizeof(int32_t) +
           (SSIM_N_PREFECTURES + 2 * r->econ_n) * sizeof(double);
}

void ssim_results_row(ssim_results_t *r, uint64_t t, void *scratch, ssim_trial_row_t *row)
{
    size_t S = r->n_sectors, K = r->n_steps, N = r->econ_n;
    row->customer_hours = &r->customer_hours[t];
    row->peak_customers_out = &r->peak_customers_out[t];
    row->operators_out = &r->operators_out[t];
    row->events = &r->events[t];
    row->sector_customer_hours = &r->sector_customer_hours[t * S];
    row->time_series = r->time_series ? &r->time_series[t * K * S] : NULL;
    row->econ_loss = r->econ_loss ? &r->econ_loss[t] : NULL;
    row->econ_sector_loss = r->econ_sector_loss ? &r->econ_sector_loss[t * N] : NULL;
    row->econ_q = r->econ_q ? &r->econ_q[t * K * N] : NULL;
    if (!r->lean) {
        row->max_sectors_out = &r->max_sectors_out[t];
        row->suppliers_compromised = &r->suppliers_compromised[t];
        row->operators_compromised = &r->operators_compromised[t];
        row->sector_compromised = &r->sector_compromised[t * S];
        row->sector_out = &r->sector_out[t * S];
        row->pref_customer_hours = &r->pref_customer_hours[t * SSIM_N_PREFECTURES];
        row->econ_impact = r->econ_impact ? &r->econ_impact[t * N] : NULL;
        row->econ_peak = r->econ_peak ? &r->econ_peak[t * N] : NULL;
        return;
    }
    int32_t *i = scratch;
    double *d = scratch ? (double *)(i + scratch_ints(S)) : NULL;
    if (scratch)
        memset(scratch, 0, ssim_results_scratch_bytes(r));
    row->max_sectors_out = i;
    row->suppliers_compromised = i ? i + 1 : NULL;
    row->operators_compromised = i ? i + 2 : NULL;
    row->sector_compromised = i ? i + 3 : NULL;
    row->sector_out = i ? i + 3 + S : NULL;
    row->pref_customer_hours = d;
    row->econ_impact = d && N ? d + SSIM_N_PREFECTURES : NULL;
    row->econ_peak = d && N ? d + SSIM_N_PREFECTURES + N : NULL;
}

/* Add a row's folded values into acc (fold_width(S, N) doubles, the layout
 * of fold_width); econ_impact may be NULL (no economic layer). */
static void fold_add(double *acc, const ssim_trial_row_t *row, size_t S, size_t N)
{
    acc[0] += *row->max_sectors_out >= 2;
    acc[1] += *row->suppliers_compromised;
    acc[2] += *row->operators_compromised;
    double *a = acc + 3;
    for (size_t s = 0; s < S; s++) {
        a[s] += row->sector_compromised[s];
        a[S + s] += row->sector_out[s];
    }
    a += 2 * S;
    for (size_t p = 0; p < SSIM_N_PREFECTURES; p++)
        a[p] += row->pref_customer_hours[p];
    a += SSIM_N_PREFECTURES;
    for (size_t j = 0; row->econ_impact && j < N; j++) {
        a[j] += row->econ_impact[j];
        a[N + j] += row->econ_peak[j];
    }
}

void ssim_results_fold(ssim_results_t *r, uint64_t t, const ssim_trial_row_t *row)
{
    if (r->fold)
        fold_add(&r->fold[t / r->block * r->fold_width], row, r->n_sectors, r->econ_n);
}

/* Workspace of the summaries: `group` gathered columns of T values and a
 * spare column.  Gathering a group of columns of a row-major matrix in one
 * pass reads the matrix from memory once per group; one strided pass per
 * column reads it once per column (a stride of 13 doubles touches every
 * cache line): about 1 against 11 ns a value at 2e6 trials x 13 sectors. */
typedef struct {
    double *cols;  /* length group * T */
    double *spare; /* length T */
    double *fold;  /* length 2 fold_width: a block's folded sums and their total */
    size_t group;  /* columns gathered per pass, >= 1 */
} work_t;

/* Group bounds: past a few dozen columns a pass already reads only the cache
 * lines it needs, and a bigger buffer costs page faults. */
enum { WORK_GROUP_BYTES = 64 << 20, WORK_GROUP_COLUMNS = 64 };

/* Columns to gather at a time, at least 1: r's widest matrix, bounded by
 * WORK_GROUP_COLUMNS, WORK_GROUP_BYTES and each of `threads` workspaces' share
 * of the room the memory cap leaves beside the result storage. */
static size_t work_group(const ssim_results_t *r, int threads)
{
    size_t T = (size_t)r->n_trials, K = r->n_steps, S = r->n_sectors, N = r->econ_n;
    size_t widest = S > 1 ? S : 1;
    if (r->time_series && K * S > widest)
        widest = K * S;
    if (r->econ_sector_loss && N > widest)
        widest = N;
    if (widest > WORK_GROUP_COLUMNS)
        widest = WORK_GROUP_COLUMNS;
    uint64_t used = storage_bytes(r) + econ_bytes(r, N);
    uint64_t cap = memory_cap(), room = (cap > used ? cap - used : 0) / (uint64_t)threads;
    uint64_t bytes = room < WORK_GROUP_BYTES ? room : WORK_GROUP_BYTES;
    uint64_t fit = T ? bytes / (T * sizeof(double)) : widest;
    return fit < 1 ? 1 : fit < widest ? (size_t)fit : widest;
}

/* Allocate a workspace of `group` columns (caller frees w->cols).
 * SSIM_ENOMEM on failure. */
static ssim_status_t work_init(work_t *w, const ssim_results_t *r, size_t group)
{
    size_t T = (size_t)r->n_trials;
    w->group = group;
    w->cols = ssim_malloc((w->group + 1) * T + 2 * r->fold_width + 1, sizeof *w->cols,
                          "summary workspace");
    w->spare = w->cols ? w->cols + w->group * T : NULL;
    w->fold = w->cols ? w->spare + T : NULL;
    return w->cols ? SSIM_OK : SSIM_ENOMEM;
}

/* Copy columns [c0, c0 + g) of the row-major T x C matrix x into dst, one
 * column after another (length g * T). */
static void gather_d(double *dst, const double *x, size_t T, size_t C, size_t c0, size_t g)
{
    for (size_t t = 0; t < T; t++)
        for (size_t k = 0; k < g; k++)
            dst[k * T + t] = x[t * C + c0 + k];
}

/* gather_d for a float matrix (values widened exactly to double). */
static void gather_f(double *dst, const float *x, size_t T, size_t C, size_t c0, size_t g)
{
    for (size_t t = 0; t < T; t++)
        for (size_t k = 0; k < g; k++)
            dst[k * T + t] = x[t * C + c0 + k];
}

/* Summaries of columns [c0, c0 + g) of the row-major T x C matrix x into
 * out[c0..c0 + g), g <= w->group. */
static void summarize_columns(ssim_summary_t *out, const double *x, size_t T, size_t C,
                              size_t c0, size_t g, const work_t *w)
{
    gather_d(w->cols, x, T, C, c0, g);
    for (size_t k = 0; k < g; k++)
        ssim_summary_of_column(&out[c0 + k], w->cols + k * T, T, w->spare);
}

/* Mean and 5/50/95 % quantiles of time-series column ks, gathered in col
 * (length T >= 1, clobbered). */
static void summarize_step(ssim_results_t *r, size_t ks, double *col, size_t T, double *spare)
{
    ssim_order_t o;
    ssim_order_scan(&o, col, T, spare);
    r->ts_mean[ks] = o.sum / (double)T;
    ssim_order_sort(&o, col);
    r->ts_p05[ks] = ssim_order_quantile(&o, 0.05);
    r->ts_p50[ks] = ssim_order_quantile(&o, 0.50);
    r->ts_p95[ks] = ssim_order_quantile(&o, 0.95);
}

/* summarize_step of (step, sector) columns [c0, c0 + g), g <= w->group. */
static void summarize_time_series(ssim_results_t *r, size_t c0, size_t g, const work_t *w)
{
    size_t T = (size_t)r->n_trials, KS = r->n_steps * r->n_sectors;
    gather_f(w->cols, r->time_series, T, KS, c0, g);
    for (size_t k = 0; k < g; k++)
        summarize_step(r, c0 + k, w->cols + k * T, T, w->spare);
}

/* The means of the folded values (pref_mean, sector_compromised_mean,
 * sector_out_mean, suppliers_ and operators_compromised_mean, p_multi_sector,
 * econ_impact_mean): each block's sums (fold_add over its trials in trial
 * order; stored in lean storage, summed from the rows here otherwise), added
 * in block order and divided by T (0 when T == 0).  buf: 2 fold_width. */
static void folded_means(ssim_results_t *r, double *buf)
{
    size_t S = r->n_sectors, N = r->econ_n, F = r->fold_width;
    uint64_t T = r->n_trials, B = r->block;
    double *block = buf, *sum = buf + F;
    memset(sum, 0, F * sizeof *sum);
    for (uint64_t b = 0; b < n_blocks(T, B); b++) {
        if (r->fold) {
            block = &r->fold[b * F];
        } else {
            memset(block, 0, F * sizeof *block);
            ssim_trial_row_t row;
            for (uint64_t t = b * B; t < T && t < (b + 1) * B; t++) {
                ssim_results_row(r, t, NULL, &row);
                fold_add(block, &row, S, N);
            }
        }
        for (size_t f = 0; f < F; f++)
            sum[f] += block[f];
    }
    for (size_t f = 0; f < F; f++)
        sum[f] = T ? sum[f] / (double)T : 0.0;
    r->p_multi_sector = sum[0];
    r->suppliers_compromised_mean = sum[1];
    r->operators_compromised_mean = sum[2];
    const double *m = sum + 3;
    memcpy(r->sector_compromised_mean, m, S * sizeof *m);
    memcpy(r->sector_out_mean, m + S, S * sizeof *m);
    memcpy(r->pref_mean, m + 2 * S, SSIM_N_PREFECTURES * sizeof *m);
    if (N)
        memcpy(r->econ_impact_mean, m + 2 * S + SSIM_N_PREFECTURES, N * sizeof *m);
}

/* Means of the C columns of a row-major T x C float matrix, in double (0
 * when T == 0).  Read row by row, so the matrix streams through the cache
 * once; each column's sum is still taken in trial order. */
static void column_means_f(double *mean, const float *x, size_t T, size_t C)
{
    memset(mean, 0, C * sizeof *mean);
    for (size_t t = 0; t < T; t++)
        for (size_t c = 0; c < C; c++)
            mean[c] += x[t * C + c];
    for (size_t c = 0; T && c < C; c++)
        mean[c] /= (double)T;
}

/* The summaries are cut into jobs, each writing its own fields from columns
 * read in trial order: one group of gathered columns of a matrix, or the
 * means (which stream the rows once); and the verification hash into ranges
 * of trials, whose sums are added (in any order: the same total).  Jobs run
 * on a team of threads, each with its own workspace; a column's summary does
 * not depend on which job or thread computes it, so the results are the same
 * at any thread count. */
typedef enum {
    JOB_SECTOR,      /* sector_customer_hours columns -> sector[] */
    JOB_TIME_SERIES, /* time-series columns -> ts_mean, ts_p05/50/95 */
    JOB_ECON_SECTOR, /* econ_sector_loss columns -> econ_sector[] */
    JOB_TOTAL,       /* customer_hours -> total */
    JOB_PEAK,        /* peak_customers_out -> peak */
    JOB_ECON_TOTAL,  /* econ_loss -> econ_total */
    JOB_MEANS,       /* folded_means, econ_q_mean */
    JOB_HASH,        /* trials [c0, c0 + g): the sum of their row hashes */
} job_kind_t;

typedef struct {
    job_kind_t kind;
    size_t c0, g; /* column range of the grouped kinds; trial range of JOB_HASH */
} job_t;

/* Trials per verification-hash job: enough jobs to share among the threads,
 * few enough that each is long. */
static size_t hash_range(const ssim_results_t *r, int threads)
{
    size_t T = (size_t)r->n_trials, n = 4 * (size_t)threads;
    return T / n + 1;
}

/* Append the jobs of a C-column matrix in groups of `group` columns. */
static size_t add_groups(job_t *jobs, size_t n, job_kind_t kind, size_t C, size_t group)
{
    for (size_t c0 = 0; c0 < C; c0 += group)
        jobs[n++] = (job_t){kind, c0, C - c0 < group ? C - c0 : group};
    return n;
}

/* The jobs of r, longest first (a team takes them in this order); jobs has
 * room for plan_jobs(r, group, range, NULL) entries. */
static size_t plan_jobs(const ssim_results_t *r, size_t group, size_t range, job_t *jobs)
{
    size_t T = (size_t)r->n_trials, S = r->n_sectors, KS = r->n_steps * S, N = r->econ_n;
    if (!jobs)
        return 4 + (S + group - 1) / group + (KS + group - 1) / group + (N + group - 1) / group +
               (T + range - 1) / range;
    size_t n = add_groups(jobs, 0, JOB_HASH, T, range);
    n = add_groups(jobs, n, JOB_SECTOR, S, group);
    if (r->time_series && r->n_trials)
        n = add_groups(jobs, n, JOB_TIME_SERIES, KS, group);
    if (r->econ_loss)
        n = add_groups(jobs, n, JOB_ECON_SECTOR, N, group);
    jobs[n++] = (job_t){JOB_TOTAL, 0, 1};
    jobs[n++] = (job_t){JOB_PEAK, 0, 1};
    if (r->econ_loss)
        jobs[n++] = (job_t){JOB_ECON_TOTAL, 0, 1};
    jobs[n++] = (job_t){JOB_MEANS, 0, 0};
    return n;
}

static uint64_t fold_hash(const ssim_results_t *r, uint64_t b);

/* Sum of the row hashes of trials [first, first + n), and in lean storage of
 * the hashes of the blocks that start among them. */
static uint64_t hash_trials(ssim_results_t *r, uint64_t first, uint64_t n)
{
    uint64_t sum = 0;
    ssim_trial_row_t row;
    for (uint64_t t = first; t < first + n; t++) {
        ssim_results_row(r, t, NULL, &row);
        sum += ssim_results_row_hash(r, &row, t);
        if (r->fold && t % r->block == 0)
            sum += fold_hash(r, t / r->block);
    }
    return sum;
}

/* Run job j; a JOB_HASH job writes its sum to *sum. */
static void run_job(ssim_results_t *r, const job_t *j, const work_t *w, uint64_t *sum)
{
    size_t T = (size_t)r->n_trials, S = r->n_sectors, N = r->econ_n, K = r->n_steps;
    switch (j->kind) {
    case JOB_SECTOR:
        summarize_columns(r->sector, r->sector_customer_hours, T, S, j->c0, j->g, w);
        break;
    case JOB_TIME_SERIES:
        summarize_time_series(r, j->c0, j->g, w);
        break;
    case JOB_ECON_SECTOR:
        summarize_columns(r->econ_sector, r->econ_sector_loss, T, N, j->c0, j->g, w);
        break;
    case JOB_TOTAL:
        summarize_columns(&r->total, r->customer_hours, T, 1, 0, 1, w);
        break;
    case JOB_PEAK:
        summarize_columns(&r->peak, r->peak_customers_out, T, 1, 0, 1, w);
        break;
    case JOB_ECON_TOTAL:
        summarize_columns(&r->econ_total, r->econ_loss, T, 1, 0, 1, w);
        break;
    case JOB_MEANS:
        folded_means(r, w->fold);
        if (r->econ_q)
            column_means_f(r->econ_q_mean, r->econ_q, T, K * N);
        break;
    case JOB_HASH:
        *sum = hash_trials(r, j->c0, j->g);
        break;
    }
}

ssim_status_t ssim_results_summarize(ssim_results_t *r, int threads)
{
    threads = threads < 1 ? 1 : threads;
    size_t group = work_group(r, threads), range = hash_range(r, threads);
    size_t room = plan_jobs(r, group, range, NULL);
    job_t *jobs = ssim_malloc(room, sizeof *jobs, "summary jobs");
    uint64_t *sums = ssim_calloc(room, sizeof *sums, "hash sums");
    if (!jobs || !sums) {
        free(jobs);
        free(sums);
        return SSIM_ENOMEM;
    }
    size_t n_jobs = plan_jobs(r, group, range, jobs);
    if ((size_t)threads > n_jobs)
        threads = (int)n_jobs;
    work_t *w = ssim_calloc((size_t)threads, sizeof *w, "summary workspaces");
    ssim_status_t st = w ? SSIM_OK : SSIM_ENOMEM;
    for (int i = 0; st == SSIM_OK && i < threads; i++)
        st = work_init(&w[i], r, group);
    if (st == SSIM_OK) {
#pragma omp parallel for num_threads(threads) schedule(dynamic, 1)
        for (size_t i = 0; i < n_jobs; i++)
            run_job(r, &jobs[i], &w[omp_get_thread_num()], &sums[i]);
        r->verification = 0;
        for (size_t i = 0; i < n_jobs; i++)
            r->verification += sums[i];
    }
    for (int i = 0; w && i < threads; i++)
        free(w[i].cols);
    free(w);
    free(jobs);
    free(sums);
    return st;
}

/* The verification hash of one trial.  Each of the row's arrays is read as
 * 64-byte blocks of eight 8-byte words (its last block padded with zeros), and
 * word j of every block goes to lane j: lane = rotl(lane + word, 23), a
 * bijection of the lane and of the word, so a change in any one value changes
 * its lane.  The lanes are then mixed by multiplication, so that change
 * reaches every bit of the row's hash.  Eight independent lanes of adds and
 * rotations (in SSE2 registers, two lanes each) cost a few cycles per
 * block: a row of the IC benchmark (about 670 bytes) is 11 blocks. */
typedef uint64_t lanes2_t __attribute__((vector_size(16))); /* one SSE2 register */

static inline lanes2_t lane_step(lanes2_t lane, lanes2_t word)
{
    lanes2_t x = lane + word;
    return x << 23 | x >> 41;
}

/* Absorb `bytes` bytes (a multiple of 4) into the lanes: l[k] takes words
 * 2k and 2k + 1 of each block. */
static inline void absorb(lanes2_t l[4], const void *data, size_t bytes)
{
    const unsigned char *p = data;
    lanes2_t a = l[0], b = l[1], c = l[2], d = l[3], w[4];
    size_t i = 0;
    for (; i + 64 <= bytes; i += 64) {
        memcpy(w, p + i, 64);
        a = lane_step(a, w[0]), b = lane_step(b, w[1]);
        c = lane_step(c, w[2]), d = lane_step(d, w[3]);
    }
    if (i < bytes) {
        memset(w, 0, sizeof w);
        memcpy(w, p + i, bytes - i);
        a = lane_step(a, w[0]), b = lane_step(b, w[1]);
        c = lane_step(c, w[2]), d = lane_step(d, w[3]);
    }
    l[0] = a, l[1] = b, l[2] = c, l[3] = d;
}

/* The lanes mixed into one 64-bit hash: a bijection of each lane in turn,
 * then ssim_hash64. */
static uint64_t lanes_mix(const lanes2_t lane[4], uint64_t x)
{
    for (int l = 0; l < 8; l++)
        x = (x ^ lane[l / 2][l % 2]) * 0xbf58476d1ce4e5b9ull + (uint64_t)l; /* bijective */
    return ssim_hash64(x);
}

uint64_t ssim_results_row_hash(const ssim_results_t *r, const ssim_trial_row_t *row, uint64_t t)
{
    size_t S = r->n_sectors, P = SSIM_N_PREFECTURES, K = r->n_steps, N = r->econ_n;
    lanes2_t lane[4] = {{t * 8, t * 8 + 1}, {t * 8 + 2, t * 8 + 3},
                        {t * 8 + 4, t * 8 + 5}, {t * 8 + 6, t * 8 + 7}};
    uint64_t w[4];
    memcpy(&w[0], row->customer_hours, 8);
    memcpy(&w[1], row->peak_customers_out, 8);
    w[2] = 0;
    w[3] = (uint64_t)(uint32_t)*row->operators_out << 32;
    if (row->max_sectors_out) { /* NULL: folded (lean storage) */
        w[2] = (uint64_t)(uint32_t)*row->max_sectors_out |
               (uint64_t)(uint32_t)*row->suppliers_compromised << 32;
        w[3] |= (uint64_t)(uint32_t)*row->operators_compromised;
    }
    absorb(lane, w, sizeof w);
    absorb(lane, row->sector_customer_hours, S * sizeof(double));
    if (row->sector_compromised) {
        absorb(lane, row->sector_compromised, S * sizeof(int32_t));
        absorb(lane, row->sector_out, S * sizeof(int32_t));
        absorb(lane, row->pref_customer_hours, P * sizeof(double));
    }
    if (row->time_series)
        absorb(lane, row->time_series, K * S * sizeof(float));
    if (row->econ_loss) {
        absorb(lane, row->econ_loss, sizeof(double));
        absorb(lane, row->econ_sector_loss, N * sizeof(double));
    }
    if (row->econ_impact) {
        absorb(lane, row->econ_impact, N * sizeof(double));
        absorb(lane, row->econ_peak, N * sizeof(double));
    }
    if (row->econ_q)
        absorb(lane, row->econ_q, K * N * sizeof(float));
    return lanes_mix(lane, 0x5345435452534d32ull); /* "SECTRSM2" */
}

/* The hash of block b's folded sums (lean storage), as a row's. */
static uint64_t fold_hash(const ssim_results_t *r, uint64_t b)
{
    lanes2_t lane[4] = {{b * 8, b * 8 + 1}, {b * 8 + 2, b * 8 + 3},
                        {b * 8 + 4, b * 8 + 5}, {b * 8 + 6, b * 8 + 7}};
    absorb(lane, &r->fold[b * r->fold_width], r->fold_width * sizeof(double));
    return lanes_mix(lane, 0x53454354464f4c44ull); /* "SECTFOLD" */
}

void ssim_results_hash(ssim_results_t *r) { r->verification = hash_trials(r, 0, r->n_trials); }
