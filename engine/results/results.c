#include "results/results.h"

#include "core/alloc.h"
#include "core/rng.h"
#include "core/vocab.h"
#include "results/order.h"

#include <math.h>
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

uint64_t ssim_results_bytes(uint64_t n_trials, size_t n_sectors, size_t n_operators,
                            size_t n_steps, int keep_time_series)
{
    uint64_t per_trial = 2 * sizeof(double) + 4 * sizeof(int32_t) + sizeof(uint32_t) +
                         n_sectors * (sizeof(double) + 2 * sizeof(int32_t)) +
                         SSIM_N_PREFECTURES * sizeof(double);
    if (keep_time_series)
        per_trial += (uint64_t)n_steps * n_sectors * sizeof(float);
    uint64_t per_op = 2 * sizeof(uint32_t) + sizeof(uint64_t);
    return n_trials * per_trial + n_operators * per_op;
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
                                int keep_time_series)
{
    memset(r, 0, sizeof *r);
    size_t K = ssim_results_n_steps(horizon_hours, step_hours);
    uint64_t need = ssim_results_bytes(n_trials, n_sectors, n_operators, K, keep_time_series);
    uint64_t cap = memory_cap();
    if (need > cap)
        return ssim_error(SSIM_ENOMEM, SSIM_LOC_NONE,
                          "result storage needs %.1f GiB, over the cap of %.1f GiB (80%% of "
                          "memory): use fewer trials or turn off output.time_series",
                          (double)need / (1 << 30), (double)cap / (1 << 30));
    r->n_trials = n_trials;
    r->n_sectors = n_sectors;
    r->n_steps = K;
    r->n_operators = n_operators;
    r->step_hours = step_hours;
    r->horizon_hours = horizon_hours;
    r->keep_time_series = keep_time_series;
    size_t T = (size_t)n_trials, S = n_sectors, P = SSIM_N_PREFECTURES;
    int ok = 1;
#define ALLOC(field, count)                                                                        \
    ok &= (r->field = ssim_calloc_huge((count), sizeof *r->field, #field)) != NULL
    ALLOC(customer_hours, T);
    ALLOC(peak_customers_out, T);
    ALLOC(max_sectors_out, T);
    ALLOC(suppliers_compromised, T);
    ALLOC(operators_compromised, T);
    ALLOC(operators_out, T);
    ALLOC(events, T);
    ALLOC(sector_customer_hours, T * S);
    ALLOC(sector_compromised, T * S);
    ALLOC(sector_out, T * S);
    ALLOC(pref_customer_hours, T * P);
    ALLOC(sector, S);
    ALLOC(pref_mean, P);
    if (keep_time_series) {
        ALLOC(time_series, T * K * S);
        ALLOC(ts_mean, K * S);
        ALLOC(ts_p05, K * S);
        ALLOC(ts_p50, K * S);
        ALLOC(ts_p95, K * S);
    }
#undef ALLOC
    if (!ok || ssim_op_accum_init(&r->ops, n_operators) != SSIM_OK) {
        ssim_results_destroy(r);
        return SSIM_ENOMEM;
    }
    return SSIM_OK;
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
    size_t T = (size_t)r->n_trials, K = r->n_steps, keep = r->time_series != NULL;
    uint64_t per_trial = sizeof(double) * (1 + 3 * n) + (keep ? K * n * sizeof(float) : 0);
    uint64_t need = (uint64_t)T * per_trial;
    if (need > memory_cap())
        return ssim_error(SSIM_ENOMEM, SSIM_LOC_NONE,
                          "economic result storage needs %.1f GiB, over the cap (80%% of "
                          "memory): use fewer trials or turn off output.time_series",
                          (double)need / (1 << 30));
    r->econ_n = n;
    int ok = 1;
#define ALLOC(field, count)                                                                        \
    ok &= (r->field = ssim_calloc_huge((count), sizeof *r->field, #field)) != NULL
    ALLOC(econ_names, n);
    ALLOC(econ_k, n);
    ALLOC(econ_impact, T * n);
    ALLOC(econ_peak, T * n);
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
    if (!ok) {
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
    free(r->sector);
    free(r->pref_mean);
    free(r->ts_mean);
    free(r->ts_p05);
    free(r->ts_p50);
    free(r->ts_p95);
    econ_destroy(r);
    ssim_op_accum_destroy(&r->ops);
    memset(r, 0, sizeof *r);
}

void ssim_results_row(ssim_results_t *r, uint64_t t, ssim_trial_row_t *row)
{
    size_t S = r->n_sectors, K = r->n_steps;
    row->customer_hours = &r->customer_hours[t];
    row->peak_customers_out = &r->peak_customers_out[t];
    row->max_sectors_out = &r->max_sectors_out[t];
    row->suppliers_compromised = &r->suppliers_compromised[t];
    row->operators_compromised = &r->operators_compromised[t];
    row->operators_out = &r->operators_out[t];
    row->events = &r->events[t];
    row->sector_customer_hours = &r->sector_customer_hours[t * S];
    row->sector_compromised = &r->sector_compromised[t * S];
    row->sector_out = &r->sector_out[t * S];
    row->pref_customer_hours = &r->pref_customer_hours[t * SSIM_N_PREFECTURES];
    row->time_series = r->time_series ? &r->time_series[t * K * S] : NULL;
    size_t N = r->econ_n;
    row->econ_loss = r->econ_loss ? &r->econ_loss[t] : NULL;
    row->econ_sector_loss = r->econ_sector_loss ? &r->econ_sector_loss[t * N] : NULL;
    row->econ_impact = r->econ_impact ? &r->econ_impact[t * N] : NULL;
    row->econ_peak = r->econ_peak ? &r->econ_peak[t * N] : NULL;
    row->econ_q = r->econ_q ? &r->econ_q[t * K * N] : NULL;
}

/* Workspace of the summaries: `group` gathered columns of T values and a
 * spare column.  Gathering a group of columns of a row-major matrix in one
 * pass reads the matrix from memory once per group; one strided pass per
 * column reads it once per column (a stride of 13 doubles touches every
 * cache line): about 1 against 11 ns a value at 2e6 trials x 13 sectors. */
typedef struct {
    double *cols;  /* length group * T */
    double *spare; /* length T */
    size_t group;  /* columns gathered per pass, >= 1 */
} work_t;

/* Group bounds: past a few dozen columns a pass already reads only the cache
 * lines it needs, and a bigger buffer costs page faults. */
enum { WORK_GROUP_BYTES = 64 << 20, WORK_GROUP_COLUMNS = 64 };

/* Columns to gather at a time, at least 1: r's widest matrix, bounded by
 * WORK_GROUP_COLUMNS, WORK_GROUP_BYTES and the room the memory cap leaves
 * beside the result storage. */
static size_t work_group(const ssim_results_t *r)
{
    size_t T = (size_t)r->n_trials, K = r->n_steps, S = r->n_sectors, N = r->econ_n;
    size_t widest = S > 1 ? S : 1;
    if (r->time_series && K * S > widest)
        widest = K * S;
    if (r->econ_sector_loss && N > widest)
        widest = N;
    if (widest > WORK_GROUP_COLUMNS)
        widest = WORK_GROUP_COLUMNS;
    uint64_t used = ssim_results_bytes(r->n_trials, S, r->n_operators, K, r->time_series != NULL);
    used += r->n_trials * (sizeof(double) * (1 + 3 * N) + (r->econ_q ? K * N * sizeof(float) : 0));
    uint64_t cap = memory_cap(), room = cap > used ? cap - used : 0;
    uint64_t bytes = room < WORK_GROUP_BYTES ? room : WORK_GROUP_BYTES;
    uint64_t fit = T ? bytes / (T * sizeof(double)) : widest;
    return fit < 1 ? 1 : fit < widest ? (size_t)fit : widest;
}

/* Allocate the workspace (caller frees w->cols).  SSIM_ENOMEM on failure. */
static ssim_status_t work_init(work_t *w, const ssim_results_t *r)
{
    size_t T = (size_t)r->n_trials;
    w->group = work_group(r);
    w->cols = ssim_malloc((w->group + 1) * T + 1, sizeof *w->cols, "summary workspace");
    w->spare = w->cols ? w->cols + w->group * T : NULL;
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

/* Summaries of the C columns of the row-major T x C matrix x into out[0..C). */
static void summarize_columns(ssim_summary_t *out, const double *x, size_t T, size_t C,
                              const work_t *w)
{
    for (size_t c0 = 0; c0 < C; c0 += w->group) {
        size_t g = C - c0 < w->group ? C - c0 : w->group;
        gather_d(w->cols, x, T, C, c0, g);
        for (size_t k = 0; k < g; k++)
            ssim_summary_of_column(&out[c0 + k], w->cols + k * T, T, w->spare);
    }
}

/* Fold the bytes of an array into the verification hash.  Four lanes hash
 * interleaved 8-byte words (lane l takes words l, l + 4, ...) and are merged
 * at the end: one chain of dependent multiplies per word cost about 5 ns a
 * word, a quarter of the summaries at 2e6 trials; four chains overlap. */
static uint64_t fold(uint64_t h, const void *data, size_t bytes)
{
    const unsigned char *p = data;
    uint64_t lane[4] = {h, h ^ 0x243f6a8885a308d3ull, h ^ 0x13198a2e03707344ull,
                        h ^ 0xa4093822299f31d0ull};
    uint64_t w[4];
    size_t i = 0;
    for (; i + 32 <= bytes; i += 32) {
        memcpy(w, p + i, 32);
        for (int l = 0; l < 4; l++)
            lane[l] = ssim_hash64(lane[l] ^ w[l]);
    }
    for (int l = 0; i < bytes; l++, i += 8) {
        w[0] = 0;
        memcpy(w, p + i, bytes - i < 8 ? bytes - i : 8);
        lane[l] = ssim_hash64(lane[l] ^ w[0]);
    }
    return ssim_hash64(lane[0] ^ ssim_hash64(lane[1] ^ ssim_hash64(lane[2] ^
                       ssim_hash64(lane[3] ^ bytes))));
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

/* Per (step, sector) over trials (T >= 1): summarize_step. */
static void summarize_time_series(ssim_results_t *r, const work_t *w)
{
    size_t T = (size_t)r->n_trials, KS = r->n_steps * r->n_sectors;
    for (size_t c0 = 0; c0 < KS; c0 += w->group) {
        size_t g = KS - c0 < w->group ? KS - c0 : w->group;
        gather_f(w->cols, r->time_series, T, KS, c0, g);
        for (size_t k = 0; k < g; k++)
            summarize_step(r, c0 + k, w->cols + k * T, T, w->spare);
    }
}

/* Means of the C columns of a row-major T x C matrix (0 when T == 0).  Read
 * row by row, so the matrix streams through the cache once; each column's
 * sum is still taken in trial order, so the means are those of a column-wise
 * loop to the bit. */
static void column_means_d(double *mean, const double *x, size_t T, size_t C)
{
    memset(mean, 0, C * sizeof *mean);
    for (size_t t = 0; t < T; t++)
        for (size_t c = 0; c < C; c++)
            mean[c] += x[t * C + c];
    for (size_t c = 0; T && c < C; c++)
        mean[c] /= (double)T;
}

/* column_means_d for a float matrix (sums in double). */
static void column_means_f(double *mean, const float *x, size_t T, size_t C)
{
    memset(mean, 0, C * sizeof *mean);
    for (size_t t = 0; t < T; t++)
        for (size_t c = 0; c < C; c++)
            mean[c] += x[t * C + c];
    for (size_t c = 0; T && c < C; c++)
        mean[c] /= (double)T;
}

/* Economic summaries, in trial order: loss (total and by IO sector), the
 * mean impact and the mean step inoperability. */
static void summarize_econ(ssim_results_t *r, const work_t *w)
{
    size_t T = (size_t)r->n_trials, N = r->econ_n, K = r->n_steps;
    if (r->econ_loss) {
        summarize_columns(&r->econ_total, r->econ_loss, T, 1, w);
        summarize_columns(r->econ_sector, r->econ_sector_loss, T, N, w);
    }
    column_means_d(r->econ_impact_mean, r->econ_impact, T, N);
    if (r->econ_q)
        column_means_f(r->econ_q_mean, r->econ_q, T, K * N);
}

/* The economic per-trial arrays folded into the verification hash. */
static uint64_t fold_econ(const ssim_results_t *r, uint64_t h)
{
    size_t T = (size_t)r->n_trials, N = r->econ_n;
    if (r->econ_loss) {
        h = fold(h, r->econ_loss, T * sizeof(double));
        h = fold(h, r->econ_sector_loss, T * N * sizeof(double));
    }
    h = fold(h, r->econ_impact, T * N * sizeof(double));
    h = fold(h, r->econ_peak, T * N * sizeof(double));
    if (r->econ_q)
        h = fold(h, r->econ_q, T * r->n_steps * N * sizeof(float));
    return h;
}

ssim_status_t ssim_results_summarize_stats(ssim_results_t *r)
{
    size_t T = (size_t)r->n_trials, S = r->n_sectors, P = SSIM_N_PREFECTURES;
    work_t w;
    if (work_init(&w, r) != SSIM_OK)
        return SSIM_ENOMEM;
    summarize_columns(&r->total, r->customer_hours, T, 1, &w);
    summarize_columns(&r->peak, r->peak_customers_out, T, 1, &w);
    summarize_columns(r->sector, r->sector_customer_hours, T, S, &w);
    column_means_d(r->pref_mean, r->pref_customer_hours, T, P);
    size_t multi = 0;
    for (size_t t = 0; t < T; t++)
        multi += r->max_sectors_out[t] >= 2;
    r->p_multi_sector = T ? (double)multi / (double)T : 0.0;
    if (r->time_series && T)
        summarize_time_series(r, &w);
    if (r->econ_n)
        summarize_econ(r, &w);
    free(w.cols);
    return SSIM_OK;
}

void ssim_results_hash(ssim_results_t *r)
{
    size_t T = (size_t)r->n_trials, S = r->n_sectors, P = SSIM_N_PREFECTURES;
    uint64_t h = 0x5345435452534d31ull; /* "SECTRSM1" */
    h = fold(h, r->customer_hours, T * sizeof(double));
    h = fold(h, r->peak_customers_out, T * sizeof(double));
    h = fold(h, r->max_sectors_out, T * sizeof(int32_t));
    h = fold(h, r->suppliers_compromised, T * sizeof(int32_t));
    h = fold(h, r->operators_compromised, T * sizeof(int32_t));
    h = fold(h, r->operators_out, T * sizeof(int32_t));
    h = fold(h, r->sector_customer_hours, T * S * sizeof(double));
    h = fold(h, r->sector_compromised, T * S * sizeof(int32_t));
    h = fold(h, r->sector_out, T * S * sizeof(int32_t));
    h = fold(h, r->pref_customer_hours, T * P * sizeof(double));
    if (r->time_series)
        h = fold(h, r->time_series, T * r->n_steps * S * sizeof(float));
    if (r->econ_n)
        h = fold_econ(r, h);
    r->verification = h;
}

ssim_status_t ssim_results_summarize(ssim_results_t *r)
{
    ssim_status_t st = ssim_results_summarize_stats(r);
    if (st == SSIM_OK)
        ssim_results_hash(r);
    return st;
}
